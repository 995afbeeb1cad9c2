import { type LocalMonth, localMonthOf } from './calendar.ts'
import { type Deposit, type DepositError, depositStatusAt, isFrozenBy } from './deposit.ts'
import type { Fen } from './money.ts'
import { err, ok, type Result } from './result.ts'
import type { DepositStatus, SubscriptionStatus } from './statuses.ts'
import { effectiveStatus, signUnit, subscribeUnit, type Unit, type UnitError, type UnitStatus } from './unit.ts'

export { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from './statuses.ts'

export interface Subscription {
  id: number
  depositId: number
  unitId: number
  /** The deposit's agency: the deal stays where the deposit put it. */
  agencyId: number
  priceFen: Fen
  status: SubscriptionStatus
}

export interface SubscriptionRequest {
  deposit: Deposit
  unit: Unit
  priceFen: Fen
  /** Earlier subscriptions of the same deposit. */
  subscriptions: readonly Pick<Subscription, 'id' | 'status'>[]
  now: Date
}

export interface SubscriptionDecision {
  depositId: number
  unitId: number
  agencyId: number
  priceFen: Fen
  /** Above the unit's list price (总价): allowed, but shown to the manager as a likely typo. */
  aboveList: boolean
  status: 'pending'
}

type SubscribeError = SubscriptionError | DepositError | UnitError

/**
 * A deposit that may carry a subscription now: approved, hold live, unit still held by it; or its hold frozen by the
 * pending 认购 (which the manager may still approve after the deposit's own end).
 */
function checkLiveDeposit(deposit: Deposit, unit: Unit, now: Date): Result<null, SubscribeError> {
  if ((deposit.status === 'approved' || deposit.status === 'awaiting') && isFrozenBy(unit, deposit.id)) return ok(null)
  const status = depositStatusAt(deposit, now)
  if (deposit.status === 'approved' && status === 'released')
    return err({ code: 'deposit.hold-ended', rule: 'R14', depositId: deposit.id, heldUntil: deposit.heldUntil })
  if (status !== 'approved') return err({ code: 'subscription.deposit-not-approved', depositId: deposit.id, status })
  const unitStatus = effectiveStatus(unit, now)
  if (unitStatus !== 'held' || unit.depositId !== deposit.id)
    return err({ code: 'subscription.unit-not-held', depositId: deposit.id, unitCode: unit.code, status: unitStatus })
  return ok(null)
}

const OPEN: readonly SubscriptionStatus[] = ['pending', 'approved', 'signed']

/**
 * R8/R21 `认购 <定金编号> <总价>`: a subscription form on a live approved deposit (hold end − 1 ms: yes; at the end:
 * refused, R14). A price below the unit's floor price is refused (R8); equal to it is fine. One open form per deposit.
 */
export function decideSubscription(req: SubscriptionRequest): Result<SubscriptionDecision, SubscribeError> {
  const { deposit, unit, priceFen, subscriptions, now } = req
  const live = checkLiveDeposit(deposit, unit, now)
  if (!live.ok) return live
  const open = subscriptions.find((s) => OPEN.includes(s.status))
  if (open)
    return err({ code: 'subscription.exists', depositId: deposit.id, subscriptionId: open.id, status: open.status })
  if (priceFen < unit.floorPriceFen)
    return err({ code: 'subscription.below-floor', rule: 'R8', priceFen, floorPriceFen: unit.floorPriceFen })
  return ok({
    depositId: deposit.id,
    unitId: unit.id,
    agencyId: deposit.agencyId,
    priceFen,
    aboveList: priceFen > unit.listPriceFen,
    status: 'pending',
  })
}

/**
 * R21 `批准 S…`: the manager approves a pending subscription; the unit becomes subscribed (no longer expires) and the
 * deposit subscribed. The pending form froze the hold, so the decision may come after the deposit's own end.
 */
export function approveSubscription(
  subscription: Subscription,
  deposit: Deposit,
  unit: Unit,
  now: Date,
): Result<{ subscription: Subscription; deposit: Deposit; unit: Unit }, SubscribeError> {
  if (subscription.status !== 'pending')
    return err({ code: 'subscription.not-pending', subscriptionId: subscription.id, status: subscription.status })
  const live = checkLiveDeposit(deposit, unit, now)
  if (!live.ok) return live
  const subscribed = subscribeUnit(unit, deposit.id, now)
  if (!subscribed.ok) return subscribed
  return ok({
    subscription: { ...subscription, status: 'approved' },
    deposit: { ...deposit, status: 'subscribed' },
    unit: subscribed.value,
  })
}

/** `驳回 S… [原因]`: the manager rejects a pending subscription; the deposit's hold runs on unchanged. */
export function rejectSubscription(subscription: Subscription): Result<Subscription, SubscriptionError> {
  if (subscription.status !== 'pending')
    return err({ code: 'subscription.not-pending', subscriptionId: subscription.id, status: subscription.status })
  return ok({ ...subscription, status: 'rejected' })
}

export interface ContractDecision {
  subscriptionId: number
  unitId: number
  agencyId: number
  priceFen: Fen
  basement: boolean
  signedAt: Date
  /** R4: the sale counts in the local month of signing (23:59:59.999 on the last day: that month; 00:00: the next). */
  localMonth: LocalMonth
}

/** `签约 <认购编号>` (secretary): an approved subscription's subscribed unit is signed; the contract counts in its month. */
export function signContract(
  subscription: Subscription,
  unit: Unit,
  now: Date,
  tz: string,
): Result<{ subscription: Subscription; unit: Unit; contract: ContractDecision }, SubscriptionError | UnitError> {
  if (subscription.status !== 'approved')
    return err({ code: 'signing.not-approved', subscriptionId: subscription.id, status: subscription.status })
  const signed = signUnit(unit, subscription.depositId)
  if (!signed.ok) return signed
  return ok({
    subscription: { ...subscription, status: 'signed' },
    unit: signed.value,
    contract: {
      subscriptionId: subscription.id,
      unitId: unit.id,
      agencyId: subscription.agencyId,
      priceFen: subscription.priceFen,
      basement: unit.basement,
      signedAt: now,
      localMonth: localMonthOf(now, tz),
    },
  })
}

export type SubscriptionError =
  | { code: 'subscription.deposit-not-approved'; depositId: number; status: DepositStatus }
  | { code: 'subscription.unit-not-held'; depositId: number; unitCode: string; status: UnitStatus }
  | { code: 'subscription.exists'; depositId: number; subscriptionId: number; status: SubscriptionStatus }
  /** R8: nobody may promise below the signing floor. */
  | { code: 'subscription.below-floor'; rule: 'R8'; priceFen: number; floorPriceFen: number }
  | { code: 'subscription.not-pending'; subscriptionId: number; status: SubscriptionStatus }
  | { code: 'signing.not-approved'; subscriptionId: number; status: SubscriptionStatus }
  /** `签约 S…` again after it was signed: the contract that already holds it. */
  | { code: 'signing.already-signed'; subscriptionId: number; contractId: number; signedAt: Date }
