import type { FineCode } from './fines.ts'

/**
 * Every number of the rulebook that a site may change, with the seed's values as defaults. Stored per project
 * (only the values that differ) and passed into the rules; no rule holds one of these as a literal.
 */
export interface RuleSettings {
  /** R12: protection of a filed customer, in days counting the filing's day as day 1. */
  protectionDays: number
  /** Remind the owning agency this many days before protection ends. */
  protectionReminderDays: number
  /** R1: at most this many active agencies. */
  maxAgencies: number
  /** R1: at most this many active agents per agency. */
  maxAgentsPerAgency: number
  /** R1: an agent with no check-in on this many consecutive local days gives up at the start of the next. */
  forfeitAfterDays: number
  /** R14: deposit amounts (fen) and hold lengths (days, the deposit's day as day 1). */
  deposits: Record<DepositKind, { amountFen: number; holdDays: number }>
  /** Local wall time of the "hold ends tonight" reminder on a hold's last day. */
  holdReminderTime: { hour: number; minute: number }
  /** R4: commission rates in basis points of the total price (160 = 1.6%). */
  commission: { fullRateBp: number; reducedRateBp: number; monthlyTarget: number; dismissAfterMonthsUnder: number }
  /** How long a /staff add join code stays valid, in hours. */
  joinCodeHours: number
  /** Fines (罚款), SPEC.md's table. */
  fines: FineSettings
}

export interface FineSettings {
  /** Fen per unit of quantity (per time, per customer received, per page); null: the manager sets it (R6 不配合). */
  unitFen: Record<FineCode, number | null>
  /** R7: the n-th counted 态度 fine of one agent cancels the agent's qualification and forfeits the month's commission. */
  rudeEscalateAt: number
  /** R11: the n-th counted 派单 fine of one agency dismisses it and confiscates its commission. */
  flyerEscalateAt: number
  /** R19: this many first counted 谈判桌 entries of an agency are warnings of 0 ("一次警告,二次罚款50每次"). */
  tableWarnings: number
  /** The largest quantity (pages, customers) one fine may carry. */
  maxQuantity: number
}

export type DepositKind = 'big' | 'small'

export const DEFAULT_SETTINGS: RuleSettings = {
  protectionDays: 15,
  protectionReminderDays: 2,
  maxAgencies: 20,
  maxAgentsPerAgency: 2,
  forfeitAfterDays: 3,
  deposits: {
    big: { amountFen: 1_000_000, holdDays: 7 },
    small: { amountFen: 100_000, holdDays: 3 },
  },
  holdReminderTime: { hour: 9, minute: 0 },
  commission: { fullRateBp: 160, reducedRateBp: 150, monthlyTarget: 2, dismissAfterMonthsUnder: 2 },
  joinCodeHours: 72,
  fines: {
    unitFen: {
      培训: 10_000,
      不配合: null,
      态度: 20_000,
      抢客: 10_000,
      派单: 100_000,
      捣乱: 1_000_000,
      大厅: 20_000,
      水杯: 5_000,
      谈判桌: 5_000,
      工服: 20_000,
      复印: 50,
    },
    rudeEscalateAt: 3,
    flyerEscalateAt: 2,
    tableWarnings: 1,
    maxQuantity: 10_000,
  },
}
