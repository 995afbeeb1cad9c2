import type { LocalMonth } from '../domain/calendar.ts'
import type { MonthlyStatement, SigningProjection } from '../domain/commission.ts'
import type { FineCode, SeedRule } from '../domain/fines.ts'
import type { MonthSettlement } from '../domain/settlement.ts'
import type { DismissalCause } from '../domain/setup.ts'
import type { StatementAckRecord } from './ports-settlement.ts'

/** A fine as people read it: who, what, when, which seed rule, who issued it. */
export interface FineFacts {
  /** P3 */
  code: string
  fineCode: FineCode
  rule: SeedRule
  agencyName: string
  staffName: string | null
  quantity: number
  amountFen: number
  /** The amount per time/customer/page from settings; null when the manager set the amount (R6 不配合). */
  unitFen: number | null
  severe: boolean
  /** R19: the first 谈判桌 entries are a warning of 0. */
  warningOnly: boolean
  /** Its place among the counted fines of its kind (per agent for 态度/工服, per agency otherwise). */
  occurrence: number
  note: string | null
  issuedAt: Date
  issuedBy: string
  /** The local month whose commission it comes out of. */
  month: LocalMonth
}

/** What an escalating fine did (or, in a reversal, what no longer holds). */
export type EscalationFacts =
  /** R7: the agent's qualification cancelled; the agency's commission of `month` forfeited. */
  | { kind: 'agent-disqualified'; rule: SeedRule; staffName: string; agencyName: string; month: LocalMonth }
  /** R11 (commission confiscated), R13 (commission kept), R6 serious (commission forfeited). */
  | {
      kind: 'agency-dismissed'
      rule: SeedRule
      agencyName: string
      commission: 'forfeited' | 'confiscated' | null
      month: LocalMonth
      /** Agents whose qualification ended with the agency (empty in a reversal). */
      stoppedAgents: string[]
    }

/** One step before an escalation (R7 2nd 态度, R11 1st 派单): what the next one brings. */
export type WarningFacts =
  | { code: '态度'; staffName: string; agencyName: string; count: number; at: number }
  | { code: '派单'; agencyName: string; count: number; at: number }

/** Why an agency was dismissed, as stored in `Dismissal.reason` and read back (the domain's own shape). */
export type DismissalReason = DismissalCause

export interface ProposalFacts {
  agencyName: string
  /** The months under target, oldest first. */
  months: LocalMonth[]
  created: boolean
}

/** Commission, fines and dismissals (R4–R7, R9, R11, R13, R16, R18–R20). */
export type MoneyNoticeEvent =
  | {
      kind: 'fine-issued'
      fine: FineFacts
      escalation: EscalationFacts | null
      warning: WarningFacts | null
      auditCode: string
    }
  /** Pushed to the agency's agents: the next fine of this kind brings the escalation. */
  | { kind: 'fine-warning'; fine: FineFacts; warning: WarningFacts }
  | {
      kind: 'fine-reversed'
      code: string
      original: FineFacts
      reason: string
      at: Date
      by: string
      auditCode: string
    }
  | {
      kind: 'agency-dismissed'
      agencyName: string
      reasons: DismissalReason[]
      stoppedAgents: string[]
      by: string
      at: Date
      auditCode: string
    }
  /** To the manager on the 1st: last month's statements, the agencies under target, the dismissal proposals. */
  | {
      kind: 'month-closed'
      month: LocalMonth
      statements: AgencyStatement[]
      underTargetAgencies: string[]
      proposals: ProposalFacts[]
    }

/** Where the price of the "one more signing" projection comes from. */
export type PriceBasis = 'agency-month' | 'project' | 'units'

/** `再签1套 → …`: the domain's projection at an assumed price; `basis` null when no price is known at all. */
export interface Projection extends SigningProjection {
  basis: PriceBasis | null
}

/** One agency's R4 statement of one month, with what a reply needs to name things. */
export interface AgencyStatement {
  agencyId: number
  agencyName: string
  dismissed: boolean
  statement: MonthlyStatement
  /** Unit codes of the month's contracts, by contract id. */
  unitCodes: ReadonlyMap<number, string | null>
  /** Names of the project's staff, by id (agents fined or warned). */
  staffNames: ReadonlyMap<number, string>
  /** Current month only. */
  projection: Projection | null
  /** Dismissal proposals waiting for the manager (R4 two months under target). */
  pending: DismissalReason[]
  /** 结佣: the month's payments when it has closed, every closed month still owing, and the agency's acknowledgement. */
  settlement: Settled
}

export interface Settled {
  /** null while the month runs: nothing is paid against a running month */
  month: MonthSettlement | null
  /** every closed month of the agency (up to last month), oldest first */
  closed: MonthSettlement[]
  /** those that still owe: outstanding carries across months until paid */
  owing: MonthSettlement[]
  ack: StatementAckRecord | null
}
