import { expireHold } from './holds.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { AlreadyDone, runKey } from './timed.ts'

/**
 * R14 自动开封 at a hold's end (or, with a 认购 pending, the announcement that it waits for the decision), recorded
 * once under (deposit, heldUntil). expireHold settles a race on the deposit
 * itself (compare-and-set on its status), so the key is recorded after it; a key already there means another
 * instance committed the same release first, and this transaction is rolled back.
 */
export async function endHold(
  tx: Tx,
  ctx: CommandContext,
  input: { depositId: number; depositCode: string; heldUntil: Date },
): Promise<TimedRun | null> {
  const expiry = await expireHold(tx, ctx, input.depositId)
  if (!expiry.released && !expiry.awaiting) return null
  const run: TimedRun = {
    key: runKey('hold-end', input.depositCode, input.heldUntil),
    projectId: ctx.project.id,
    kind: 'hold-end',
    dueAt: input.heldUntil,
    outcome: 'applied',
  }
  if (!(await tx.schedule.claim(run, ctx.now, ctx.actor.identity))) throw new AlreadyDone(run)
  return run
}
