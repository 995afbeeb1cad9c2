/**
 * The one calendar of Anchang. Every "N days, the first day counts as day 1" rule (R12 protection, R14 holds, R1
 * check-ins, R4 months) is computed here, in the project's time zone. No other code does date arithmetic.
 */

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string
/** A local calendar month, 'YYYY-MM'. */
export type LocalMonth = string

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(tz, f)
  }
  return f
}

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/**
 * Local wall time of an instant. Intl is slow, so the zone's UTC offset is looked up once per quarter hour of UTC and
 * the wall time computed from it; every real zone changes its offset only on a quarter-hour boundary.
 */
function wallClock(at: Date, tz: string): Wall {
  const t = at.getTime()
  const local = new Date(t + zoneOffset(t, tz))
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  }
}

const QUARTER_HOUR = 900_000
const offsets = new Map<string, number>()

function zoneOffset(t: number, tz: string): number {
  const bucket = Math.floor(t / QUARTER_HOUR)
  const key = `${tz}|${bucket}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const start = new Date(bucket * QUARTER_HOUR)
    const w = intlWallClock(start, tz)
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - start.getTime()
    if (offsets.size > 10_000) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

function intlWallClock(at: Date, tz: string): Wall {
  const parts: Record<string, number> = {}
  for (const p of formatter(tz).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')
const ymd = (y: number, m: number, d: number): LocalDate => `${pad(y, 4)}-${pad(m)}-${pad(d)}`

function parseDate(date: LocalDate): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) throw new Error(`not a local date: ${date}`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

/** The local date of an instant. */
export function localDateOf(at: Date, tz: string): LocalDate {
  const w = wallClock(at, tz)
  return ymd(w.year, w.month, w.day)
}

/** The local month of an instant. */
export function localMonthOf(at: Date, tz: string): LocalMonth {
  return localDateOf(at, tz).slice(0, 7)
}

/** Local hour and minute of an instant, e.g. for "09:00 on the last day". */
export function localTimeOf(at: Date, tz: string): { hour: number; minute: number } {
  const w = wallClock(at, tz)
  return { hour: w.hour, minute: w.minute }
}

/** The instant at which local wall time `hh:mm` occurs on `date` (the first such instant). */
export function instantAt(date: LocalDate, tz: string, hour = 0, minute = 0): Date {
  const [y, m, d] = parseDate(date)
  const wanted = Date.UTC(y, m - 1, d, hour, minute)
  // Guess with the offset at the wanted wall time, then correct once for an offset change in between.
  let guess = wanted - offsetMs(new Date(wanted), tz)
  guess = wanted - offsetMs(new Date(guess), tz)
  return new Date(guess)
}

/** 00:00 local time on `date`. */
export const startOfDay = (date: LocalDate, tz: string): Date => instantAt(date, tz)

function offsetMs(at: Date, tz: string): number {
  return zoneOffset(at.getTime(), tz)
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parseDate(date)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** Day of the week of a local date: 0 Sunday … 6 Saturday (cron's numbering). */
export function weekdayOf(date: LocalDate): number {
  const [y, m, d] = parseDate(date)
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay()
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ay, am, ad] = parseDate(a)
  const [by, bm, bd] = parseDate(b)
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000)
}

/**
 * R12/R14: a period of `days` days that starts at any moment of local date D (day 1) ends at 00:00 local time on
 * D + days. A 3-day hold paid 2026-12-01 15:40 in Asia/Shanghai ends 2026-12-04 00:00; the end instant is outside.
 */
export function periodEnd(start: Date, days: number, tz: string): Date {
  return startOfDay(addDays(localDateOf(start, tz), days), tz)
}

/** The last local date inside a period that ends at `end` (the day before the end's date). */
export function lastDayBefore(end: Date, tz: string): LocalDate {
  return addDays(localDateOf(end, tz), -1)
}

export function addMonths(month: LocalMonth, n: number): LocalMonth {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const t = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}`
}

/** [start, end) instants of a local month. */
export function monthRange(month: LocalMonth, tz: string): { start: Date; end: Date } {
  return { start: startOfDay(`${month}-01`, tz), end: startOfDay(`${addMonths(month, 1)}-01`, tz) }
}

export const isLocalMonth = (s: string): s is LocalMonth => /^\d{4}-(0[1-9]|1[0-2])$/.test(s)

/** Whether `s` is a real calendar date 'YYYY-MM-DD' (2026-02-30 is not). */
export function isLocalDate(s: string): s is LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return t.getUTCFullYear() === Number(m[1]) && t.getUTCMonth() + 1 === Number(m[2]) && t.getUTCDate() === Number(m[3])
}

/** The month a local date belongs to. */
export const monthOf = (date: LocalDate): LocalMonth => date.slice(0, 7)

/** 'MM-DD' for replies ("保护期至 12-15"). */
export const shortDate = (date: LocalDate): string => date.slice(5)
