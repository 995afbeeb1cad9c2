import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { signContract } from '../domain/subscription.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { refreshDealLock } from './deal-lock.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface SigningOutcome {
  contractCode: string
  subscriptionCode: string
  unitCode: string
  agencyName: string
  priceFen: number
  basement: boolean
  /** R4: the month the sale counts in ('YYYY-MM', local). */
  localMonth: string
  auditCode: string
}

/**
 * `签约 <认购编号>` (secretary): an approved subscription's unit is signed, the contract row records agency, price,
 * basement and the local month of signing (R4 counts it there), and the customer's deal lock becomes the contract.
 * A unit or subscription is signed once (unique columns).
 */
export async function recordSigning(
  tx: Tx,
  ctx: CommandContext,
  subscriptionId: number,
): Promise<Result<SigningOutcome, DomainError>> {
  const subscriptionCode = code('S', subscriptionId)
  const sub = await tx.subscriptions.byId(subscriptionId)
  if (!sub || sub.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: subscriptionCode })
  if (sub.status === 'signed') {
    const contract = await tx.subscriptions.contractOf(sub.id)
    if (contract)
      return err({
        code: 'signing.already-signed',
        subscriptionId: sub.id,
        contractId: contract.id,
        signedAt: contract.signedAt,
      })
  }
  const unit = await tx.units.byId(sub.unitId)
  if (!unit) throw new Error(`subscription ${subscriptionId} without its unit`)
  const signed = signContract(sub, unit, ctx.now, ctx.project.timezone)
  if (!signed.ok) return signed
  const c = signed.value.contract
  await tx.subscriptions.setStatus(sub.id, 'approved', 'signed', { at: ctx.now })
  await tx.units.save({ ...unit, ...signed.value.unit }, ctx.now)
  const contract = await tx.subscriptions.addContract({
    projectId: ctx.project.id,
    subscriptionId: c.subscriptionId,
    unitId: c.unitId,
    customerId: sub.customerId,
    agencyId: c.agencyId,
    priceFen: c.priceFen,
    basement: c.basement,
    signedBy: ctx.actor.staffId ?? 0,
    signedAt: c.signedAt,
    localMonth: c.localMonth,
  })
  await refreshDealLock(tx, sub.customerId, ctx.now)
  const contractCode = code('C', contract.id)
  const agency = await tx.agencies.byId(c.agencyId)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'contract.sign',
    subject: contractCode,
    data: {
      subscriptionCode,
      unitCode: unit.code,
      agencyId: c.agencyId,
      priceFen: c.priceFen,
      basement: c.basement,
      localMonth: c.localMonth,
    },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'unit-signed',
      unitCode: unit.code,
      contractCode,
      agencyName: agency?.name ?? '',
      localMonth: c.localMonth,
    },
  })
  return ok({
    contractCode,
    subscriptionCode,
    unitCode: unit.code,
    agencyName: agency?.name ?? '',
    priceFen: c.priceFen,
    basement: c.basement,
    localMonth: c.localMonth,
    auditCode,
  })
}
