import { instantAt, type LocalDate } from '../domain/calendar.ts'
import { auditHeadOf } from './audit.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/** When each day's audit head goes out (local time); issue 13's daily brief will carry it instead. */
export const AUDIT_HEAD_AT = { hour: 9, minute: 0 }

/**
 * SPEC.md "Audit": once a day the managers get the chain's head (seq and the first digits of its hash) by direct
 * message, so the chain is anchored outside the database — `/audit verify <seq> <hash>` later shows whether that
 * head is still in the chain. Once per project and local day (the run's key); a day missed while the bot was down
 * is not sent afterwards (the head then is today's), and today's goes out late, saying so. A chain still empty has
 * nothing to anchor and is recorded as dropped.
 */
export async function sendAuditHead(
  tx: Tx,
  ctx: CommandContext,
  input: { day: LocalDate; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const dueAt = instantAt(input.day, project.timezone, AUDIT_HEAD_AT.hour, AUDIT_HEAD_AT.minute)
  if (now.getTime() < dueAt.getTime()) return null
  const head = await auditHeadOf(tx, project.id)
  const run: TimedRun = {
    key: runKey('audit-head', `project-${project.id}`, input.day),
    projectId: project.id,
    kind: 'audit-head',
    dueAt,
    outcome: head.seq === 0 ? 'dropped' : now.getTime() - dueAt.getTime() > input.lateAfterMs ? 'late' : 'sent',
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  if (run.outcome === 'dropped') return run
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    event: { kind: 'audit-head', seq: head.seq, shortHash: head.shortHash, code: head.code, at: now },
  })
  return run
}
