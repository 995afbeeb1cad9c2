import { addDays, isLocalDate, type LocalDate, type LocalMonth, monthOf, monthRange, startOfDay } from './calendar.ts'
import { parseStatementMonth } from './commission.ts'
import type { DepositStatus } from './deposit.ts'
import { err, ok, type Result } from './result.ts'
import type { SubscriptionStatus } from './subscription.ts'
import { toHalfWidth } from './text.ts'

/**
 * 报表: how each agency did in a period, every figure a count or sum of records (their codes kept, so each figure
 * can be traced to them). The funnel 报备 → 到访 → 定金 → 认购 → 签约 counts what happened in the period at each stage —
 * filings made, visits registered, deposits recorded (not rejected), subscriptions approved, contracts signed — not
 * a cohort; a rate is a stage over the stage before it in the same period, and may exceed 100%.
 */
export const FUNNEL_STAGES = ['filings', 'visits', 'deposits', 'subscriptions', 'signings'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

/** One record as the report reads it: its code (F3, D2…), the agency it counts for, and the instant that counts. */
export interface CountedRecord {
  code: string
  agencyId: number
  at: Date
}

export interface PeriodRecords {
  filings: CountedRecord[]
  /** Visits, counted for the agency whose filing the visit renewed. */
  visits: CountedRecord[]
  deposits: (CountedRecord & { status: DepositStatus })[]
  /** Subscriptions with `at` = the manager's decision. */
  subscriptions: (CountedRecord & { status: SubscriptionStatus })[]
  signings: CountedRecord[]
  collisions: { code: string; ownerAgencyId: number; challengerAgencyId: number; at: Date }[]
  /** Rotation turns (R3) in dealing order. */
  turns: {
    id: number
    agencyId: number
    outcome: 'assigned' | 'skipped' | 'owner'
    reason: string | null
    leadKind: 'walk-in' | 'call'
    at: Date
  }[]
  /** Fines and reversals (negative amounts) whose month is the period's. */
  fines: { code: string; agencyId: number; amountFen: number; reversal: boolean; at: Date }[]
}

export interface AgencyRef {
  id: number
  name: string
  seq: number
  active: boolean
}

export interface AgencyLine {
  agencyId: number
  name: string
  active: boolean
  /** Each stage's records' codes, oldest first; the figure is their number. */
  funnel: Record<FunnelStage, string[]>
  /** Per mille, stage over the stage before (null when the one before is 0); `overall` is signings over filings. */
  rates: { visits: number | null; deposits: number | null; subscriptions: number | null; signings: number | null }
  overall: number | null
  collisionsWon: string[]
  collisionsLost: string[]
  dealt: { walkIn: number; call: number }
  /** Protected walk-ins and calls that went to it without using a turn. */
  toOwner: number
  skipped: { reason: string; count: number }[]
  fines: { count: number; netFen: number; codes: string[] }
}

export interface Rank {
  agencyId: number
  name: string
  rank: number
}

export interface Fairness {
  /** Leads dealt by the rotation in the period (turns given, not protected leads sent to their owner). */
  total: number
  /** Agencies in the rotation: active ones and any dealt a lead in the period. */
  agencies: number
  /** Mean leads per agency, in tenths (12 = 1.2). */
  meanTenths: number
  perAgency: {
    agencyId: number
    name: string
    dealt: number
    /** dealt − mean, in tenths */
    diffTenths: number
    /** The most leads dealt in a row to others: since the period began, between two of its own, up to now. */
    longestGap: number
  }[]
  /** The agency that waited longest, and for how many leads. */
  longestGap: { agencyId: number; name: string; leads: number } | null
}

export interface Report {
  lines: AgencyLine[]
  /** By signings, most first; equal figures share a rank (1, 1, 3). */
  bySignings: Rank[]
  /** By overall conversion (signings / filings); agencies with no filing are not ranked. */
  byConversion: Rank[]
  fairness: Fairness
}

/** A rejected deposit never held anything; a subscription counts once the manager approved it (R21). */
const countsAsDeposit = (d: { status: DepositStatus }) => d.status !== 'rejected'
const countsAsSubscription = (s: { status: SubscriptionStatus }) => s.status === 'approved' || s.status === 'signed'

/** n / d in per mille, rounded half up; null when d is 0. */
export const perMille = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n * 1000) / d))

const codesOf = (records: readonly CountedRecord[], agencyId: number) =>
  records.filter((r) => r.agencyId === agencyId).map((r) => r.code)

/**
 * The report of one period for `agencies` (the caller chooses them: active ones, and dismissed ones with records in
 * the period). Records of other agencies are ignored. Pure: every figure comes from `records`.
 */
export function buildReport(agencies: readonly AgencyRef[], records: PeriodRecords): Report {
  const ordered = [...agencies].sort((a, b) => a.seq - b.seq)
  const deposits = records.deposits.filter(countsAsDeposit)
  const subscriptions = records.subscriptions.filter(countsAsSubscription)
  const lines = ordered.map((a): AgencyLine => {
    const funnel: AgencyLine['funnel'] = {
      filings: codesOf(records.filings, a.id),
      visits: codesOf(records.visits, a.id),
      deposits: codesOf(deposits, a.id),
      subscriptions: codesOf(subscriptions, a.id),
      signings: codesOf(records.signings, a.id),
    }
    const n = (s: FunnelStage) => funnel[s].length
    const turns = records.turns.filter((t) => t.agencyId === a.id)
    const reasons = new Map<string, number>()
    for (const t of turns)
      if (t.outcome === 'skipped') reasons.set(t.reason ?? '', (reasons.get(t.reason ?? '') ?? 0) + 1)
    const fines = records.fines.filter((f) => f.agencyId === a.id)
    return {
      agencyId: a.id,
      name: a.name,
      active: a.active,
      funnel,
      rates: {
        visits: perMille(n('visits'), n('filings')),
        deposits: perMille(n('deposits'), n('visits')),
        subscriptions: perMille(n('subscriptions'), n('deposits')),
        signings: perMille(n('signings'), n('subscriptions')),
      },
      overall: perMille(n('signings'), n('filings')),
      collisionsWon: records.collisions.filter((c) => c.ownerAgencyId === a.id).map((c) => c.code),
      collisionsLost: records.collisions.filter((c) => c.challengerAgencyId === a.id).map((c) => c.code),
      dealt: {
        walkIn: turns.filter((t) => t.outcome === 'assigned' && t.leadKind === 'walk-in').length,
        call: turns.filter((t) => t.outcome === 'assigned' && t.leadKind === 'call').length,
      },
      toOwner: turns.filter((t) => t.outcome === 'owner').length,
      skipped: [...reasons].map(([reason, count]) => ({ reason, count })),
      fines: {
        count: fines.filter((f) => !f.reversal).length,
        netFen: fines.reduce((sum, f) => sum + f.amountFen, 0),
        codes: fines.map((f) => f.code),
      },
    }
  })
  return {
    lines,
    bySignings: rank(lines, (l) => l.funnel.signings.length),
    byConversion: rank(
      lines.filter((l) => l.overall !== null),
      (l) => l.overall as number,
    ),
    fairness: fairness(ordered, records.turns),
  }
}

/** Competition ranking: most first; equal scores share a rank and the next rank skips (1, 1, 3). */
function rank(lines: readonly AgencyLine[], score: (l: AgencyLine) => number): Rank[] {
  const sorted = [...lines].sort((a, b) => score(b) - score(a))
  return sorted.map((l) => ({
    agencyId: l.agencyId,
    name: l.name,
    rank: 1 + sorted.filter((o) => score(o) > score(l)).length,
  }))
}

/**
 * R3 rotation fairness: leads dealt per agency against the mean, and the longest run of leads dealt to others while
 * an agency waited (a skip for no check-in is one way to wait long).
 */
export function fairness(agencies: readonly AgencyRef[], turns: PeriodRecords['turns']): Fairness {
  const dealt = [...turns].sort((a, b) => a.id - b.id).filter((t) => t.outcome === 'assigned')
  const inRotation = agencies.filter((a) => a.active || dealt.some((t) => t.agencyId === a.id))
  const n = inRotation.length
  const total = dealt.length
  const perAgency = inRotation.map((a) => {
    let run = 0
    let longest = 0
    let mine = 0
    for (const t of dealt) {
      if (t.agencyId === a.id) {
        mine++
        run = 0
      } else longest = Math.max(longest, ++run)
    }
    return {
      agencyId: a.id,
      name: a.name,
      dealt: mine,
      diffTenths: n === 0 ? 0 : Math.round(((mine * n - total) * 10) / n),
      longestGap: longest,
    }
  })
  const worst = perAgency.reduce<(typeof perAgency)[number] | null>(
    (w, p) => (p.longestGap > (w?.longestGap ?? 0) ? p : w),
    null,
  )
  return {
    total,
    agencies: n,
    meanTenths: n === 0 ? 0 : Math.round((total * 10) / n),
    perAgency,
    longestGap: worst && { agencyId: worst.agencyId, name: worst.name, leads: worst.longestGap },
  }
}

export type PeriodError =
  | { code: 'period.invalid'; input: string }
  /** A day or month that has not begun. */
  | { code: 'period.future'; period: string; today: LocalDate }

/** `撞单 [YYYY-MM-DD|YYYY-MM]`: a local day or month; one that has not begun at `today` is refused. */
export type Period = { kind: 'day'; date: LocalDate } | { kind: 'month'; month: LocalMonth }

export function parsePeriod(input: string, today: LocalDate): Result<Period, PeriodError> {
  const s = toHalfWidth(input.trim())
  const day = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)
  if (day) {
    const date = `${day[1]}-${(day[2] as string).padStart(2, '0')}-${(day[3] as string).padStart(2, '0')}`
    if (!isLocalDate(date)) return err({ code: 'period.invalid', input: input.slice(0, 20) })
    return date > today ? err({ code: 'period.future', period: date, today }) : ok({ kind: 'day', date })
  }
  const month = parseStatementMonth(s)
  if (!month.ok) return err({ code: 'period.invalid', input: input.slice(0, 20) })
  return month.value > monthOf(today)
    ? err({ code: 'period.future', period: month.value, today })
    : ok({ kind: 'month', month: month.value })
}

/** [from, to) instants of a period in the project's zone. */
export function periodRange(p: Period, tz: string): { from: Date; to: Date } {
  if (p.kind === 'month') {
    const r = monthRange(p.month, tz)
    return { from: r.start, to: r.end }
  }
  return { from: startOfDay(p.date, tz), to: startOfDay(addDays(p.date, 1), tz) }
}

/** Project-wide figures of a period (the daily brief's "yesterday"), by the same stage rules as the report. */
export function periodTotals(records: PeriodRecords): Record<FunnelStage, number> & { collisions: number } {
  return {
    filings: records.filings.length,
    visits: records.visits.length,
    deposits: records.deposits.filter(countsAsDeposit).length,
    subscriptions: records.subscriptions.filter(countsAsSubscription).length,
    signings: records.signings.length,
    collisions: records.collisions.length,
  }
}
