import { createTask, type ScheduledTask } from 'node-cron'
import { systemClock } from '../app/clock.ts'
import type { Log } from '../app/log.ts'
import type { Clock, Store } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import { JOBS, type Job } from './jobs.ts'
import { emptyReport, type JobDeps, type JobReport } from './run-timed.ts'

export interface SchedulerOptions {
  store: Store
  clock: Clock
  /** The machine's own clock, for bookkeeping of platform deliveries (event ids); default: real time. */
  realClock?: Clock
  instanceId: string
  /** The time zone node-cron reads the jobs' patterns in (ANCHANG_TZ). */
  timezone: string
  log?: Log
  onQueued?: () => void
  jobs?: readonly Job[]
  batch?: number
  lateAfterMs?: number
  announcementGraceMs?: number
  announcementLookbackMs?: number
  /** Platforms that can write to one person (WeCom in long-connection mode joins the default ones). */
  direct?: ReadonlySet<Platform>
}

export interface Scheduler {
  deps: JobDeps
  /** Runs every job once at the clock's instant (the catch-up); resolves with what each did. */
  runAll(): Promise<Record<string, JobReport>>
  /**
   * Catch-up run now, then each job on its cron pattern. Resolves when the catch-up is done (the server does not
   * wait for it); a stop during the catch-up ends it after the job in flight.
   */
  start(): Promise<Record<string, JobReport>>
  /** Stops the cron tasks and waits for the runs in flight. */
  stop(): Promise<void>
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const log = opts.log ?? (() => {})
  const deps: JobDeps = {
    store: opts.store,
    realClock: opts.realClock ?? systemClock(),
    instanceId: opts.instanceId,
    log,
    onQueued: opts.onQueued ?? (() => {}),
    batch: opts.batch ?? 100,
    lateAfterMs: opts.lateAfterMs ?? 5 * 60_000,
    announcementGraceMs: opts.announcementGraceMs ?? 30 * 60_000,
    announcementLookbackMs: opts.announcementLookbackMs ?? 24 * 3_600_000,
    ...(opts.direct ? { direct: opts.direct } : {}),
  }
  const jobs = opts.jobs ?? JOBS
  const busy = new Map<string, Promise<JobReport>>()
  const tasks: ScheduledTask[] = []
  let catchUp: Promise<Record<string, JobReport>> | null = null
  let stopped = false

  /** One run of a job at the clock's instant; a job still running from the last tick is not started twice. */
  function tick(job: Job): Promise<JobReport> {
    const running = busy.get(job.name)
    if (running) return running
    const started = Date.now()
    const p = job
      .run(deps, opts.clock.now())
      .then((report) => {
        if (report.sent + report.late + report.dropped + report.applied > 0)
          log('scheduler.job', { job: job.name, ...report, ms: Date.now() - started })
        return report
      })
      .catch((e) => {
        log('scheduler.error', { job: job.name, error: e }, 'error')
        return emptyReport()
      })
      .finally(() => busy.delete(job.name))
    busy.set(job.name, p)
    return p
  }

  async function runAll(): Promise<Record<string, JobReport>> {
    const out: Record<string, JobReport> = {}
    for (const job of jobs) {
      if (stopped) break
      out[job.name] = await tick(job)
    }
    return out
  }

  return {
    deps,
    runAll,
    start() {
      if (catchUp) return catchUp
      catchUp = runAll().then((reports) => {
        log('scheduler.caught-up', { reports })
        return reports
      })
      for (const job of jobs) {
        const task = createTask(job.cron, () => (stopped ? undefined : tick(job)), {
          name: `anchang-${job.name}`,
          timezone: opts.timezone,
          noOverlap: true,
        })
        void task.start()
        tasks.push(task)
      }
      return catchUp
    },
    async stop() {
      stopped = true
      for (const task of tasks.splice(0)) await task.destroy()
      await catchUp
      await Promise.all(busy.values())
    },
  }
}
