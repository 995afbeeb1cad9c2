import { addDays, addMonths, type LocalMonth, startOfDay } from './calendar.ts'
import { type Fen, sumFen } from './money.ts'
import { err, ok, type Result } from './result.ts'

/**
 * 结佣 (commission settlement): payments recorded against an agency's statement of a closed month. A closed month's
 * payable no longer changes (contracts and fines count in the month they happen), so paid and outstanding are exact.
 */

/** One payment, or the reversal (冲正) of one: a negative amount naming the payment it reverses. */
export interface PaymentEntry {
  id: number
  agencyId: number
  month: LocalMonth
  amountFen: Fen
  paidAt: Date
  reversesId: number | null
}

export interface MonthSettlement {
  month: LocalMonth
  payableFen: Fen
  /** Payments and reversals against the month, in id order. */
  payments: PaymentEntry[]
  paidFen: Fen
  /** payable − paid; never below 0 (a payment above the outstanding is refused). */
  outstandingFen: Fen
}

export type SettlementError =
  /** Payments go against a closed month's statement; the running month has no final figure yet. */
  | { code: 'settlement.month-open'; month: string }
  /** 结佣 查询 by someone of no agency (the manager, an admin): which agency? */
  | { code: 'settlement.agency-required' }
  | { code: 'settlement.nothing-owed'; month: string; agencyName: string }
  | { code: 'settlement.over'; month: string; agencyName: string; outstandingFen: number; amountFen: number }
  | { code: 'settlement.not-found'; paymentId: number }
  | { code: 'settlement.of-reversal'; paymentId: number }
  | { code: 'settlement.already-reversed'; paymentId: number; reversalId: number }
  | { code: 'settlement.ack-exists'; month: string; by: string; at: Date }

export function monthSettlement(
  month: LocalMonth,
  payableFen: Fen,
  payments: readonly PaymentEntry[],
): MonthSettlement {
  const mine = payments.filter((p) => p.month === month)
  const paidFen = sumFen(mine.map((p) => p.amountFen))
  return { month, payableFen, payments: mine, paidFen, outstandingFen: Math.max(0, payableFen - paidFen) }
}

/**
 * `结佣 <分销> <YYYY-MM> <金额>`: allowed against a month before `currentMonth` that still owes at least the amount;
 * the amount (fen, > 0) is checked by the money parser.
 */
export function decidePayment(
  s: MonthSettlement,
  amountFen: Fen,
  currentMonth: LocalMonth,
  agencyName: string,
): Result<MonthSettlement, SettlementError> {
  if (s.month >= currentMonth) return err({ code: 'settlement.month-open', month: s.month })
  if (s.outstandingFen === 0) return err({ code: 'settlement.nothing-owed', month: s.month, agencyName })
  if (amountFen > s.outstandingFen) {
    return err({ code: 'settlement.over', month: s.month, agencyName, outstandingFen: s.outstandingFen, amountFen })
  }
  return ok(s)
}

/** `冲正 J<n>`: a payment is reversed at most once, and a reversal is not reversed. */
export function decidePaymentReversal(
  payment: PaymentEntry | null,
  reversal: PaymentEntry | null,
  id: number,
): Result<PaymentEntry, SettlementError> {
  if (!payment) return err({ code: 'settlement.not-found', paymentId: id })
  if (payment.reversesId !== null) return err({ code: 'settlement.of-reversal', paymentId: id })
  if (reversal) return err({ code: 'settlement.already-reversed', paymentId: id, reversalId: reversal.id })
  return ok(payment)
}

/**
 * A month's statement is overdue at 00:00 local `overdueDays` days after the month closed (the 1st of the next
 * month 00:00): November with 30 days → 12-31 00:00. Still outstanding then, it reminds the manager once.
 */
export function overdueAt(month: LocalMonth, overdueDays: number, tz: string): Date {
  return startOfDay(addDays(`${addMonths(month, 1)}-01`, overdueDays), tz)
}
