import type { CronSpec } from './cron.ts'
import { err, ok, type Result } from './result.ts'
import { toHalfWidth } from './text.ts'

/**
 * Recurring announcements in plain words, read into the same five-field cron form the scheduler runs:
 * `每天 8:00` → `0 8 * * *`, `工作日 8:30` → `30 8 * * 1-5`, `每周一 9:00` → `0 9 * * 1`, `每月1日 10:00` →
 * `0 10 1 * *`, `周六日 9:30` → `30 9 * * 0,6`. Times may be `8:00`, `8点`, `8点半`, `8点30分`, `下午3点`, several joined
 * with `、` when they share the minute (`每天 8:00、20:00`). `describeCron` writes such an expression back in words.
 */
export type ScheduleWordsError =
  /** The days were read but no valid time follows them. */
  | { code: 'schedule.words-time'; input: string }
  /** Several times with different minutes cannot be one cron expression. */
  | { code: 'schedule.words-minutes'; input: string }
  /** A weekday or day of the month that does not exist (周八, 每月32日). */
  | { code: 'schedule.words-days'; input: string }

export interface ScheduleWords {
  cron: string
  /** The canonical words of that expression (`工作日 8:30`). */
  words: string
  /** How many characters of the input the days and times took; the announcement's text follows. */
  consumed: number
}

const WEEKDAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, 七: 0 }
const WEEKDAY_NAMES = ['日', '一', '二', '三', '四', '五', '六']

/** One character for one (text.ts), so positions in the input stay valid. */
const fold = toHalfWidth

type Days = { dom: number[] | null; dow: number[] | null }

const SEP = '[、,，和及]'
const RANGE = '[至到~\\-－]'
// Chinese numerals only: a digit after 周一 starts the time (每周一9:00)
const WD = '[一二三四五六日天七]'
const PREFIX = '(?:周|星期|礼拜)'

function readDays(s: string): { days: Days; length: number } | { error: true; length: number } | null {
  let m = /^(?:每天|每日|天天)/.exec(s)
  if (m) return { days: { dom: null, dow: null }, length: m[0].length }
  m = /^(?:每个?工作日|工作日)/.exec(s)
  if (m) return { days: { dom: null, dow: [1, 2, 3, 4, 5] }, length: m[0].length }
  m = /^(?:每个?周末|周末)/.exec(s)
  if (m) return { days: { dom: null, dow: [0, 6] }, length: m[0].length }
  m = new RegExp(`^每?${PREFIX}(${WD}(?:(?:${SEP}|${RANGE})?${PREFIX}?${WD})*)`).exec(s)
  if (m) {
    const dow = weekdays(m[1] as string)
    return dow ? { days: { dom: null, dow }, length: m[0].length } : { error: true, length: m[0].length }
  }
  m = new RegExp(`^每个?月(\\d{1,2}(?:[日号]?(?:${SEP}|${RANGE})\\d{1,2})*)[日号]`).exec(s)
  if (m) {
    const dom = monthDays(m[1] as string)
    return dom ? { days: { dom, dow: null }, length: m[0].length } : { error: true, length: m[0].length }
  }
  return null
}

/** `一至五`, `一、三、五`, `一三五`, `六日`, `一、周三` → weekdays (0 Sunday); null for a day that does not exist. */
function weekdays(text: string): number[] | null {
  const tokens = text.replace(new RegExp(PREFIX, 'g'), '').replace(new RegExp(SEP, 'g'), '')
  const out = new Set<number>()
  const value = (c: string) => WEEKDAY_CHARS[c] ?? null
  const chars = [...tokens]
  for (let i = 0; i < chars.length; i++) {
    const a = value(chars[i] as string)
    if (a === null) return null
    if (i + 2 < chars.length && new RegExp(`^${RANGE}$`).test(chars[i + 1] as string)) {
      const b = value(chars[i + 2] as string)
      if (b === null) return null
      // Monday-first order: 周五至周日 is 5, 6, 0
      const [from, to] = [a === 0 ? 7 : a, b === 0 ? 7 : b]
      if (to < from) return null
      for (let d = from; d <= to; d++) out.add(d % 7)
      i += 2
    } else out.add(a)
  }
  return [...out].sort((x, y) => x - y)
}

/** `1`, `1、15`, `1日、15`, `1-5` → days of the month; null for one outside 1–31. */
function monthDays(text: string): number[] | null {
  const out = new Set<number>()
  for (const part of text.replace(/[日号]/g, '').split(new RegExp(SEP))) {
    const [a, b] = part.split(new RegExp(RANGE)).map(Number) as [number, number | undefined]
    const to = b ?? a
    if (!(a >= 1 && to <= 31 && a <= to)) return null
    for (let d = a; d <= to; d++) out.add(d)
  }
  return [...out].sort((x, y) => x - y)
}

const PERIOD = '(上午|早上|早晨|早|中午|下午|傍晚|晚上|晚)?'
const CLOCK = '(\\d{1,2})(?::(\\d{2})|点(?:(半)|(\\d{1,2})分?|整)?|时(?:(\\d{1,2})分)?)'
const TIME = new RegExp(`^${PERIOD}${CLOCK}`)

function readTime(s: string): { hour: number; minute: number; length: number } | null {
  const m = TIME.exec(s)
  if (!m) return null
  let hour = Number(m[2])
  const minute = m[4] ? 30 : Number(m[3] ?? m[5] ?? m[6] ?? 0)
  const period = m[1]
  if ((period === '下午' || period === '傍晚' || period === '晚上' || period === '晚') && hour >= 1 && hour <= 11)
    hour += 12
  if (period === '中午' && hour >= 1 && hour <= 2) hour += 12
  if ((period === '晚上' || period === '晚') && hour === 12) hour = 0
  if (hour > 23 || minute > 59) return null
  return { hour, minute, length: m[0].length }
}

/**
 * Reads the days and times at the start of `input`. Null when it does not start with days in words (the caller then
 * looks for a cron expression); an error when it does but the rest is not a schedule.
 */
export function readScheduleWords(input: string): Result<ScheduleWords, ScheduleWordsError> | null {
  const s = fold(input)
  const days = readDays(s)
  if (!days) return null
  const shown = input.trim().slice(0, 30)
  if ('error' in days) return err({ code: 'schedule.words-days', input: shown })
  let at = days.length
  while (s[at] === ' ') at++
  const times: { hour: number; minute: number }[] = []
  for (;;) {
    const t = readTime(s.slice(at))
    if (!t) break
    times.push(t)
    at += t.length
    const sep = new RegExp(` ?${SEP} ?`, 'y')
    sep.lastIndex = at
    const joined = sep.exec(s)
    if (!joined || !readTime(s.slice(at + joined[0].length))) break
    at += joined[0].length
  }
  if (times.length === 0) return err({ code: 'schedule.words-time', input: shown })
  const minute = (times[0] as { minute: number }).minute
  if (times.some((t) => t.minute !== minute)) return err({ code: 'schedule.words-minutes', input: shown })
  const hours = [...new Set(times.map((t) => t.hour))].sort((a, b) => a - b)
  const { dom, dow } = days.days
  const cron = `${minute} ${hours.join(',')} ${dom ? cronList(dom) : '*'} * ${dow ? cronList(dow) : '*'}`
  return ok({ cron, words: wordsOf(dom, dow, hours, minute), consumed: at })
}

/** `1,2,3,4,5` → `1-5`: runs of three or more as ranges. */
function cronList(values: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < values.length; ) {
    let j = i
    while (j + 1 < values.length && (values[j + 1] as number) === (values[j] as number) + 1) j++
    parts.push(j - i >= 2 ? `${values[i]}-${values[j]}` : values.slice(i, j + 1).join(','))
    i = j + 1
  }
  return parts.join(',')
}

/** Runs of three or more as `一至五` / `1日至5日`, the rest listed with `、`. */
function runsText(values: number[], name: (v: number) => string): string {
  const parts: string[] = []
  for (let i = 0; i < values.length; ) {
    let j = i
    while (j + 1 < values.length && (values[j + 1] as number) === (values[j] as number) + 1) j++
    if (j - i >= 2) parts.push(`${name(values[i] as number)}至${name(values[j] as number)}`)
    else for (let k = i; k <= j; k++) parts.push(name(values[k] as number))
    i = j + 1
  }
  return parts.join('、')
}

const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i])

function wordsOf(dom: number[] | null, dow: number[] | null, hours: number[], minute: number): string {
  let days = '每天'
  if (dom) days = `每月${runsText(dom, (d) => `${d}日`)}`
  else if (dow && same(dow, [1, 2, 3, 4, 5])) days = '工作日'
  else if (dow && same(dow, [0, 6])) days = '周六日'
  else if (dow) {
    // Monday first: Sunday (0) counts as 7
    const mondayFirst = dow.map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b)
    days = `每周${runsText(mondayFirst, (d) => WEEKDAY_NAMES[d % 7] as string)}`
  }
  const times = hours.map((h) => `${h}:${String(minute).padStart(2, '0')}`).join('、')
  return `${days} ${times}`
}

/**
 * The words for a cron expression of the shapes the reader writes (one minute, a few hours, every month, days by
 * the week or by the month but not both); null for anything else (steps, month lists), shown as cron only.
 */
export function describeCron(spec: CronSpec): string | null {
  if (spec.minutes.length !== 1 || spec.hours.length > 4 || spec.months.size !== 12) return null
  if (!spec.anyDay && !spec.anyWeekday) return null
  const dom = spec.anyDay ? null : [...spec.days].sort((a, b) => a - b)
  const dow = spec.anyWeekday ? null : [...spec.weekdays].sort((a, b) => a - b)
  if (dow && dow.length === 7) return wordsOf(null, null, [...spec.hours], spec.minutes[0] as number)
  if (dom && dom.length === 31) return wordsOf(null, null, [...spec.hours], spec.minutes[0] as number)
  return wordsOf(dom, dow, [...spec.hours], spec.minutes[0] as number)
}
