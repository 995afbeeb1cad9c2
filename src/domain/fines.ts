import { type LocalMonth, localMonthOf, monthRange } from './calendar.ts'
import { FINE_CODES, type FineCode, type SeedRule } from './fine-codes.ts'
import type { Fen } from './money.ts'
import { err, ok, type Result } from './result.ts'
import type { RuleSettings } from './settings.ts'

export { FINE_CODES, type FineCode, type SeedRule } from './fine-codes.ts'

export interface FineRule {
  rule: SeedRule
  /** What the quantity counts: one occurrence per entry, customers received (派单), or pages (复印). */
  quantity: 'once' | 'customers' | 'pages'
  /** Counted per agent (an agent must be named), not per agency. */
  perAgent: boolean
}

/** SPEC.md's fines table with the seed rule of each; amounts live in settings.fines. */
export const FINE_CATALOGUE: Record<FineCode, FineRule> = {
  培训: { rule: 'R5', quantity: 'once', perAgent: false },
  不配合: { rule: 'R6', quantity: 'once', perAgent: false },
  态度: { rule: 'R7', quantity: 'once', perAgent: true },
  抢客: { rule: 'R9', quantity: 'once', perAgent: false },
  派单: { rule: 'R11', quantity: 'customers', perAgent: false },
  捣乱: { rule: 'R13', quantity: 'once', perAgent: false },
  大厅: { rule: 'R16', quantity: 'once', perAgent: false },
  水杯: { rule: 'R16', quantity: 'once', perAgent: false },
  谈判桌: { rule: 'R19', quantity: 'once', perAgent: false },
  工服: { rule: 'R20', quantity: 'once', perAgent: true },
  复印: { rule: 'R18', quantity: 'pages', perAgent: false },
}

/** A fine code as typed. */
export function parseFineCode(input: string): Result<FineCode, FineError> {
  const code = input.trim()
  return (FINE_CODES as readonly string[]).includes(code)
    ? ok(code as FineCode)
    : err({ code: 'fine.unknown-code', input: input.slice(0, 20) })
}

/** One row of the fine ledger: a fine, or a reversal (冲正) of one (negated amount, `reversesId` set). */
export interface FineEntry {
  id: number
  agencyId: number
  staffId: number | null
  code: FineCode
  quantity: number
  amountFen: Fen
  issuedAt: Date
  reversesId: number | null
  /** R6: a 不配合 fine the manager marked serious (情节严重). */
  severe?: boolean
}

export type Escalation =
  /** R7: the agent's qualification is cancelled; the agency's commission of the month is forfeited. */
  | { kind: 'agent-disqualified'; rule: SeedRule; agencyId: number; staffId: number; commission: 'forfeited' }
  /** R11 (commission confiscated), R13 捣乱 (commission kept), R6 serious 不配合 (commission forfeited). */
  | { kind: 'agency-dismissed'; rule: SeedRule; agencyId: number; commission: 'forfeited' | 'confiscated' | null }

/** One step before an escalation: what the next counted fine of this kind brings. */
export type FineWarning =
  | { code: '态度'; agencyId: number; staffId: number; count: number; next: 'agent-disqualified'; at: number }
  | { code: '派单'; agencyId: number; count: number; next: 'agency-dismissed'; at: number }

export interface FineRequest {
  code: FineCode
  agencyId: number
  /** The agent fined, or null when the manager named the agency. */
  staffId: number | null
  /** Customers received (派单) or pages (复印); absent means 1. Not allowed for fines counted once. */
  quantity?: number
  /** Only for fines whose amount the manager sets (R6 不配合). */
  amountFen?: Fen
  /** R6 "情节严重者取消其销售资格,佣金全部扣除": a serious 不配合 also dismisses the agency and forfeits its month. */
  severe?: boolean
}

export interface FineDecision {
  code: FineCode
  rule: SeedRule
  agencyId: number
  staffId: number | null
  quantity: number
  amountFen: Fen
  /** This fine's place among the counted fines of its kind (per agent for 态度/工服, per agency otherwise). */
  occurrence: number
  /** R19: the first 谈判桌 entries are a warning of 0. */
  warningOnly: boolean
  escalation: Escalation | null
  warning: FineWarning | null
}

type FineSettings = Pick<RuleSettings, 'fines'>

/** Ledger order: by instant, then id. */
const before = (a: FineEntry, b: FineEntry) =>
  a.issuedAt.getTime() < b.issuedAt.getTime() || (a.issuedAt.getTime() === b.issuedAt.getTime() && a.id < b.id)

/** The reversal of `fine` in the ledger, if any (optionally only one entered before `asOf`). */
function reversalOf(fine: FineEntry, ledger: readonly FineEntry[], asOf?: (r: FineEntry) => boolean) {
  return ledger.find((r) => r.reversesId === fine.id && (asOf === undefined || asOf(r)))
}

/** Same counting scope: per agent for per-agent codes, per agency otherwise. */
function sameScope(
  a: Pick<FineEntry, 'code' | 'agencyId' | 'staffId'>,
  b: Pick<FineEntry, 'code' | 'agencyId' | 'staffId'>,
) {
  if (a.code !== b.code) return false
  return FINE_CATALOGUE[a.code].perAgent ? a.staffId === b.staffId : a.agencyId === b.agencyId
}

/**
 * The counted fines of a ledger: original fines (not reversals) with no reversal. With `asOf`, as the ledger stood
 * just before that instant (entries and reversals issued before it).
 */
export function countedFines(ledger: readonly FineEntry[], asOf?: Date): FineEntry[] {
  const inTime = (e: FineEntry) => asOf === undefined || e.issuedAt.getTime() < asOf.getTime()
  return ledger.filter((e) => e.reversesId === null && inTime(e) && !reversalOf(e, ledger, inTime))
}

function assess(
  scope: Pick<FineEntry, 'code' | 'agencyId' | 'staffId'>,
  occurrence: number,
  severe: boolean,
  settings: FineSettings,
): { escalation: Escalation | null; warning: FineWarning | null } {
  const { rudeEscalateAt, flyerEscalateAt } = settings.fines
  const rule = FINE_CATALOGUE[scope.code].rule
  const { agencyId, staffId } = scope
  switch (scope.code) {
    case '态度':
      if (staffId === null) return { escalation: null, warning: null }
      if (occurrence >= rudeEscalateAt)
        return {
          escalation: { kind: 'agent-disqualified', rule, agencyId, staffId, commission: 'forfeited' },
          warning: null,
        }
      return {
        escalation: null,
        warning:
          occurrence === rudeEscalateAt - 1
            ? { code: '态度', agencyId, staffId, count: occurrence, next: 'agent-disqualified', at: rudeEscalateAt }
            : null,
      }
    case '派单':
      if (occurrence >= flyerEscalateAt)
        return { escalation: { kind: 'agency-dismissed', rule, agencyId, commission: 'confiscated' }, warning: null }
      return {
        escalation: null,
        warning:
          occurrence === flyerEscalateAt - 1
            ? { code: '派单', agencyId, count: occurrence, next: 'agency-dismissed', at: flyerEscalateAt }
            : null,
      }
    case '捣乱':
      return { escalation: { kind: 'agency-dismissed', rule, agencyId, commission: null }, warning: null }
    case '不配合':
      return {
        escalation: severe ? { kind: 'agency-dismissed', rule, agencyId, commission: 'forfeited' } : null,
        warning: null,
      }
    default:
      return { escalation: null, warning: null }
  }
}

/**
 * `罚款 <姓名或分销> <类型> [数量] [备注]`: the amount from settings × quantity (复印 per page, 派单 per customer
 * received), or the manager's amount (不配合); escalation and the one-step-before warning from the counted (not
 * reversed) fines in `ledger` (the agency's): 3rd 态度 of an agent, 2nd 派单 of an agency, any 捣乱, a serious 不配合.
 * 谈判桌's first entry is a warning of 0; 工服 is charged once per agent.
 */
export function decideFine(
  req: FineRequest,
  ledger: readonly FineEntry[],
  settings: FineSettings,
): Result<FineDecision, FineError> {
  const { code, agencyId, staffId } = req
  const entry = FINE_CATALOGUE[code]
  const unitFen = settings.fines.unitFen[code]
  const { maxQuantity, tableWarnings } = settings.fines

  if (unitFen === null) {
    if (req.amountFen === undefined) return err({ code: 'fine.amount-required', fineCode: code })
    if (!Number.isSafeInteger(req.amountFen) || req.amountFen <= 0)
      return err({ code: 'fine.amount-required', fineCode: code })
  } else if (req.amountFen !== undefined) return err({ code: 'fine.amount-not-allowed', fineCode: code })

  let quantity = 1
  if (entry.quantity === 'once') {
    if (req.quantity !== undefined && req.quantity !== 1)
      return err({ code: 'fine.quantity-not-allowed', fineCode: code })
  } else if (req.quantity !== undefined) {
    if (!Number.isSafeInteger(req.quantity) || req.quantity < 1 || req.quantity > maxQuantity)
      return err({ code: 'fine.quantity-invalid', fineCode: code, max: maxQuantity })
    quantity = req.quantity
  }
  if (req.severe && code !== '不配合') return err({ code: 'fine.severe-not-allowed', fineCode: code })
  if (entry.perAgent && staffId === null) return err({ code: 'fine.agent-required', fineCode: code })

  const priors = countedFines(ledger).filter((e) => sameScope(e, req))
  if (code === '工服' && staffId !== null) {
    const charged = priors[0]
    if (charged) return err({ code: 'fine.uniform-already-charged', rule: 'R20', staffId, fineId: charged.id })
  }
  const occurrence = priors.length + 1
  const warningOnly = code === '谈判桌' && occurrence <= tableWarnings
  const amountFen = unitFen === null ? (req.amountFen as Fen) : warningOnly ? 0 : unitFen * quantity
  if (!Number.isSafeInteger(amountFen)) return err({ code: 'fine.quantity-invalid', fineCode: code, max: maxQuantity })
  return ok({
    code,
    rule: entry.rule,
    agencyId,
    staffId,
    quantity,
    amountFen,
    occurrence,
    warningOnly,
    ...assess(req, occurrence, req.severe === true, settings),
  })
}

function undoneBy(original: FineEntry, ledger: readonly FineEntry[], settings: FineSettings) {
  const reversal: FineEntry = { ...original, id: -1, amountFen: 0, reversesId: original.id }
  const after = new Set(escalationsOf([...ledger, reversal], settings).map((x) => x.fine.id))
  return escalationsOf(ledger, settings)
    .filter((x) => !after.has(x.fine.id))
    .map((x) => ({ fineId: x.fine.id, escalation: x.escalation }))
}

export interface ReversalDecision {
  reversesId: number
  agencyId: number
  staffId: number | null
  code: FineCode
  quantity: number
  /** The original amount negated (a warning of 0 reverses to 0). */
  amountFen: Fen
  /**
   * Escalations that no longer hold once the original stops counting (its own, or a later fine's that drops below the
   * limit): the manager is told, and undoes their effects (re-activation, dismissal) by the usual commands.
   */
  undoes: { fineId: number; escalation: Escalation }[]
}

/**
 * `冲正 <罚款编号> <原因>`: a new entry with the negated amount that references the original. A fine is reversed at
 * most once, a reversal never; a reversed fine no longer counts toward escalations.
 */
export function decideReversal(
  fineId: number,
  ledger: readonly FineEntry[],
  settings: FineSettings,
): Result<ReversalDecision, FineError> {
  const original = ledger.find((e) => e.id === fineId)
  if (!original) return err({ code: 'reversal.not-found', fineId })
  if (original.reversesId !== null) return err({ code: 'reversal.of-reversal', fineId })
  const existing = reversalOf(original, ledger)
  if (existing) return err({ code: 'reversal.already-reversed', fineId, reversalId: existing.id })
  return ok({
    reversesId: original.id,
    agencyId: original.agencyId,
    staffId: original.staffId,
    code: original.code,
    quantity: original.quantity,
    amountFen: original.amountFen === 0 ? 0 : -original.amountFen,
    undoes: undoneBy(original, ledger, settings),
  })
}

/**
 * The escalations of a ledger as it stands just before `asOf` (all of it without): each counted fine judged by its
 * place among the counted fines of its scope, so reversing an earlier fine also takes a later fine below the limit.
 */
export function escalationsOf(
  ledger: readonly FineEntry[],
  settings: FineSettings,
  asOf?: Date,
): { fine: FineEntry; escalation: Escalation }[] {
  const counted = countedFines(ledger, asOf).sort((a, b) => (before(a, b) ? -1 : 1))
  const out: { fine: FineEntry; escalation: Escalation }[] = []
  for (const [i, fine] of counted.entries()) {
    const occurrence = counted.slice(0, i + 1).filter((e) => sameScope(e, fine)).length
    const { escalation } = assess(fine, occurrence, fine.severe === true, settings)
    if (escalation) out.push({ fine, escalation })
  }
  return out
}

export interface CommissionForfeit {
  kind: 'forfeited' | 'confiscated'
  fineId: number
  code: FineCode
  rule: SeedRule
}

/**
 * Whether the agency's commission of `month` is forfeited (R7 3rd 态度, R6 serious 不配合) or confiscated (R11 2nd
 * 派单): a fine issued in that local month that escalates as the ledger stood at the month's end. A reversal entered
 * in a later month does not rewrite the closed month (its amount is credited in its own month).
 */
export function commissionForfeit(
  ledger: readonly FineEntry[],
  month: LocalMonth,
  settings: FineSettings,
  tz: string,
): CommissionForfeit | null {
  for (const { fine, escalation } of escalationsOf(ledger, settings, monthRange(month, tz).end)) {
    if (escalation.commission === null || localMonthOf(fine.issuedAt, tz) !== month) continue
    return { kind: escalation.commission, fineId: fine.id, code: fine.code, rule: escalation.rule }
  }
  return null
}

/**
 * The warnings standing at `asOf`: an agent one counted 态度 fine short of disqualification, an agency one counted
 * 派单 fine short of dismissal (R7, R11; "the next one brings …").
 */
export function standingWarnings(ledger: readonly FineEntry[], asOf: Date, settings: FineSettings): FineWarning[] {
  const counted = countedFines(ledger, asOf)
  const groups = new Map<string, FineEntry[]>()
  for (const e of counted) {
    if (e.code !== '态度' && e.code !== '派单') continue
    const key = e.code === '态度' ? `态度:${e.staffId}` : `派单:${e.agencyId}`
    groups.set(key, [...(groups.get(key) ?? []), e])
  }
  const warnings: FineWarning[] = []
  for (const entries of groups.values()) {
    const first = entries[0]
    if (!first) continue
    const { warning } = assess(first, entries.length, false, settings)
    if (warning) warnings.push(warning)
  }
  return warnings
}

export type FineError =
  | { code: 'fine.unknown-code'; input: string }
  /** The manager sets this fine's amount (R6 不配合) and gave none. */
  | { code: 'fine.amount-required'; fineCode: FineCode }
  /** An amount was given for a fine whose amount comes from the catalogue. */
  | { code: 'fine.amount-not-allowed'; fineCode: FineCode }
  /** A quantity was given for a fine counted once per occurrence. */
  | { code: 'fine.quantity-not-allowed'; fineCode: FineCode }
  /** Pages or customers must be a whole number from 1 to `max`. */
  | { code: 'fine.quantity-invalid'; fineCode: FineCode; max: number }
  /** "Serious" (R6 情节严重) applies to 不配合 only. */
  | { code: 'fine.severe-not-allowed'; fineCode: FineCode }
  /** The fine counts per agent (态度, 工服): an agent must be named, not only the agency. */
  | { code: 'fine.agent-required'; fineCode: FineCode }
  /** R20: the uniform fee is charged once per agent. */
  | { code: 'fine.uniform-already-charged'; rule: 'R20'; staffId: number; fineId: number }
  /** `罚款 <姓名或分销>`: neither an agency nor an agent of this project has that name. */
  | { code: 'fine.target-not-found'; name: string }
  | { code: 'reversal.not-found'; fineId: number }
  | { code: 'reversal.of-reversal'; fineId: number }
  | { code: 'reversal.already-reversed'; fineId: number; reversalId: number }

/** 劝退 (R4, R11, R13, R6): a dismissed agency takes no more fines and cannot be dismissed again. */
export type DismissalError =
  | { code: 'agency.dismissed'; name: string; since: Date | null }
  /** Anything but a fine or 劝退 asked of a dismissed agency (报备 for it, its statement). */
  | { code: 'agency.not-active'; name: string; since: Date | null }
