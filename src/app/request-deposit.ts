import { periodEnd } from '../domain/calendar.ts'
import { decideDeposit, parseDepositKind } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import type { Ownership } from '../domain/filing.ts'
import type { Phone } from '../domain/phone.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { holdUnit, parseUnitCode } from '../domain/unit.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import type { CustomerRef } from './notices.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface DepositInput {
  unitCode: string
  /** Parsed once by the command. */
  phone: Phone
  kind: string
  /** The agency the deposit is asked for: the agent's own, or the one the secretary names; null if none named. */
  requesterAgencyId: number | null
}

export interface DepositOutcome {
  depositId: number
  depositCode: string
  unitCode: string
  kind: 'big' | 'small'
  amountFen: number
  heldUntil: Date
  customer: CustomerRef
  agencyName: string
  attribution: 'protection' | 'requester'
  /** R13: the customer is protected by another agency than the requester's; the manager has been told. */
  mismatch: boolean
  auditCode: string
}

/** A customer nobody filed gets this name until someone files them. */
export const UNFILED_NAME = '未报备客户'

/**
 * 定金 (R14 无定金不封房, R15, R13): a pending deposit on an available unit, which it holds from the recording day
 * (day 1) until 00:00 after the last day. The deal goes to the agency protecting the customer now (else to the
 * requester's, which then owns the customer) and locks the customer to it (rule 5). The unit is held by
 * compare-and-set on its version: of many deposits on one unit at once, exactly one holds it.
 */
export async function requestDeposit(
  tx: Tx,
  ctx: CommandContext,
  input: DepositInput,
): Promise<Result<DepositOutcome, DomainError>> {
  const unitCode = parseUnitCode(input.unitCode)
  if (!unitCode.ok) return unitCode
  const phone = input.phone
  const kind = parseDepositKind(input.kind)
  if (!kind.ok) return kind
  const { project, now } = ctx
  const unit = await tx.units.byCode(project.id, unitCode.value)
  if (!unit) return err({ code: 'unit.not-found', unitCode: unitCode.value })
  const existing = await tx.customers.byPhone(project.id, phone)
  const ownership = existing ? await currentOwnership(tx, existing, now) : null

  const decided = decideDeposit(
    { unit, ownership, requesterAgencyId: input.requesterAgencyId, kind: kind.value, now },
    project.settings,
    project.timezone,
  )
  if (!decided.ok) return decided
  const d = decided.value

  const customer = existing ?? (await tx.customers.ensure(project.id, phone, UNFILED_NAME, now))
  const deposit = await tx.deposits.add({
    projectId: project.id,
    unitId: unit.id,
    customerId: customer.id,
    agencyId: d.agencyId,
    requestedBy: ctx.actor.staffId ?? 0,
    requesterAgencyId: input.requesterAgencyId,
    attribution: d.attribution,
    kind: d.kind,
    amountFen: d.amountFen,
    status: d.status,
    recordedAt: d.recordedAt,
    heldUntil: d.heldUntil,
  })
  const held = holdUnit(unit, deposit.id, d.heldUntil, now)
  if (!held.ok) throw new Error(`deposit decided on a unit that cannot be held: ${held.error.code}`)
  await tx.units.save({ ...unit, ...held.value }, now)

  const depositCode = code('D', deposit.id)
  // Rule 5: the deal locks the customer. Nobody protected them: the requester's agency owns them from today, for at
  // least a protection period and the hold.
  let owned: Ownership
  if (d.attribution === 'requester' || ownership === null) {
    const protection = periodEnd(now, project.settings.protectionDays, project.timezone)
    owned = {
      agencyId: d.agencyId,
      filingId: null,
      since: now,
      until: protection.getTime() > d.heldUntil.getTime() ? protection : d.heldUntil,
      dealCode: depositCode,
    }
  } else owned = { ...ownership, dealCode: ownership.dealCode ?? depositCode }
  await tx.customers.setOwnership(customer, owned)

  const agency = await tx.agencies.byId(d.agencyId)
  const requesterAgency = d.mismatch ? await tx.agencies.byId(d.mismatch.requesterAgencyId) : null
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'deposit.request',
    subject: depositCode,
    data: {
      unitCode: unit.code,
      phone: customer.phone,
      kind: d.kind,
      amountFen: d.amountFen,
      heldUntil: d.heldUntil,
      agencyId: d.agencyId,
      attribution: d.attribution,
      requesterAgencyId: input.requesterAgencyId,
      mismatch: d.mismatch,
      lock: owned.dealCode,
    },
  })
  const ref = { name: customer.name, phone: customer.phone }
  const outcome: DepositOutcome = {
    depositId: deposit.id,
    depositCode,
    unitCode: unit.code,
    kind: d.kind,
    amountFen: d.amountFen,
    heldUntil: d.heldUntil,
    customer: ref,
    agencyName: agency?.name ?? '',
    attribution: d.attribution,
    mismatch: d.mismatch !== null,
    auditCode,
  }
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'unit-held',
      unitCode: unit.code,
      depositCode,
      depositKind: d.kind,
      amountFen: d.amountFen,
      heldUntil: d.heldUntil,
      agencyName: outcome.agencyName,
      customer: ref,
    },
  })
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    event: {
      kind: 'deposit-requested',
      depositCode,
      unitCode: unit.code,
      depositKind: d.kind,
      amountFen: d.amountFen,
      heldUntil: d.heldUntil,
      customer: ref,
      agencyName: outcome.agencyName,
      requester: { name: ctx.actor.name, agencyName: ctx.actor.agencyName },
      mismatch: d.mismatch && {
        ownerAgencyName: outcome.agencyName,
        requesterAgencyName: requesterAgency?.name ?? '',
      },
      auditCode,
    },
  })
  return ok(outcome)
}
