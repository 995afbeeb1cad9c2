import { type LocalMonth, localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { decidePayment, decidePaymentReversal, type MonthSettlement, monthSettlement } from '../domain/settlement.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'
import { loadBooks, statementsOf } from './show-statements.ts'

export interface PaymentOutcome {
  /** J<n>: the payment's (or the reversal's) own code */
  code: string
  agencyName: string
  month: LocalMonth
  amountFen: number
  paidAt: Date
  /** the month after this entry */
  after: MonthSettlement
  /** 冲正: the payment reversed */
  reverses: { code: string; amountFen: number; paidAt: Date } | null
  auditCode: string
}

/** The agency's settlement of a month as it stands, read under the agency's lock. */
async function settlementOf(tx: Tx, ctx: CommandContext, agency: AgencyRecord, month: LocalMonth) {
  // One payment at a time per agency: the lock row makes a concurrent payment wait and then see this one.
  await tx.fines.lockAgency(agency.id)
  const books = await loadBooks(tx, ctx)
  const [s] = await statementsOf(tx, ctx, books, month, [agency])
  const payments = books.payments.filter((p) => p.agencyId === agency.id)
  return monthSettlement(month, s?.statement.payableFen ?? 0, payments)
}

/**
 * `结佣 <分销> <YYYY-MM> <金额> [备注]` (manager): a payment against a closed month's statement, at most what it
 * still owes; audited and told to the agency. Two payments at once: the agency's lock orders them, so the second
 * sees the first and is refused when together they would exceed the statement.
 */
export async function recordPayment(
  tx: Tx,
  ctx: CommandContext,
  input: { agencyName: string; month: LocalMonth; amountFen: number; note: string | null },
): Promise<Result<PaymentOutcome, DomainError>> {
  const { project, now } = ctx
  const agency = await tx.agencies.byName(project.id, input.agencyName)
  if (!agency) return err({ code: 'agency.not-found', name: input.agencyName })
  const current = localMonthOf(now, project.timezone)
  const before = await settlementOf(tx, ctx, agency, input.month)
  const decided = decidePayment(before, input.amountFen, current, agency.name)
  if (!decided.ok) return decided
  const row = await tx.settlement.addPayment({
    projectId: project.id,
    agencyId: agency.id,
    month: input.month,
    amountFen: input.amountFen,
    note: input.note,
    paidBy: ctx.actor.staffId,
    paidAt: now,
    reversesId: null,
  })
  const after = monthSettlement(input.month, before.payableFen, [...before.payments, row])
  const paymentCode = code('J', row.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'settlement.pay',
    subject: paymentCode,
    data: { agencyId: agency.id, month: input.month, amountFen: input.amountFen, note: input.note, after },
  })
  const outcome: PaymentOutcome = {
    code: paymentCode,
    agencyName: agency.name,
    month: input.month,
    amountFen: input.amountFen,
    paidAt: now,
    after,
    reverses: null,
    auditCode,
  }
  ctx.notify({
    audience: [{ to: 'agency', agencyId: agency.id }],
    directOnly: true,
    event: { kind: 'payment-recorded', ...outcome },
  })
  return ok(outcome)
}

/**
 * `冲正 J<n> <原因>` (manager): a new payment row with the negated amount and `reversesId`, like a fine's reversal;
 * the payment is never edited. Two reversals at once meet on the unique `reversesId`; the loser re-runs and is told.
 */
export async function reversePayment(
  tx: Tx,
  ctx: CommandContext,
  input: { paymentId: number; reason: string },
): Promise<Result<PaymentOutcome, DomainError>> {
  const { project, now } = ctx
  const found = await tx.settlement.paymentById(input.paymentId)
  const payment = found && found.projectId === project.id ? found : null
  const decided = decidePaymentReversal(
    payment,
    payment && (await tx.settlement.reversalOf(payment.id)),
    input.paymentId,
  )
  if (!decided.ok) return decided
  const p = decided.value
  const agency = await tx.agencies.byId(p.agencyId)
  if (!agency) return err({ code: 'settlement.not-found', paymentId: input.paymentId })
  const before = await settlementOf(tx, ctx, agency, p.month)
  const row = await tx.settlement.addPayment({
    projectId: project.id,
    agencyId: p.agencyId,
    month: p.month,
    amountFen: -p.amountFen,
    note: input.reason,
    paidBy: ctx.actor.staffId,
    paidAt: now,
    reversesId: p.id,
  })
  const after = monthSettlement(p.month, before.payableFen, [...before.payments, row])
  const reversalCode = code('J', row.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'settlement.reverse',
    subject: reversalCode,
    data: {
      reverses: code('J', p.id),
      agencyId: p.agencyId,
      month: p.month,
      amountFen: -p.amountFen,
      reason: input.reason,
    },
  })
  const outcome: PaymentOutcome = {
    code: reversalCode,
    agencyName: agency.name,
    month: p.month,
    amountFen: -p.amountFen,
    paidAt: now,
    after,
    reverses: { code: code('J', p.id), amountFen: p.amountFen, paidAt: p.paidAt },
    auditCode,
  }
  ctx.notify({
    audience: [{ to: 'agency', agencyId: agency.id }],
    directOnly: true,
    event: { kind: 'payment-recorded', ...outcome },
  })
  return ok(outcome)
}
