import { addDays, startOfDay } from '../domain/calendar.ts'
import { awaitDecision, expireDeposit } from '../domain/deposit.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { refreshDealLock } from './deal-lock.ts'
import type { CommandContext, HoldRecord, Tx } from './ports.ts'

export interface HoldExpiry {
  /** This call closed the hold (the deposit is now released); false when there was nothing to do. */
  released: boolean
  /** The hold ended while a 认购 waits: the deposit is now awaiting the manager's decision, the unit still held. */
  awaiting: boolean
  /** The unit went back on sale (false when the deposit no longer held it, e.g. the secretary had locked it). */
  unitReleased: boolean
  depositCode: string
  unitCode: string
  auditCode: string | null
}

/**
 * R14 "保留期满房源自动开封", for the scheduler at a hold's end: a pending or approved deposit whose hold has ended
 * (now ≥ heldUntil) without an approved subscription is released with its unit; the customer's deal lock goes, the
 * group is told. Idempotent: a deposit already released, rejected, refunded or subscribed, or not yet due, is left
 * as it is (`released: false`). `ctx.actor` is the scheduler's system actor.
 */
export async function expireHold(tx: Tx, ctx: CommandContext, depositId: number): Promise<HoldExpiry> {
  const depositCode = code('D', depositId)
  const deposit = await tx.deposits.byId(depositId)
  const unit = deposit && (await tx.units.byId(deposit.unitId))
  const nothing = {
    released: false,
    awaiting: false,
    unitReleased: false,
    depositCode,
    unitCode: unit?.code ?? '',
    auditCode: null,
  }
  if (!deposit || !unit || deposit.projectId !== ctx.project.id) return nothing
  const waiting = awaitDecision(deposit, unit, ctx.now)
  if (waiting) return announceAwaiting(tx, ctx, deposit, unit)
  const change = expireDeposit(deposit, unit, ctx.now)
  if (!change) return nothing
  await tx.deposits.setStatus(deposit.id, deposit.status, 'released', { at: ctx.now, closed: true })
  if (change.released) await tx.units.save({ ...unit, ...change.unit }, ctx.now)
  await refreshDealLock(tx, deposit.customerId, ctx.now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'deposit.expire',
    subject: depositCode,
    data: { unitCode: unit.code, heldUntil: deposit.heldUntil, from: deposit.status, unitReleased: change.released },
  })
  if (change.released) {
    ctx.notify({
      audience: [{ to: 'groups' }],
      event: { kind: 'unit-released', unitCode: unit.code, depositCode, why: 'expired', heldUntil: deposit.heldUntil },
    })
  }
  return { released: true, awaiting: false, unitReleased: change.released, depositCode, unitCode: unit.code, auditCode }
}

/** The hold's end with a 认购 pending: marked once (compare-and-set on the deposit) and told as waiting. */
async function announceAwaiting(
  tx: Tx,
  ctx: CommandContext,
  deposit: { id: number; heldUntil: Date },
  unit: { code: string },
): Promise<HoldExpiry> {
  const depositCode = code('D', deposit.id)
  await tx.deposits.setStatus(deposit.id, 'approved', 'awaiting', { at: ctx.now })
  const pending = (await tx.subscriptions.ofDeposit(deposit.id)).find((s) => s.status === 'pending')
  const subscriptionCode = pending ? code('S', pending.id) : ''
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'deposit.await',
    subject: depositCode,
    data: { unitCode: unit.code, heldUntil: deposit.heldUntil, subscriptionCode },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: { kind: 'hold-awaiting', unitCode: unit.code, depositCode, subscriptionCode, heldUntil: deposit.heldUntil },
  })
  return { released: false, awaiting: true, unitReleased: false, depositCode, unitCode: unit.code, auditCode }
}

export interface HoldDue extends HoldRecord {
  depositCode: string
}

/**
 * Deposits of the project whose hold ended at or before `now` and are still pending or approved (a subscribed one
 * never expires), oldest end first, at most `limit`. Each one `expireHold` handles leaves this list, so a sweep asks
 * again until it comes back empty.
 */
export async function dueHoldExpiries(tx: Tx, projectId: number, now: Date, limit: number): Promise<HoldDue[]> {
  const rows = await tx.deposits.dueExpiries(projectId, now, limit)
  return rows.map((r) => ({ ...r, depositCode: code('D', r.depositId) }))
}

export interface HoldEnding extends HoldDue {
  agencyName: string
}

/**
 * The 09:00 "hold ends tonight" reminder: pending or approved holds whose last day is `localDate` (they end at 00:00
 * of the next day, project time zone), by deposit id after `afterId`, at most `limit` — page with the last id seen.
 * Whether a hold gets the reminder at all (a one-day hold recorded after 09:00 does not) is `holdReminderAt`'s call.
 */
export async function holdsEndingOn(
  tx: Tx,
  projectId: number,
  localDate: string,
  limit: number,
  afterId = 0,
): Promise<HoldEnding[]> {
  const project = await tx.projects.byId(projectId)
  if (!project) return []
  const from = startOfDay(localDate, project.timezone)
  const to = startOfDay(addDays(localDate, 1), project.timezone)
  const rows = await tx.deposits.endingBetween(projectId, from, to, afterId, limit)
  if (rows.length === 0) return []
  const agencies = new Map((await tx.agencies.list(projectId)).map((a) => [a.id, a.name]))
  return rows.map((r) => ({ ...r, depositCode: code('D', r.depositId), agencyName: agencies.get(r.agencyId) ?? '' }))
}
