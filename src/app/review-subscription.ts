import { isHoldLive, thawHold } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { approveSubscription, rejectSubscription } from '../domain/subscription.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { refreshDealLock } from './deal-lock.ts'
import { expireHold } from './holds.ts'
import type { CommandContext, Tx } from './ports.ts'
import type { Review } from './review-deposit.ts'
import { tellRequester } from './tell-requester.ts'

export interface SubscriptionReviewOutcome {
  subscriptionCode: string
  depositCode: string
  unitCode: string
  decision: 'approved' | 'rejected'
  priceFen: number
  /** Rejected: the deposit's hold runs on until this instant. */
  heldUntil: Date
  /** Rejected after the deposit's hold had ended: the unit went back on sale at once (自动开封). */
  released: boolean
  auditCode: string
}

/**
 * R21 `批准 S…` / `驳回 S… [原因]` (manager): approval while the deposit's hold is live subscribes the unit (its hold
 * no longer ends) and moves the customer's deal lock to the subscription, even after the deposit's own end (the
 * pending form kept the unit held); rejection lets the hold end with the deposit's — at once if that has passed.
 */
export async function reviewSubscription(
  tx: Tx,
  ctx: CommandContext,
  subscriptionId: number,
  review: Review,
): Promise<Result<SubscriptionReviewOutcome, DomainError>> {
  const subscriptionCode = code('S', subscriptionId)
  const sub = await tx.subscriptions.byId(subscriptionId)
  if (!sub || sub.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: subscriptionCode })
  const deposit = await tx.deposits.byId(sub.depositId)
  const unit = await tx.units.byId(sub.unitId)
  if (!deposit || !unit) throw new Error(`subscription ${subscriptionId} without its deposit or unit`)
  const by = ctx.actor.staffId ?? 0
  let released = false
  if (review.decision === 'approve') {
    const approved = approveSubscription(sub, deposit, unit, ctx.now)
    if (!approved.ok) return approved
    await tx.subscriptions.setStatus(sub.id, 'pending', 'approved', { at: ctx.now, decidedBy: by })
    await tx.deposits.setStatus(deposit.id, deposit.status, 'subscribed', { at: ctx.now })
    await tx.units.save({ ...unit, ...approved.value.unit }, ctx.now)
    await refreshDealLock(tx, deposit.customerId, ctx.now)
  } else {
    const rejected = rejectSubscription(sub)
    if (!rejected.ok) return rejected
    await tx.subscriptions.setStatus(sub.id, 'pending', 'rejected', {
      at: ctx.now,
      decidedBy: by,
      reason: review.reason,
    })
    // The form no longer holds the unit: its hold ends with the deposit's, which may be over already.
    await tx.units.save(thawHold(unit, deposit), ctx.now)
    if (deposit.status === 'awaiting') await tx.deposits.setStatus(deposit.id, 'awaiting', 'approved', { at: ctx.now })
    if (!isHoldLive({ ...deposit, status: 'approved' }, ctx.now))
      released = (await expireHold(tx, ctx, deposit.id)).released
  }
  const decision = review.decision === 'approve' ? 'approved' : 'rejected'
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: `subscription.${review.decision}`,
    subject: subscriptionCode,
    data: { depositCode: code('D', deposit.id), unitCode: unit.code, priceFen: sub.priceFen, reason: review.reason },
  })
  tellRequester(ctx, sub.requestedBy, {
    kind: 'approval-decided',
    recordCode: subscriptionCode,
    unitCode: unit.code,
    decision,
    reason: review.reason,
    by: ctx.actor.name,
  })
  if (decision === 'approved') {
    const agency = await tx.agencies.byId(sub.agencyId)
    ctx.notify({
      audience: [{ to: 'groups' }],
      event: { kind: 'unit-subscribed', unitCode: unit.code, subscriptionCode, agencyName: agency?.name ?? '' },
    })
  }
  return ok({
    subscriptionCode,
    depositCode: code('D', deposit.id),
    unitCode: unit.code,
    decision,
    priceFen: sub.priceFen,
    heldUntil: deposit.heldUntil,
    released,
    auditCode,
  })
}
