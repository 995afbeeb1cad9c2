import type { FineCode } from './fine-codes.ts'

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
  /** Local wall time of the "protection ends in N days" reminder. */
  protectionReminderTime: { hour: number; minute: number }
  /** R4: commission rates in basis points of the total price (160 = 1.6%). */
  commission: { fullRateBp: number; reducedRateBp: number; monthlyTarget: number; dismissAfterMonthsUnder: number }
  /** How long a /staff add join code stays valid, in hours. */
  joinCodeHours: number
  /** Local wall time of the managers' daily brief (每日简报). */
  dailyBriefTime: { hour: number; minute: number }
  /** `确认 <码>` must come within this many minutes of the irreversible command it confirms (劝退, a dismissing fine). */
  confirmMinutes: number
  /** 待审批 flags an item whose hold ends within this many hours. */
  approvalUrgentHours: number
  /** Fines (罚款), SPEC.md's table. */
  fines: FineSettings
  /** 隐号报备: agents may file `报备 <姓名> 138****5678` (off by default). */
  maskedFiling: boolean
  /** A masked filing not completed by a visit lapses after this many days, its filing day counting as day 1. */
  maskedLapseDays: number
  /** 结佣: a statement still outstanding this many days after its month closed reminds the manager once. */
  settlementOverdueDays: number
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
  protectionReminderTime: { hour: 9, minute: 0 },
  commission: { fullRateBp: 160, reducedRateBp: 150, monthlyTarget: 2, dismissAfterMonthsUnder: 2 },
  joinCodeHours: 72,
  dailyBriefTime: { hour: 9, minute: 0 },
  confirmMinutes: 10,
  approvalUrgentHours: 24,
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
  maskedFiling: false,
  maskedLapseDays: 3,
  settlementOverdueDays: 30,
}

type Bounds = [path: string, min: number, max: number, nullable?: boolean]

const BOUNDS: Bounds[] = [
  ['protectionDays', 1, 365],
  ['protectionReminderDays', 0, 365],
  ['maxAgencies', 1, 10_000],
  ['maxAgentsPerAgency', 1, 1_000],
  ['forfeitAfterDays', 1, 365],
  ['deposits.big.amountFen', 1, Number.MAX_SAFE_INTEGER],
  ['deposits.big.holdDays', 1, 365],
  ['deposits.small.amountFen', 1, Number.MAX_SAFE_INTEGER],
  ['deposits.small.holdDays', 1, 365],
  ['holdReminderTime.hour', 0, 23],
  ['holdReminderTime.minute', 0, 59],
  ['protectionReminderTime.hour', 0, 23],
  ['protectionReminderTime.minute', 0, 59],
  ['commission.fullRateBp', 0, 10_000],
  ['commission.reducedRateBp', 0, 10_000],
  ['commission.monthlyTarget', 0, 10_000],
  ['commission.dismissAfterMonthsUnder', 1, 120],
  ['joinCodeHours', 1, 24 * 365],
  ['dailyBriefTime.hour', 0, 23],
  ['dailyBriefTime.minute', 0, 59],
  ['confirmMinutes', 1, 24 * 60],
  ['approvalUrgentHours', 0, 24 * 365],
  ['fines.rudeEscalateAt', 1, 1_000],
  ['fines.flyerEscalateAt', 1, 1_000],
  ['fines.tableWarnings', 0, 1_000],
  ['fines.maxQuantity', 1, 1_000_000],
  ['maskedLapseDays', 1, 365],
  ['settlementOverdueDays', 1, 3650],
]

/** The whole-number range of a settings path (`protectionDays` → [1, 365]); undefined for a path not in the table. */
export function settingBounds(path: string): [min: number, max: number] | undefined {
  const b = BOUNDS.find(([p]) => p === path)
  return b ? [b[1], b[2]] : undefined
}

/**
 * The settings paths whose value is not a whole number in its range (fine amounts: whole fen or null). Empty when
 * the settings are usable; a project's stored overrides are checked with it before the rules see them.
 */
export function settingsProblems(settings: RuleSettings): string[] {
  const at = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        settings,
      )
  const bad = (v: unknown, min: number, max: number, nullable = false) =>
    !(nullable && v === null) && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max)
  const problems = BOUNDS.filter(([path, min, max, nullable]) => bad(at(path), min, max, nullable)).map(([p]) => p)
  if (typeof settings.maskedFiling !== 'boolean') problems.push('maskedFiling')
  for (const [code, fen] of Object.entries(settings.fines.unitFen))
    if (bad(fen, 0, Number.MAX_SAFE_INTEGER, true)) problems.push(`fines.unitFen.${code}`)
  return problems
}
