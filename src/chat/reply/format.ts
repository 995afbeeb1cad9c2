import { lastDayBefore, localDateOf, localTimeOf } from '../../domain/calendar.ts'
import { maskPhone } from '../../domain/phone.ts'
import type { RuleSettings } from '../../domain/settings.ts'

/**
 * Where and for whom a text is written: group texts never show a full phone number (SPEC.md "Privacy"), and every
 * rule number in a text comes from the project's settings, never from a literal.
 */
export interface View {
  tz: string
  /** true when the text goes to a group chat */
  group: boolean
  settings: RuleSettings
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 'MM-DD' of an instant in the project's zone. */
export const day = (at: Date, tz: string) => localDateOf(at, tz).slice(5)

/** 'YYYY-MM-DD HH:mm' of an instant in the project's zone. */
export function dateTime(at: Date, tz: string): string {
  const t = localTimeOf(at, tz)
  return `${localDateOf(at, tz)} ${pad(t.hour)}:${pad(t.minute)}`
}

/** The last day a period ending at `end` still covers, 'MM-DD' ("保护期至 12-15" when it ends 12-16 00:00). */
export const lastDay = (end: Date, tz: string) => lastDayBefore(end, tz).slice(5)

/** A phone number as this view may show it. */
export const phoneIn = (phone: string, v: View, fullAllowed = true) =>
  v.group || !fullAllowed ? maskPhone(phone) : phone

/** ¥1,234.56 from integer fen; no floating point on the way. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${whole.toLocaleString('en-US')}.${pad(cents)}`
}

/** A rate in basis points as people write it: 160 → '1.6%', 175 → '1.75%'. */
export const percent = (bp: number) => `${bp / 100}%`

/** An amount in yuan as people say it, without the cents when there are none: 1000000 fen → '10,000元'. */
export function wholeYuan(fen: number): string {
  const whole = Math.trunc(fen / 100)
  const cents = Math.abs(fen % 100)
  return `${whole.toLocaleString('en-US')}${cents === 0 ? '' : `.${pad(cents).replace(/0$/, '')}`}元`
}
