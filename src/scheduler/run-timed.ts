import type { Log } from '../app/log.ts'
import type { Notice } from '../app/notices.ts'
import type { Clock, CommandContext, ProjectInfo, Store, TimedOutcome, TimedRun, Tx } from '../app/ports.ts'
import { AlreadyDone, schedulerActor } from '../app/timed.ts'
import { renderNotices } from '../chat/notify.ts'
import { lateNote } from '../chat/reply/timed-notices.ts'
import type { Platform } from '../domain/platform.ts'

/** What every job needs. Tests build one with a fresh store and call a job's `run` with a manual instant. */
export interface JobDeps {
  store: Store
  /** The machine's own clock: platform event ids are kept by it (app/inbound.ts), whatever ANCHANG_CLOCK says. */
  realClock: Clock
  /** Recorded with every run and in the audit (`scheduler:<instanceId>`). */
  instanceId: string
  log: Log
  /** Called after a run queued messages (wakes the outbox worker). */
  onQueued: () => void
  /** Rows per pass of a sweep: each query and each pass is bounded by it. */
  batch: number
  /** A reminder sent later than this after its moment says so (补发). */
  lateAfterMs: number
  /** Recurring announcements: missed by more than graceMs → dropped; firings older than lookbackMs are not looked at. */
  announcementGraceMs: number
  announcementLookbackMs: number
  /** Platforms that can write to one person (see chat/notify.ts); default DIRECT_CAPABLE. */
  direct?: ReadonlySet<Platform>
}

export type JobReport = Record<TimedOutcome, number>

export const emptyReport = (): JobReport => ({ sent: 0, late: 0, dropped: 0, applied: 0 })

/**
 * Runs one timed use case in its own transaction: the use case reads, decides and claims its key; the notices it
 * raised are rendered and queued in the same transaction under the key (the outbox's dedupe key). Everything commits
 * together or not at all, so a reminder is queued exactly when its key is recorded. AlreadyDone (another instance
 * committed the same transition first) rolls it back and counts as nothing done.
 */
export async function runTimed(
  deps: JobDeps,
  project: ProjectInfo,
  now: Date,
  work: (tx: Tx, ctx: CommandContext) => Promise<TimedRun | null>,
): Promise<TimedRun | null> {
  const [run] = await inOneTransaction(deps, project, now, [work])
  return run ?? null
}

/**
 * Reminders (they change nothing but their own record and the outbox) go a page at a time in one transaction, each
 * still recorded with exactly its own messages: a transaction's fixed cost is paid once per page, not per reminder.
 * If the page fails (a row that throws), every row is run again in a transaction of its own, so one bad row cannot
 * hold the others back; the error of that row is rethrown after.
 */
export async function runTimedPage(
  deps: JobDeps,
  project: ProjectInfo,
  now: Date,
  works: ((tx: Tx, ctx: CommandContext) => Promise<TimedRun | null>)[],
): Promise<(TimedRun | null)[]> {
  if (works.length <= 1) return inOneTransaction(deps, project, now, works)
  try {
    return await inOneTransaction(deps, project, now, works)
  } catch (e) {
    deps.log('scheduler.page-failed', { project: project.id, rows: works.length, error: e }, 'warn')
    const out: (TimedRun | null)[] = []
    for (const work of works) out.push(await runTimed(deps, project, now, work))
    return out
  }
}

async function inOneTransaction(
  deps: JobDeps,
  project: ProjectInfo,
  now: Date,
  works: ((tx: Tx, ctx: CommandContext) => Promise<TimedRun | null>)[],
): Promise<(TimedRun | null)[]> {
  let queued = false
  let runs: (TimedRun | null)[]
  try {
    runs = await deps.store.transaction(async (tx) => {
      queued = false
      const out: (TimedRun | null)[] = []
      for (const work of works) {
        const notices: Notice[] = []
        const ctx: CommandContext = {
          project,
          actor: schedulerActor(deps.instanceId),
          now,
          source: null,
          notify: (n) => notices.push(n),
        }
        const run = await work(tx, ctx)
        out.push(run)
        if (!run) continue
        let messages = await renderNotices(tx, project, notices, deps.direct)
        if (run.outcome === 'late') {
          const note = lateNote(run.dueAt, project.timezone)
          messages = messages.map((m) => ({ ...m, text: `${note}${m.text}` }))
        }
        await tx.outbox.enqueue(project.id, messages, now, run.key)
        queued ||= messages.length > 0
      }
      return out
    })
  } catch (e) {
    if (e instanceof AlreadyDone) return works.map(() => null)
    throw e
  }
  for (const run of runs)
    if (run) deps.log('scheduler.run', { run: run.key, outcome: run.outcome, project: project.id }, 'debug')
  if (queued) deps.onQueued()
  return runs
}

export function count(report: JobReport, run: TimedRun | null): void {
  if (run) report[run.outcome]++
}
