import { addDays, instantAt, type LocalDate, localDateOf, localTimeOf, weekdayOf } from './calendar.ts'
import { err, ok, type Result } from './result.ts'

/**
 * Recurring announcements (R10 shuttle bus, R17 meetings) are timed with a standard five-field cron expression,
 * minute hour day-of-month month day-of-week, read in the project's time zone: `*`, lists `1,15`, ranges `1-5`,
 * steps `*\/15` and `8-18/2`, month and weekday names (`jan`, `mon-fri`), 0 or 7 for Sunday, and `@hourly`,
 * `@daily`, `@weekly`, `@monthly`, `@yearly`. As in Vixie cron, when both day fields are restricted a day matching
 * either fires.
 */
export interface CronSpec {
  source: string
  minutes: readonly number[]
  hours: readonly number[]
  days: ReadonlySet<number>
  months: ReadonlySet<number>
  weekdays: ReadonlySet<number>
  /** The day-of-month / day-of-week fields were `*` (so only the other one restricts). */
  anyDay: boolean
  anyWeekday: boolean
}

export type CronField = 'minute' | 'hour' | 'day' | 'month' | 'weekday'

export type ScheduleError =
  /** `field` null: not five fields. */
  | { code: 'cron.invalid'; input: string; field: CronField | null }
  /** A valid expression that never fires (e.g. 30 February). */
  | { code: 'cron.never'; input: string }
  | { code: 'schedule.not-found'; ref: string }

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const FIELDS: { field: CronField; min: number; max: number; names?: string[]; nameBase?: number }[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { field: 'weekday', min: 0, max: 7, names: WEEKDAY_NAMES, nameBase: 0 },
]

function parseField(text: string, f: (typeof FIELDS)[number]): number[] | null {
  const out = new Set<number>()
  const value = (s: string): number | null => {
    const named = f.names?.indexOf(s.toLowerCase()) ?? -1
    if (named >= 0) return named + (f.nameBase ?? 0)
    if (!/^\d{1,2}$/.test(s)) return null
    const n = Number(s)
    return n >= f.min && n <= f.max ? n : null
  }
  for (const item of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(item)
    if (!m) return null
    const step = m[2] === undefined ? 1 : Number(m[2])
    if (step < 1) return null
    let lo: number
    let hi: number
    const range = m[1] as string
    if (range === '*') [lo, hi] = [f.min, f.max]
    else {
      const [a, b] = range.split('-') as [string, string | undefined]
      const first = value(a)
      const last = b === undefined ? (m[2] === undefined ? first : f.max) : value(b)
      if (first === null || last === null || last < first) return null
      ;[lo, hi] = [first, last]
    }
    for (let n = lo; n <= hi; n += step) out.add(n)
  }
  return [...out].sort((a, b) => a - b)
}

/** Reads a cron expression; refuses anything but the five standard fields (no seconds: announcements are per minute). */
export function parseCron(input: string): Result<CronSpec, ScheduleError> {
  const source = input.trim().replace(/\s+/g, ' ')
  const parts = (MACROS[source.toLowerCase()] ?? source).split(' ')
  if (parts.length !== 5) return err({ code: 'cron.invalid', input: source, field: null })
  const values: number[][] = []
  for (const [i, f] of FIELDS.entries()) {
    const v = parseField(parts[i] as string, f)
    if (!v) return err({ code: 'cron.invalid', input: source, field: f.field })
    values.push(v)
  }
  const [minutes, hours, days, months, weekdays] = values as [number[], number[], number[], number[], number[]]
  return ok({
    source,
    minutes,
    hours,
    days: new Set(days),
    months: new Set(months),
    weekdays: new Set(weekdays.map((d) => d % 7)),
    anyDay: parts[2] === '*',
    anyWeekday: parts[4] === '*',
  })
}

/** Whether the expression fires on a local date at all. */
export function firesOn(spec: CronSpec, date: LocalDate): boolean {
  if (!spec.months.has(Number(date.slice(5, 7)))) return false
  const byDay = spec.days.has(Number(date.slice(8, 10)))
  const byWeekday = spec.weekdays.has(weekdayOf(date))
  if (spec.anyDay && spec.anyWeekday) return true
  if (spec.anyDay) return byWeekday
  if (spec.anyWeekday) return byDay
  return byDay || byWeekday
}

/**
 * The instants in (after, upTo] at which the expression fires in time zone `tz`, oldest first; at most the latest
 * `limit`. Local times skipped by a daylight-saving change fire at the instant calendar.instantAt gives them.
 */
export function firingsBetween(spec: CronSpec, after: Date, upTo: Date, tz: string, limit = 10_000): Date[] {
  const out: Date[] = []
  if (upTo.getTime() <= after.getTime()) return out
  const first = localDateOf(after, tz)
  const last = localDateOf(upTo, tz)
  // Hours outside the window on its first and last day need no instant computed (one hour of slack for DST).
  const fromHour = localTimeOf(after, tz).hour - 1
  const toHour = localTimeOf(upTo, tz).hour + 1
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (!firesOn(spec, d)) continue
    for (const h of spec.hours) {
      if ((d === first && h < fromHour) || (d === last && h > toHour)) continue
      for (const m of spec.minutes) {
        const at = instantAt(d, tz, h, m)
        if (at.getTime() > after.getTime() && at.getTime() <= upTo.getTime()) out.push(at)
      }
    }
  }
  out.sort((a, b) => a.getTime() - b.getTime())
  return out.length > limit ? out.slice(out.length - limit) : out
}

/** The first firing after `after`, looking at most `days` local days ahead; null when there is none. */
export function nextFiring(spec: CronSpec, after: Date, tz: string, days = 366 * 5): Date | null {
  const start = localDateOf(after, tz)
  for (let i = 0; i <= days; i++) {
    const d = addDays(start, i)
    if (!firesOn(spec, d)) continue
    for (const h of spec.hours)
      for (const m of spec.minutes) {
        const at = instantAt(d, tz, h, m)
        if (at.getTime() > after.getTime()) return at
      }
  }
  return null
}
