import { holdReminderAt, isFrozenBy } from '../domain/deposit.ts'
import { reminderTiming } from '../domain/reminders.ts'
import type { HoldEnding } from './holds.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/**
 * R14 "09:00 on a hold's last day": tells the agent who asked for the deposit and the group that the hold ends
 * tonight, once per hold. A hold no longer pending or approved (subscribed, refunded, rejected, released) gets none;
 * a hold already over is recorded as dropped and not sent. Null when there was nothing to do or another instance did.
 */
export async function remindHold(
  tx: Tx,
  ctx: CommandContext,
  input: { hold: HoldEnding; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const { hold } = input
  const deposit = await tx.deposits.byId(hold.depositId)
  if (!deposit || deposit.projectId !== project.id || (deposit.status !== 'pending' && deposit.status !== 'approved'))
    return null
  // a 认购 waiting for the manager keeps the unit held past tonight: no "ends tonight" reminder
  const unit = await tx.units.byId(deposit.unitId)
  if (unit && isFrozenBy(unit, deposit.id)) return null
  const dueAt = holdReminderAt(deposit.recordedAt, deposit.heldUntil, project.settings, project.timezone)
  if (!dueAt || now.getTime() < dueAt.getTime()) return null
  const run: TimedRun = {
    key: runKey('hold-reminder', hold.depositCode, dueAt),
    projectId: project.id,
    kind: 'hold-reminder',
    dueAt,
    outcome: reminderTiming(dueAt, deposit.heldUntil, now, input.lateAfterMs),
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  if (run.outcome === 'dropped') return run
  ctx.notify({
    audience: [{ to: 'groups' }, { to: 'staff', staffId: deposit.requestedBy }],
    event: {
      kind: 'hold-ending',
      unitCode: hold.unitCode,
      depositCode: hold.depositCode,
      heldUntil: deposit.heldUntil,
      agencyName: hold.agencyName,
    },
  })
  return run
}
