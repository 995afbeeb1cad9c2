import { firingsBetween, parseCron } from '../domain/cron.ts'
import { announce } from './announce.ts'
import { code } from './codes.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

export interface FiringPolicy {
  /** Sent later than this after its minute: said to be late (补发). */
  lateAfterMs: number
  /** Missed by more than this: dropped, not sent (a shuttle-bus notice hours late would mislead). */
  graceMs: number
  /** Firings older than this are not looked at (after a long outage). */
  lookbackMs: number
}

/**
 * Fires a recurring announcement through announce() for its latest due minute, once. Earlier minutes missed while
 * the server was down are recorded as dropped (only the latest matters), and so is the latest when it was missed by
 * more than the grace period. Null when nothing is due, it was removed, or another instance fired it.
 */
export async function fireRecurringAnnouncement(
  tx: Tx,
  ctx: CommandContext,
  input: { id: number; policy: FiringPolicy },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const { policy } = input
  const record = await tx.recurring.byId(input.id)
  if (!record || record.projectId !== project.id || record.removedAt !== null) return null
  const spec = parseCron(record.cron)
  if (!spec.ok) return null
  const from = Math.max((record.firedThrough ?? record.createdAt).getTime(), now.getTime() - policy.lookbackMs)
  const firings = firingsBetween(spec.value, new Date(from), now, project.timezone, 2_000)
  const latest = firings.at(-1)
  if (!latest) return null
  const subject = code('T', record.id)
  const missedBy = now.getTime() - latest.getTime()
  const run: TimedRun = {
    key: runKey('announcement', subject, latest),
    projectId: project.id,
    kind: 'announcement',
    dueAt: latest,
    outcome: missedBy > policy.graceMs ? 'dropped' : missedBy > policy.lateAfterMs ? 'late' : 'sent',
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  for (const at of firings.slice(0, -1)) {
    const dropped: TimedRun = { ...run, key: runKey('announcement', subject, at), dueAt: at, outcome: 'dropped' }
    await tx.schedule.claim(dropped, now, ctx.actor.identity)
  }
  await tx.recurring.markFired(record.id, latest)
  if (run.outcome !== 'dropped')
    await announce(tx, ctx, { text: record.text, recurring: { id: record.id, code: subject } })
  return run
}
