import { instantAt, lastDayBefore, periodEnd } from './calendar.ts'
import { isProtected, type Ownership } from './filing.ts'
import type { Fen } from './money.ts'
import { err, ok, type Result } from './result.ts'
import type { DepositKind, RuleSettings } from './settings.ts'
import type { CommonError } from './setup.ts'
import type { DepositStatus, RefundStatus, SubscriptionStatus } from './statuses.ts'
import { effectiveStatus, notAvailable, releaseHold, type Unit, type UnitError } from './unit.ts'

export {
  DEPOSIT_STATUSES,
  type DepositStatus,
  REFUND_STATUSES,
  type RefundStatus,
} from './statuses.ts'

export interface Deposit {
  id: number
  unitId: number
  /** The agency the deal is attributed to (R13: the customer's protecting agency when recorded). */
  agencyId: number
  /** The requesting agent's agency; null when the secretary or manager recorded it. */
  requesterAgencyId: number | null
  kind: DepositKind
  amountFen: Fen
  status: DepositStatus
  recordedAt: Date
  /** 00:00 local on recording day + holdDays; fixed when recorded. */
  heldUntil: Date
}

export interface Refund {
  id: number
  depositId: number
  status: RefundStatus
}

const KINDS: Record<string, DepositKind> = { 大定: 'big', 小定: 'small', big: 'big', small: 'small' }

/** `大定` → big, `小定` → small. */
export function parseDepositKind(input: string): Result<DepositKind, DepositError> {
  const kind = KINDS[input.trim().toLowerCase()]
  return kind ? ok(kind) : err({ code: 'deposit.kind-invalid', input: input.slice(0, 20) })
}

/**
 * Whether the deposit still holds its unit at `now`: pending or approved, and now < heldUntil (end − 1 ms: yes); or
 * awaiting the manager's decision on its 认购 (held whatever the clock says).
 */
export function isHoldLive(deposit: Pick<Deposit, 'status' | 'heldUntil'>, now: Date): boolean {
  if (deposit.status === 'awaiting') return true
  return (deposit.status === 'pending' || deposit.status === 'approved') && now.getTime() < deposit.heldUntil.getTime()
}

/**
 * A pending 认购 keeps the unit held until the manager decides it: while one waits, the unit's hold has no end
 * (heldUntil null), so no sweep or derived status can release it; the deposit keeps its own heldUntil as the record.
 */
export const freezeHold = <U extends Unit>(unit: U): U => ({ ...unit, heldUntil: null })

/** Whether `unit` is held by `deposit` with its hold frozen by a pending 认购. */
export const isFrozenBy = (unit: Pick<Unit, 'status' | 'depositId' | 'heldUntil'>, depositId: number): boolean =>
  unit.status === 'held' && unit.depositId === depositId && unit.heldUntil === null

/** After the manager rejects the pending 认购: the unit's hold ends when the deposit's does (it may have already). */
export const thawHold = <U extends Unit>(unit: U, deposit: Pick<Deposit, 'id' | 'heldUntil'>): U =>
  isFrozenBy(unit, deposit.id) ? { ...unit, heldUntil: deposit.heldUntil } : unit

/**
 * At a hold's end (now ≥ heldUntil) with a 认购 still pending: the approved deposit becomes `awaiting` instead of
 * being released, and the hold's end is announced as waiting for the decision. Null otherwise.
 */
export function awaitDecision(deposit: Deposit, unit: Unit, now: Date): Deposit | null {
  if (deposit.status !== 'approved' || !isFrozenBy(unit, deposit.id)) return null
  if (now.getTime() < deposit.heldUntil.getTime()) return null
  return { ...deposit, status: 'awaiting' }
}

/** The status as of `now`: a pending or approved deposit whose hold has ended reads as released, swept or not. */
export function depositStatusAt(deposit: Pick<Deposit, 'status' | 'heldUntil'>, now: Date): DepositStatus {
  if ((deposit.status === 'pending' || deposit.status === 'approved') && !isHoldLive(deposit, now)) return 'released'
  return deposit.status
}

/**
 * The "hold ends tonight" reminder: settings.holdReminderTime (09:00) local on the hold's last day. Null when that
 * instant is not after the recording (a one-day hold recorded after 09:00).
 */
export function holdReminderAt(
  recordedAt: Date,
  heldUntil: Date,
  settings: Pick<RuleSettings, 'holdReminderTime'>,
  tz: string,
): Date | null {
  const { hour, minute } = settings.holdReminderTime
  const at = instantAt(lastDayBefore(heldUntil, tz), tz, hour, minute)
  return at.getTime() > recordedAt.getTime() ? at : null
}

export interface DepositRequest {
  unit: Unit
  /** The customer's current claim (filing.ts), or null for a customer nobody has filed. */
  ownership: Ownership | null
  requesterAgencyId: number | null
  kind: DepositKind
  now: Date
}

export interface DepositDecision {
  kind: DepositKind
  amountFen: Fen
  recordedAt: Date
  heldUntil: Date
  reminderAt: Date | null
  /** The agency the deal is attributed to. */
  agencyId: number
  /** 'protection': the protecting agency; 'requester': nobody protected the customer, so the requester's agency. */
  attribution: 'protection' | 'requester'
  /** R13: the customer is protected by another agency than the requesting agent's — the manager is told. */
  mismatch: { ownerAgencyId: number; requesterAgencyId: number } | null
  status: 'pending'
}

/**
 * R14/R15 `定金 <房号> <手机号> <大定|小定>`: an effectively available unit takes a pending deposit whose hold counts
 * from the recording day (day 1) even before approval; amount and days by kind from settings. The deal goes to the
 * agency protecting the customer now; a customer nobody protects goes to the requester's agency (the deposit then
 * locks the customer to it, rule 5). After saving the deposit, hold the unit with `holdUnit(unit, id, heldUntil, now)`.
 */
export function decideDeposit(
  req: DepositRequest,
  settings: Pick<RuleSettings, 'deposits' | 'holdReminderTime'>,
  tz: string,
): Result<DepositDecision, UnitError | Extract<CommonError, { code: 'agency.required' }>> {
  const { unit, ownership, requesterAgencyId, kind, now } = req
  const status = effectiveStatus(unit, now)
  if (status !== 'available') return err(notAvailable(unit, status))
  let agencyId: number
  let attribution: DepositDecision['attribution']
  if (isProtected(ownership, now)) {
    agencyId = ownership.agencyId
    attribution = 'protection'
  } else if (requesterAgencyId !== null) {
    agencyId = requesterAgencyId
    attribution = 'requester'
  } else return err({ code: 'agency.required' })
  const { amountFen, holdDays } = settings.deposits[kind]
  const heldUntil = periodEnd(now, holdDays, tz)
  return ok({
    kind,
    amountFen,
    recordedAt: now,
    heldUntil,
    reminderAt: holdReminderAt(now, heldUntil, settings, tz),
    agencyId,
    attribution,
    mismatch:
      requesterAgencyId !== null && agencyId !== requesterAgencyId
        ? { ownerAgencyId: agencyId, requesterAgencyId }
        : null,
    status: 'pending',
  })
}

/** R15 `批准 D…`: the manager approves a pending deposit while its hold is live (at heldUntil it has ended). */
export function approveDeposit(deposit: Deposit, now: Date): Result<Deposit, DepositError> {
  if (deposit.status !== 'pending')
    return err({ code: 'deposit.not-pending', depositId: deposit.id, status: deposit.status })
  if (!isHoldLive(deposit, now))
    return err({ code: 'deposit.hold-ended', rule: 'R14', depositId: deposit.id, heldUntil: deposit.heldUntil })
  return ok({ ...deposit, status: 'approved' })
}

export interface DepositChange {
  deposit: Deposit
  unit: Unit
  /** Whether the unit was released by this change (false when the deposit no longer held it). */
  released: boolean
}

/** R15 `驳回 D… [原因]`: the manager rejects a pending deposit (even after its hold ended); the unit is released. */
export function rejectDeposit(deposit: Deposit, unit: Unit): Result<DepositChange, DepositError> {
  if (deposit.status !== 'pending')
    return err({ code: 'deposit.not-pending', depositId: deposit.id, status: deposit.status })
  return ok({ deposit: { ...deposit, status: 'rejected' }, ...releaseHold(unit, deposit.id) })
}

/**
 * R14 "保留期满房源自动开封": a pending or approved deposit whose hold has ended (now ≥ heldUntil) without an approved
 * subscription is released with its unit. Null while the hold is live or when the deposit is already closed.
 */
export function expireDeposit(deposit: Deposit, unit: Unit, now: Date): DepositChange | null {
  if (isFrozenBy(unit, deposit.id)) return null
  if (depositStatusAt(deposit, now) !== 'released' || deposit.status === 'released') return null
  return { deposit: { ...deposit, status: 'released' }, ...releaseHold(unit, deposit.id) }
}

const OPEN_SUBSCRIPTION: readonly SubscriptionStatus[] = ['pending', 'approved', 'signed']

/**
 * R15 `退定 D…`: a refund may be asked for a live approved deposit with no pending, approved or signed subscription,
 * and only once at a time. It changes nothing until the manager approves it.
 */
export function requestRefund(
  deposit: Deposit,
  subscriptions: readonly { id: number; status: SubscriptionStatus }[],
  refunds: readonly Refund[],
  now: Date,
): Result<{ depositId: number; status: 'pending' }, DepositError> {
  const status = depositStatusAt(deposit, now)
  if (deposit.status === 'approved' && status === 'released')
    return err({ code: 'deposit.hold-ended', rule: 'R14', depositId: deposit.id, heldUntil: deposit.heldUntil })
  if (status !== 'approved') return err({ code: 'refund.not-refundable', depositId: deposit.id, status })
  const sub = subscriptions.find((s) => OPEN_SUBSCRIPTION.includes(s.status))
  if (sub)
    return err({
      code: 'refund.subscription-exists',
      depositId: deposit.id,
      subscriptionId: sub.id,
      status: sub.status,
    })
  const open = refunds.find((r) => r.status === 'pending')
  if (open) return err({ code: 'refund.already-requested', depositId: deposit.id, refundId: open.id })
  return ok({ depositId: deposit.id, status: 'pending' })
}

/**
 * R15: the manager approves a pending refund; the deposit is refunded and its unit released. A hold that ended
 * after the request does not block it; a deposit subscribed in between does.
 */
export function approveRefund(
  refund: Refund,
  deposit: Deposit,
  unit: Unit,
): Result<DepositChange & { refund: Refund }, DepositError> {
  if (refund.status !== 'pending')
    return err({ code: 'refund.not-pending', refundId: refund.id, status: refund.status })
  if (deposit.status !== 'approved' && deposit.status !== 'released')
    return err({ code: 'refund.not-refundable', depositId: deposit.id, status: deposit.status })
  return ok({
    refund: { ...refund, status: 'approved' },
    deposit: { ...deposit, status: 'refunded' },
    ...releaseHold(unit, deposit.id),
  })
}

/** R15: the manager rejects a pending refund; the deposit stays as it was. */
export function rejectRefund(refund: Refund): Result<Refund, DepositError> {
  if (refund.status !== 'pending')
    return err({ code: 'refund.not-pending', refundId: refund.id, status: refund.status })
  return ok({ ...refund, status: 'rejected' })
}

export type DepositError =
  | { code: 'deposit.kind-invalid'; input: string }
  | { code: 'deposit.not-pending'; depositId: number; status: DepositStatus }
  /** R14: the hold has ended (the deposit day as day 1); it can no longer be approved, refunded or subscribed. */
  | { code: 'deposit.hold-ended'; rule: 'R14'; depositId: number; heldUntil: Date }
  | { code: 'refund.not-refundable'; depositId: number; status: DepositStatus }
  | { code: 'refund.subscription-exists'; depositId: number; subscriptionId: number; status: SubscriptionStatus }
  | { code: 'refund.already-requested'; depositId: number; refundId: number }
  | { code: 'refund.not-pending'; refundId: number; status: RefundStatus }
  /** An agent acting on a deal (退定, 认购) of another agency than their own. */
  | { code: 'deposit.other-agency'; depositId: number }
