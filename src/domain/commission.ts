import { addMonths, isLocalMonth, type LocalDate, type LocalMonth, localMonthOf, monthRange } from './calendar.ts'
import {
  type CommissionForfeit,
  commissionForfeit,
  type FineEntry,
  type FineWarning,
  standingWarnings,
} from './fines.ts'
import { applyRateBp, type Fen, sumFen } from './money.ts'
import { err, ok, type Result } from './result.ts'
import type { RuleSettings } from './settings.ts'
import { toHalfWidth } from './text.ts'

/**
 * R4 commission, per agency per local calendar month, in integer fen.
 * Rounding: once per month, commission = total price × rate in basis points / 10000, rounded half-up to the fen.
 * Forfeiture: a month whose commission is forfeited (R7 3rd 态度, R6 serious 不配合) or confiscated (R11 2nd 派单)
 * has commission 0; its fines are still deducted and a negative balance still carries over (fines.ts decides which
 * month, as the ledger stood at that month's end).
 */

/** A signed contract (签约) as commission sees it. */
export interface SignedContract {
  id: number
  agencyId: number
  priceFen: Fen
  /** R4 地下室不做业绩考核: counts in the total price, not toward the target. */
  basement: boolean
  signedAt: Date
}

export interface MonthlyStatement {
  agencyId: number
  month: LocalMonth
  /** Contracts signed in the local month, in signing order. */
  contracts: SignedContract[]
  /** Signed units that count toward the target (not basement). */
  countedUnits: number
  basementUnits: number
  target: number
  targetMet: boolean
  rateBp: number
  /** Total price of the month's contracts, basement units included. */
  totalPriceFen: Fen
  /** rate × total, half-up to the fen. */
  grossFen: Fen
  forfeit: CommissionForfeit | null
  /** grossFen, or 0 when the month is forfeited or confiscated. */
  commissionFen: Fen
  /** The month's ledger entries (fines and reversals issued in the month). */
  fines: FineEntry[]
  /** Their sum; a reversal of an earlier month's fine makes it smaller. */
  finesFen: Fen
  /** The previous month's negative balance (0 or less). */
  carryInFen: Fen
  /** commission − fines + carry-in. */
  netFen: Fen
  /** What is paid: the net when positive, else 0. */
  payableFen: Fen
  /** What the next month inherits: the net when negative, else 0. */
  carryOutFen: Fen
  /** Escalation warnings standing at the month's end (next 态度 / 派单 brings …). */
  warnings: FineWarning[]
}

type CommissionSettings = Pick<RuleSettings, 'commission' | 'fines'>

/** R4: fullRateBp (1.6%) when the month's non-basement signings reach monthlyTarget (2), else reducedRateBp (1.5%). */
export function commissionRateBp(countedUnits: number, settings: Pick<RuleSettings, 'commission'>): number {
  const { fullRateBp, reducedRateBp, monthlyTarget } = settings.commission
  return countedUnits >= monthlyTarget ? fullRateBp : reducedRateBp
}

export interface StatementInput {
  agencyId: number
  month: LocalMonth
  /** The agency's contracts (others are ignored); only those signed in the local month count. */
  contracts: readonly SignedContract[]
  /** The agency's fine ledger, all months: the month's entries are deducted, earlier ones decide escalations. */
  fines: readonly FineEntry[]
  carryInFen: Fen
}

/**
 * R4 statement of one agency for one local month: a contract signed at 23:59:59.999 local on the last day counts in
 * that month, one at 00:00 local on the 1st in the next; fines of the month are deducted; the carry-in is added.
 */
export function monthlyStatement(input: StatementInput, settings: CommissionSettings, tz: string): MonthlyStatement {
  const { agencyId, month } = input
  const contracts = input.contracts
    .filter((c) => c.agencyId === agencyId && localMonthOf(c.signedAt, tz) === month)
    .sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime() || a.id - b.id)
  const ledger = input.fines.filter((f) => f.agencyId === agencyId)
  const fines = ledger.filter((f) => localMonthOf(f.issuedAt, tz) === month)
  const countedUnits = contracts.filter((c) => !c.basement).length
  const rateBp = commissionRateBp(countedUnits, settings)
  const totalPriceFen = sumFen(contracts.map((c) => c.priceFen))
  const grossFen = applyRateBp(totalPriceFen, rateBp)
  const forfeit = commissionForfeit(ledger, month, settings, tz)
  const commissionFen = forfeit ? 0 : grossFen
  const finesFen = sumFen(fines.map((f) => f.amountFen))
  const carryInFen = Math.min(0, input.carryInFen)
  const netFen = sumFen([commissionFen, -finesFen, carryInFen])
  return {
    agencyId,
    month,
    contracts,
    countedUnits,
    basementUnits: contracts.length - countedUnits,
    target: settings.commission.monthlyTarget,
    targetMet: countedUnits >= settings.commission.monthlyTarget,
    rateBp,
    totalPriceFen,
    grossFen,
    forfeit,
    commissionFen,
    fines,
    finesFen,
    carryInFen,
    netFen,
    payableFen: Math.max(0, netFen),
    carryOutFen: Math.min(0, netFen),
    warnings: standingWarnings(ledger, monthRange(month, tz).end, settings),
  }
}

/**
 * Statements for every month from `from` to `to` (inclusive), each month's negative balance carried into the next.
 * `from` is the agency's first month (nothing carries into it).
 */
export function statementSeries(
  input: Omit<StatementInput, 'month' | 'carryInFen'> & { from: LocalMonth; to: LocalMonth },
  settings: CommissionSettings,
  tz: string,
): MonthlyStatement[] {
  const out: MonthlyStatement[] = []
  let carryInFen = 0
  for (let month = input.from; month <= input.to; month = addMonths(month, 1)) {
    const s = monthlyStatement({ ...input, month, carryInFen }, settings, tz)
    out.push(s)
    carryInFen = s.carryOutFen
  }
  return out
}

export interface SigningProjection {
  priceFen: Fen
  rateBpBefore: number
  rateBpAfter: number
  commissionBeforeFen: Fen
  commissionAfterFen: Fen
  /** What one more signing adds to the month's commission (0 in a forfeited month). */
  deltaFen: Fen
}

/**
 * `业绩` in the current month: what one more non-basement signing at `priceFen` would change — the rate may rise
 * (再签1套 → 费率升至1.6%) and the whole month's total is charged at the new rate.
 */
export function projectOneMoreSigning(
  statement: MonthlyStatement,
  priceFen: Fen,
  settings: Pick<RuleSettings, 'commission'>,
): SigningProjection {
  const rateBpAfter = commissionRateBp(statement.countedUnits + 1, settings)
  const commissionAfterFen = statement.forfeit
    ? 0
    : applyRateBp(sumFen([statement.totalPriceFen, priceFen]), rateBpAfter)
  return {
    priceFen,
    rateBpBefore: statement.rateBp,
    rateBpAfter,
    commissionBeforeFen: statement.commissionFen,
    commissionAfterFen,
    deltaFen: commissionAfterFen - statement.commissionFen,
  }
}

export interface DismissalProposal {
  agencyId: number
  rule: 'R4'
  /** The months under target, oldest first. */
  months: LocalMonth[]
}

/**
 * R4 "连续2月没有完成任务劝退": after `closedMonth` ends, propose dismissal when it and the months before it
 * (settings.commission.dismissAfterMonthsUnder in all) each had fewer non-basement signings than the target. Only full
 * months count: a month the agency joined after its 1st is not held against it. The manager confirms (劝退).
 */
export function dismissalProposal(
  input: { agencyId: number; closedMonth: LocalMonth; activeSince: LocalDate; contracts: readonly SignedContract[] },
  settings: Pick<RuleSettings, 'commission'>,
  tz: string,
): DismissalProposal | null {
  const { dismissAfterMonthsUnder, monthlyTarget } = settings.commission
  const months: LocalMonth[] = []
  for (let i = dismissAfterMonthsUnder - 1; i >= 0; i--) months.push(addMonths(input.closedMonth, -i))
  for (const month of months) {
    if (input.activeSince > `${month}-01`) return null
    const signed = input.contracts.filter(
      (c) => c.agencyId === input.agencyId && !c.basement && localMonthOf(c.signedAt, tz) === month,
    ).length
    if (signed >= monthlyTarget) return null
  }
  return { agencyId: input.agencyId, rule: 'R4', months }
}

/** `业绩 [YYYY-MM]`: a month typed as 2026-11, 2026-1, 2026/11, 2026年11月 or 202611. */
export function parseStatementMonth(input: string): Result<LocalMonth, MonthError> {
  const s = toHalfWidth(input.trim())
  const m = /^(\d{4})(?:[-/年.](\d{1,2})月?|(\d{2}))$/.exec(s)
  const month = m ? `${m[1]}-${(m[2] ?? m[3] ?? '').padStart(2, '0')}` : ''
  return isLocalMonth(month) ? ok(month) : err({ code: 'month.invalid', input: input.slice(0, 20) })
}

export type MonthError =
  | { code: 'month.invalid'; input: string }
  /** A statement of a month that has not begun. */
  | { code: 'month.future'; month: string; current: string }
