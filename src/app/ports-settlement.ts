import type { LocalMonth } from '../domain/calendar.ts'

/** 结佣: one payment (or the reversal of one) against an agency's statement of a month. */
export interface PaymentRecord {
  id: number
  projectId: number
  agencyId: number
  month: LocalMonth
  /** fen; a reversal is negative */
  amountFen: number
  note: string | null
  paidBy: number | null
  paidAt: Date
  reversesId: number | null
}

/** 确认 佣金: the statement as the agency's agent acknowledged it. */
export interface StatementAckRecord {
  agencyId: number
  month: LocalMonth
  staffId: number
  at: Date
  payableFen: number
  paidFen: number
}

export interface SettlementRepo {
  /** Every payment and reversal of the project, in id order. */
  payments(projectId: number): Promise<PaymentRecord[]>
  paymentById(id: number): Promise<PaymentRecord | null>
  /** The reversal of a payment, if any. */
  reversalOf(id: number): Promise<PaymentRecord | null>
  /** Inserts; a second reversal of one payment fails on its unique key (re-run, which then finds the first). */
  addPayment(p: Omit<PaymentRecord, 'id'>): Promise<PaymentRecord>
  acks(projectId: number): Promise<StatementAckRecord[]>
  /** Records the acknowledgement; false when the agency's month was acknowledged already. */
  addAck(projectId: number, a: StatementAckRecord): Promise<boolean>
}
