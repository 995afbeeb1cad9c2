import type { LocalMonth } from '../domain/calendar.ts'
import type { MonthSettlement } from '../domain/settlement.ts'

/** What 结佣 tells people. */
export type SettlementNoticeEvent =
  /** A payment or its reversal, told to the agency's agents. */
  | {
      kind: 'payment-recorded'
      code: string
      agencyName: string
      month: LocalMonth
      amountFen: number
      paidAt: Date
      after: MonthSettlement
      reverses: { code: string; amountFen: number; paidAt: Date } | null
      auditCode: string
    }
  /** A month's statements still owing settings.settlementOverdueDays after it closed, once, to the managers. */
  | {
      kind: 'settlement-overdue'
      month: LocalMonth
      overdueDays: number
      statements: { agencyName: string; settlement: MonthSettlement }[]
    }
  /** An agency's agent acknowledged a statement, told to the managers. */
  | {
      kind: 'statement-acknowledged'
      agencyName: string
      month: LocalMonth
      by: string
      payableFen: number
      paidFen: number
    }
