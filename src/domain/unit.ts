import { type AreaCm2, type AreaError, type Fen, type MoneyError, parseArea, parseYuan } from './money.ts'
import { err, ok, type Result } from './result.ts'
import { toHalfWidth } from './text.ts'

/** available 可售 → held 已定 → subscribed 已认购 → signed 已签约; locked 锁定 by the secretary (R18 销控以现场秘书为主). */
export const UNIT_STATUSES = ['available', 'held', 'subscribed', 'signed', 'locked'] as const
export type UnitStatus = (typeof UNIT_STATUSES)[number]

/** What a unit is: fixed when it is added. */
export interface UnitSpec {
  /** Building-entrance-room, e.g. `3-1-1201`. */
  code: string
  areaCm2: AreaCm2
  listPriceFen: Fen
  floorPriceFen: Fen
  /** R4 地下室不做业绩考核: basement units do not count toward the monthly target. */
  basement: boolean
}

/** A unit with its sales-control state. A hold is the deposit that holds it and the instant the hold ends. */
export interface Unit extends UnitSpec {
  id: number
  status: UnitStatus
  depositId: number | null
  heldUntil: Date | null
}

const DASH = /[-－—–‐‑−]/
/** One part of a unit code: letters, digits or CJK characters. */
const PART = /^[A-Z0-9\p{Script=Han}]+$/u
export const UNIT_CODE_MAX = 20

/**
 * A unit code: 1–4 parts of letters, digits or CJK characters joined by `-`, at most 20 characters — `3-1-1201`
 * (building-entrance-room), `B1-017`, `地下室-12`, `车位-A-001`. Full-width forms and other dashes are folded, letters
 * upper-cased; a number before the last part loses its leading zeros (`03-01-1201` is `3-1-1201`), the last part
 * (room, space) is kept as typed (`B1-017`). Whether a unit is a basement unit is its own flag, never read from here.
 */
export function parseUnitCode(input: string): Result<string, UnitError> {
  const parts = toHalfWidth(input.trim()).toUpperCase().split(DASH)
  const last = parts.length - 1
  const code = parts.map((p, i) => (i < last && /^\d+$/.test(p) ? String(Number(p)) : p)).join('-')
  if (parts.length > 4 || !parts.every((p) => PART.test(p)) || code.length > UNIT_CODE_MAX)
    return err({ code: 'unit.code-invalid', input: input.slice(0, 40) })
  return ok(code)
}

/** Orders unit codes as people read them: building, entrance, then room, numerically (`3-1-901` before `3-1-1201`). */
export function compareUnitCodes(a: string, b: string): number {
  const key = (code: string) =>
    code.split('-').map((p) => [p.replace(/\d+$/, ''), Number(p.replace(/^\D+/, ''))] as const)
  const ka = key(a)
  const kb = key(b)
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const [pa, na] = ka[i] ?? ['', -1]
    const [pb, nb] = kb[i] ?? ['', -1]
    if (pa !== pb) return pa < pb ? -1 : 1
    if (na !== nb) return na - nb
  }
  return 0
}

/** A unit's specification is consistent: the floor price (底价) is at most the list price (总价). */
export function validateUnitSpec(spec: UnitSpec): Result<UnitSpec, UnitError> {
  if (spec.floorPriceFen > spec.listPriceFen)
    return err({ code: 'unit.floor-above-list', floorPriceFen: spec.floorPriceFen, listPriceFen: spec.listPriceFen })
  return ok(spec)
}

const BASEMENT_YES = new Set(['地下室', '是', 'y', 'yes', 'true', '1', 'basement'])
const BASEMENT_NO = new Set(['', '否', 'n', 'no', 'false', '0'])

const fieldError = (
  field: UnitField,
  input: string,
  reason: Extract<UnitError, { code: 'unit.field-invalid' }>['reason'],
) => err({ code: 'unit.field-invalid', field, input: input.slice(0, 40), reason } as const)

/**
 * The fields of `/unit add <房号> <面积㎡> <总价元> <底价元> [地下室]` or of a CSV row → a consistent unit spec.
 * The basement column takes 地下室/是/yes/1 or 否/no/0/empty.
 */
export function parseUnitFields(fields: readonly string[]): Result<UnitSpec, UnitError> {
  if (fields.length !== 4 && fields.length !== 5)
    return err({ code: 'unit.fields-count', expected: [4, 5], got: fields.length })
  const [codeIn = '', areaIn = '', listIn = '', floorIn = '', basementIn = ''] = fields.map((f) => f.trim())
  const code = parseUnitCode(codeIn)
  if (!code.ok) return code
  const area = parseArea(areaIn)
  if (!area.ok) return fieldError('area', areaIn, area.error.code)
  const list = parseYuan(listIn)
  if (!list.ok) return fieldError('listPrice', listIn, list.error.code)
  const floor = parseYuan(floorIn)
  if (!floor.ok) return fieldError('floorPrice', floorIn, floor.error.code)
  const flag = basementIn.toLowerCase()
  if (!BASEMENT_YES.has(flag) && !BASEMENT_NO.has(flag)) return fieldError('basement', basementIn, 'invalid')
  return validateUnitSpec({
    code: code.value,
    areaCm2: area.value,
    listPriceFen: list.value,
    floorPriceFen: floor.value,
    basement: BASEMENT_YES.has(flag),
  })
}

/** Splits one CSV line: comma-separated, double quotes around a field that holds commas (`"1,680,000"`), `""` escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else field += c
  }
  fields.push(field)
  return fields
}

export interface UnitCsvResult {
  units: { line: number; unit: UnitSpec }[]
  /** Line numbers are 1-based lines of the file, header and blank lines included. */
  errors: { line: number; error: UnitError }[]
}

/**
 * Bulk import: CSV rows `房号,面积,总价,底价[,地下室]`, an optional header line (its first cell mentions 房号 or code),
 * blank lines ignored, a BOM and CRLF tolerated. Every bad line is reported with its number, including a code repeated
 * in the file; importing all or nothing is the caller's decision.
 */
export function parseUnitCsv(text: string): UnitCsvResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  const result: UnitCsvResult = { units: [], errors: [] }
  const seen = new Map<string, number>()
  let first = true
  for (const [i, raw] of lines.entries()) {
    const line = i + 1
    if (raw.trim() === '') continue
    const fields = splitCsvLine(raw)
    if (first) {
      first = false
      if (/房号|code/i.test(fields[0] ?? '')) continue
    }
    const parsed = parseUnitFields(fields)
    if (!parsed.ok) {
      result.errors.push({ line, error: parsed.error })
      continue
    }
    const firstLine = seen.get(parsed.value.code)
    if (firstLine !== undefined) {
      result.errors.push({ line, error: { code: 'unit.duplicate', unitCode: parsed.value.code, firstLine } })
      continue
    }
    seen.set(parsed.value.code, line)
    result.units.push({ line, unit: parsed.value })
  }
  if (result.units.length === 0 && result.errors.length === 0)
    result.errors.push({ line: 0, error: { code: 'unit.csv-empty' } })
  return result
}

/**
 * R14 "保留期满房源自动开封": a held unit is available again from the instant its hold ends (now ≥ heldUntil), whether or
 * not the sweep has marked it yet; at heldUntil − 1 ms it is still held.
 */
export function effectiveStatus(unit: Pick<Unit, 'status' | 'heldUntil'>, now: Date): UnitStatus {
  if (unit.status === 'held' && unit.heldUntil !== null && now.getTime() >= unit.heldUntil.getTime()) return 'available'
  return unit.status
}

/** The refusal of a deposit on a unit that is not available: R18 when the secretary locked it, else R14. */
export function notAvailable(unit: Pick<Unit, 'code' | 'heldUntil'>, status: UnitStatus) {
  const rule = status === 'locked' ? ('R18' as const) : ('R14' as const)
  return { code: 'unit.not-available', rule, unitCode: unit.code, status, heldUntil: unit.heldUntil } as const
}

const available = (unit: Unit): Unit => ({ ...unit, status: 'available', depositId: null, heldUntil: null })

/**
 * R14 "无定金不封房": a deposit holds an (effectively) available unit until `heldUntil`. A unit held by a live hold,
 * subscribed, signed or locked is refused — no second hold.
 */
export function holdUnit(unit: Unit, depositId: number, heldUntil: Date, now: Date): Result<Unit, UnitError> {
  const status = effectiveStatus(unit, now)
  if (status !== 'available') return err(notAvailable(unit, status))
  return ok({ ...unit, status: 'held', depositId, heldUntil })
}

/**
 * Ends the hold of deposit `depositId` (rejected, refunded or expired deposit). A unit no longer held by that deposit
 * is left as it is (`released: false`), so sweeps and late approvals are idempotent.
 */
export function releaseHold(unit: Unit, depositId: number): { unit: Unit; released: boolean } {
  if (unit.status !== 'held' || unit.depositId !== depositId) return { unit, released: false }
  return { unit: available(unit), released: true }
}

/** R21: an approved subscription turns the unit held by `depositId` (hold still live) into subscribed; no expiry any more. */
export function subscribeUnit(unit: Unit, depositId: number, now: Date): Result<Unit, UnitError> {
  const status = effectiveStatus(unit, now)
  if (status !== 'held' || unit.depositId !== depositId)
    return err({ code: 'unit.transition', unitCode: unit.code, from: status, to: 'subscribed' })
  return ok({ ...unit, status: 'subscribed', heldUntil: null })
}

/** 签约: a subscribed unit (of the subscription's deposit) becomes signed; signed is final. */
export function signUnit(unit: Unit, depositId: number): Result<Unit, UnitError> {
  if (unit.status !== 'subscribed' || unit.depositId !== depositId)
    return err({ code: 'unit.transition', unitCode: unit.code, from: unit.status, to: 'signed' })
  return ok({ ...unit, status: 'signed' })
}

/** R18 销控: the secretary locks an (effectively) available unit so nobody can take a deposit on it. */
export function lockUnit(unit: Unit, now: Date): Result<Unit, UnitError> {
  const status = effectiveStatus(unit, now)
  if (status !== 'available') return err({ code: 'unit.transition', unitCode: unit.code, from: status, to: 'locked' })
  return ok({ ...unit, status: 'locked', depositId: null, heldUntil: null })
}

/** R18 销控: the secretary unlocks a locked unit; it is available again. */
export function unlockUnit(unit: Unit): Result<Unit, UnitError> {
  if (unit.status !== 'locked')
    return err({ code: 'unit.transition', unitCode: unit.code, from: unit.status, to: 'available' })
  return ok(available(unit))
}

export interface SalesBoard {
  counts: Record<UnitStatus, number>
  /** Effectively available units in code order. */
  available: Unit[]
}

/** 销控 board at `now`: counts per effective status (lapsed holds count as available) and the available units. */
export function salesBoard(units: readonly Unit[], now: Date): SalesBoard {
  const counts: Record<UnitStatus, number> = { available: 0, held: 0, subscribed: 0, signed: 0, locked: 0 }
  const free: Unit[] = []
  for (const unit of units) {
    const status = effectiveStatus(unit, now)
    counts[status]++
    if (status === 'available') free.push(unit)
  }
  free.sort((a, b) => compareUnitCodes(a.code, b.code))
  return { counts, available: free }
}

export type UnitField = 'code' | 'area' | 'listPrice' | 'floorPrice' | 'basement'

export type UnitError =
  | { code: 'unit.code-invalid'; input: string }
  /** A field of `/unit add` or of a CSV row; `reason` is the money/area code, or 'invalid'. */
  | {
      code: 'unit.field-invalid'
      field: UnitField
      input: string
      reason: MoneyError['code'] | AreaError['code'] | 'invalid'
    }
  | { code: 'unit.fields-count'; expected: readonly number[]; got: number }
  | { code: 'unit.floor-above-list'; floorPriceFen: number; listPriceFen: number }
  | { code: 'unit.duplicate'; unitCode: string; firstLine: number }
  | { code: 'unit.csv-empty' }
  /**
   * R14 "无定金不封房" and no second hold: the unit is not (effectively) available. A unit the secretary locked is
   * refused under R18 (销控以现场秘书为主), the rule that locked it.
   */
  | { code: 'unit.not-available'; rule: 'R14' | 'R18'; unitCode: string; status: UnitStatus; heldUntil: Date | null }
  /** Any other illegal status move (sign a unit that is not subscribed, unlock one that is not locked…). */
  | { code: 'unit.transition'; unitCode: string; from: UnitStatus; to: UnitStatus }
  | { code: 'unit.not-found'; unitCode: string }
  /** `/unit add` or a CSV import of a code the project already has. */
  | { code: 'unit.exists'; unitCode: string }
