import { freezeHold } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import { parseYuan } from '../domain/money.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { decideSubscription } from '../domain/subscription.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface SubscriptionRequestOutcome {
  subscriptionCode: string
  depositCode: string
  unitCode: string
  priceFen: number
  /** Above the unit's list price: allowed, flagged to the manager as a likely typo. */
  aboveList: boolean
  auditCode: string
}

/**
 * R8/R21 `认购 <定金编号> <总价>` (an agent of the deal's agency, the secretary): a subscription form on a live approved
 * deposit, pending until the manager checks it. Below the unit's floor price it is refused (R8). The unit's version
 * serialises two forms sent at once, so a deposit never has two open ones.
 */
export async function requestSubscription(
  tx: Tx,
  ctx: CommandContext,
  input: { depositId: number; price: string },
): Promise<Result<SubscriptionRequestOutcome, DomainError>> {
  const depositCode = code('D', input.depositId)
  const price = parseYuan(input.price)
  if (!price.ok) return price
  const deposit = await tx.deposits.byId(input.depositId)
  if (!deposit || deposit.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: depositCode })
  if (ctx.actor.role === 'agent' && ctx.actor.agencyId !== deposit.agencyId)
    return err({ code: 'deposit.other-agency', depositId: deposit.id })
  const unit = await tx.units.byId(deposit.unitId)
  if (!unit) throw new Error(`deposit ${deposit.id} without its unit`)
  const subscriptions = await tx.subscriptions.ofDeposit(deposit.id)
  const decided = decideSubscription({ deposit, unit, priceFen: price.value, subscriptions, now: ctx.now })
  if (!decided.ok) return decided
  const d = decided.value
  // the pending form keeps the unit held until the manager decides it (the hold's clock stops)
  await tx.units.save(freezeHold(unit), ctx.now)
  const sub = await tx.subscriptions.add({
    projectId: ctx.project.id,
    depositId: deposit.id,
    unitId: unit.id,
    customerId: deposit.customerId,
    agencyId: d.agencyId,
    priceFen: d.priceFen,
    status: d.status,
    requestedBy: ctx.actor.staffId ?? 0,
    requestedAt: ctx.now,
  })
  const subscriptionCode = code('S', sub.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'subscription.request',
    subject: subscriptionCode,
    data: {
      depositCode,
      unitCode: unit.code,
      priceFen: d.priceFen,
      floorPriceFen: unit.floorPriceFen,
      aboveList: d.aboveList,
    },
  })
  const agency = await tx.agencies.byId(d.agencyId)
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    event: {
      kind: 'subscription-requested',
      subscriptionCode,
      depositCode,
      unitCode: unit.code,
      priceFen: d.priceFen,
      floorPriceFen: unit.floorPriceFen,
      listPriceFen: unit.listPriceFen,
      agencyName: agency?.name ?? '',
      requester: ctx.actor.name,
      auditCode,
    },
  })
  return ok({
    subscriptionCode,
    depositCode,
    unitCode: unit.code,
    priceFen: d.priceFen,
    aboveList: d.aboveList,
    auditCode,
  })
}
