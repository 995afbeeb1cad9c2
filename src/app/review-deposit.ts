import { approveDeposit, rejectDeposit } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { refreshDealLock } from './deal-lock.ts'
import type { CommandContext, Tx } from './ports.ts'
import { tellRequester } from './tell-requester.ts'

export interface Review {
  /** 批准 or 驳回 */
  decision: 'approve' | 'reject'
  reason: string | null
}

export interface DepositReviewOutcome {
  depositCode: string
  unitCode: string
  decision: 'approved' | 'rejected'
  heldUntil: Date
  /** Rejected: whether the unit went back on sale (false when the deposit no longer held it). */
  released: boolean
  /** The customer's deal lock after the change (rule 5): null when no other deal holds them. */
  lock: string | null
  auditCode: string
}

/**
 * R15 `批准 D…` / `驳回 D… [原因]` (manager): approval while the hold is live (at heldUntil it has ended, R14);
 * rejection of a pending deposit releases its unit and the customer's deal lock.
 */
export async function reviewDeposit(
  tx: Tx,
  ctx: CommandContext,
  depositId: number,
  review: Review,
): Promise<Result<DepositReviewOutcome, DomainError>> {
  const depositCode = code('D', depositId)
  const deposit = await tx.deposits.byId(depositId)
  if (!deposit || deposit.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: depositCode })
  const unit = await tx.units.byId(deposit.unitId)
  if (!unit) throw new Error(`deposit ${depositId} without its unit`)
  const by = ctx.actor.staffId ?? 0
  let released = false
  let lock: string | null = null
  if (review.decision === 'approve') {
    const approved = approveDeposit(deposit, ctx.now)
    if (!approved.ok) return approved
    await tx.deposits.setStatus(deposit.id, 'pending', 'approved', { at: ctx.now, decidedBy: by })
  } else {
    const rejected = rejectDeposit(deposit, unit)
    if (!rejected.ok) return rejected
    await tx.deposits.setStatus(deposit.id, 'pending', 'rejected', {
      at: ctx.now,
      decidedBy: by,
      reason: review.reason,
      closed: true,
    })
    released = rejected.value.released
    if (released) await tx.units.save({ ...unit, ...rejected.value.unit }, ctx.now)
    lock = await refreshDealLock(tx, deposit.customerId, ctx.now)
  }
  const decision = review.decision === 'approve' ? 'approved' : 'rejected'
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: `deposit.${review.decision}`,
    subject: depositCode,
    data: { unitCode: unit.code, reason: review.reason, released },
  })
  tellRequester(ctx, deposit.requestedBy, {
    kind: 'approval-decided',
    recordCode: depositCode,
    unitCode: unit.code,
    decision,
    reason: review.reason,
    by: ctx.actor.name,
  })
  if (released) {
    ctx.notify({
      audience: [{ to: 'groups' }],
      event: { kind: 'unit-released', unitCode: unit.code, depositCode, why: 'rejected', heldUntil: deposit.heldUntil },
    })
  }
  return ok({ depositCode, unitCode: unit.code, decision, heldUntil: deposit.heldUntil, released, lock, auditCode })
}
