import { requestRefund } from '../domain/deposit.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface RefundRequestOutcome {
  refundCode: string
  depositCode: string
  unitCode: string
  amountFen: number
  auditCode: string
}

/**
 * R15 `退定 <定金编号>` (an agent of the deal's agency, the secretary): a refund request for a live approved deposit
 * with no open subscription. It changes nothing until the manager approves it; the unit's version serialises two
 * requests at once, so there is only ever one pending.
 */
export async function requestDepositRefund(
  tx: Tx,
  ctx: CommandContext,
  depositId: number,
): Promise<Result<RefundRequestOutcome, DomainError>> {
  const depositCode = code('D', depositId)
  const deposit = await tx.deposits.byId(depositId)
  if (!deposit || deposit.projectId !== ctx.project.id) return err({ code: 'record.not-found', ref: depositCode })
  if (ctx.actor.role === 'agent' && ctx.actor.agencyId !== deposit.agencyId)
    return err({ code: 'deposit.other-agency', depositId })
  const subscriptions = await tx.subscriptions.ofDeposit(depositId)
  const refunds = await tx.deposits.refundsOf(depositId)
  const asked = requestRefund(deposit, subscriptions, refunds, ctx.now)
  if (!asked.ok) return asked
  const unit = await tx.units.byId(deposit.unitId)
  if (!unit) throw new Error(`deposit ${depositId} without its unit`)
  await tx.units.save(unit, ctx.now)
  const refund = await tx.deposits.addRefund({
    projectId: ctx.project.id,
    depositId,
    status: 'pending',
    requestedBy: ctx.actor.staffId ?? 0,
    requestedAt: ctx.now,
  })
  const refundCode = code('R', refund.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'refund.request',
    subject: refundCode,
    data: { depositCode, unitCode: unit.code, amountFen: deposit.amountFen },
  })
  const agency = await tx.agencies.byId(deposit.agencyId)
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    event: {
      kind: 'refund-requested',
      refundCode,
      depositCode,
      unitCode: unit.code,
      amountFen: deposit.amountFen,
      agencyName: agency?.name ?? '',
      requester: ctx.actor.name,
      auditCode,
    },
  })
  return ok({ refundCode, depositCode, unitCode: unit.code, amountFen: deposit.amountFen, auditCode })
}
