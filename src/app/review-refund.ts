import { approveRefund, rejectRefund } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { refreshDealLock } from './deal-lock.ts'
import type { CommandContext, Tx } from './ports.ts'
import type { Review } from './review-deposit.ts'
import { tellRequester } from './tell-requester.ts'

export interface RefundReviewOutcome {
  refundCode: string
  depositCode: string
  unitCode: string
  decision: 'approved' | 'rejected'
  amountFen: number
  /** Approved: whether the unit went back on sale (false when the deposit no longer held it). */
  released: boolean
  /** The customer's deal lock after the change (rule 5): null when no other deal holds them. */
  lock: string | null
  auditCode: string
}

/**
 * R15 `批准 R…` / `驳回 R… [原因]` (manager): an approved refund refunds the deposit, releases its unit and the
 * customer's deal lock; a rejected one leaves the deposit as it was.
 */
export async function reviewRefund(
  tx: Tx,
  ctx: CommandContext,
  refundId: number,
  review: Review,
): Promise<Result<RefundReviewOutcome, DomainError>> {
  const refundCode = code('R', refundId)
  const refund = await tx.deposits.refundById(refundId)
  if (!refund || refund.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: refundCode })
  const deposit = await tx.deposits.byId(refund.depositId)
  const unit = deposit && (await tx.units.byId(deposit.unitId))
  if (!deposit || !unit) throw new Error(`refund ${refundId} without its deposit or unit`)
  const depositCode = code('D', deposit.id)
  const by = ctx.actor.staffId ?? 0
  let released = false
  let lock: string | null = null
  if (review.decision === 'approve') {
    const approved = approveRefund(refund, deposit, unit)
    if (!approved.ok) return approved
    await tx.deposits.setRefundStatus(refund.id, 'pending', 'approved', { at: ctx.now, decidedBy: by })
    await tx.deposits.setStatus(deposit.id, deposit.status, 'refunded', { at: ctx.now, closed: true })
    released = approved.value.released
    if (released) await tx.units.save({ ...unit, ...approved.value.unit }, ctx.now)
    lock = await refreshDealLock(tx, deposit.customerId, ctx.now)
  } else {
    const rejected = rejectRefund(refund)
    if (!rejected.ok) return rejected
    await tx.deposits.setRefundStatus(refund.id, 'pending', 'rejected', {
      at: ctx.now,
      decidedBy: by,
      reason: review.reason,
    })
  }
  const decision = review.decision === 'approve' ? 'approved' : 'rejected'
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: `refund.${review.decision}`,
    subject: refundCode,
    data: { depositCode, unitCode: unit.code, amountFen: deposit.amountFen, reason: review.reason, released },
  })
  tellRequester(ctx, refund.requestedBy, {
    kind: 'approval-decided',
    recordCode: refundCode,
    unitCode: unit.code,
    decision,
    reason: review.reason,
    by: ctx.actor.name,
  })
  if (released) {
    ctx.notify({
      audience: [{ to: 'groups' }],
      event: { kind: 'unit-released', unitCode: unit.code, depositCode, why: 'refunded', heldUntil: deposit.heldUntil },
    })
  }
  return ok({
    refundCode,
    depositCode,
    unitCode: unit.code,
    decision,
    amountFen: deposit.amountFen,
    released,
    lock,
    auditCode,
  })
}
