import { createScheduler, type JobReport, jobNamed, type Scheduler } from '../../src/scheduler/index.ts'
import type { Harness } from '../support/chat.ts'

/** A scheduler on the harness's store and manual clock; jobs run only when the test says so. */
export function schedulerFor(h: Harness, instanceId = 'test'): Scheduler {
  return createScheduler({ store: h.store, clock: h.clock, realClock: h.clock, instanceId, timezone: 'Asia/Shanghai' })
}

/** Runs one job at the clock's instant. */
export function runJob(s: Scheduler, h: Harness, name: string): Promise<JobReport> {
  return jobNamed(name).run(s.deps, h.clock.now())
}

/** Outbound messages whose text contains `marker`, as `kind:id text`. */
export async function pushed(h: Harness, marker: string): Promise<string[]> {
  return (await h.outbox()).filter((m) => m.text.includes(marker)).map((m) => `${m.targetKind}:${m.targetId} ${m.text}`)
}

export async function runs(h: Harness, kind?: string) {
  return h.store.db.scheduledRun.findMany({
    where: kind ? { kind } : {},
    orderBy: { dueAt: 'asc' },
    select: { key: true, outcome: true },
  })
}
