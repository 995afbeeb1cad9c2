import { err, ok, type Result } from './result.ts'

declare const parsed: unique symbol

/** A mainland mobile number, normalised to 11 digits: only `normalizePhone` (or the finder) makes one. */
export type Phone = string & { readonly [parsed]: true }

/** The fictitious number of every help example: plainly made up (all zeros after 138), and no person's. */
export const EXAMPLE_PHONE = '13800000000' as Phone

/**
 * Reserved fictitious numbers (help examples) that are shown as typed, so people can copy them. The one allow-list of
 * the privacy gate and the log scrubber.
 */
export const SHOWN_AS_TYPED: ReadonlySet<Phone> = new Set<Phone>([EXAMPLE_PHONE])

/** A number found in a text: where it was written (UTF-16 offsets, prefix and separators included) and its digits. */
export interface PhoneMatch {
  start: number
  end: number
  phone: Phone
}

/**
 * The one phone finder, for parsing, masking and log scrubbing. A number counts however it is written: every
 * character is read after NFKC (full-width digits and punctuation, ideographic space), any Unicode decimal digit
 * (\p{Nd}: Arabic-Indic, Devanagari, mathematical…) is its digit, and between digits any run of separators (spaces,
 * `. - _ /`, every dash, and invisible format characters such as U+200B) may stand; `+86`, `0086` or `86` may
 * lead, and a `*` next to it does not hide it. The digits must be 1[3-9] and nine more, with no digit right before
 * or after; they may be grouped in any way (the bot's own texts keep other numbers apart with a non-separator, e.g.
 * the board's `1-3-1301（138.25㎡）`, since `1-3-1301 138.25` reads as eleven digits).
 */
export function findPhones(text: string): PhoneMatch[] {
  const { shadow, offsets } = shadowOf(text)
  const found: PhoneMatch[] = []
  const re = /(?<![0-9])(?:(?:\+ *86|0086|86) *)?(1 *[3-9](?: *[0-9]){9})(?![0-9])/g
  for (let m = re.exec(shadow); m !== null; m = re.exec(shadow)) {
    const body = m[1] as string
    const start = offsets[m.index] as number
    const end = offsets[m.index + m[0].length] as number
    found.push({ start, end, phone: body.replace(/ /g, '') as Phone })
  }
  return found
}

/**
 * Masks every number `findPhones` finds to `138****5678` (the prefix and separators go with it), except the
 * reserved examples in `keep`.
 */
export function maskPhonesIn(text: string, keep: ReadonlySet<Phone> = SHOWN_AS_TYPED): string {
  const found = findPhones(text)
  if (found.length === 0) return text
  let out = ''
  let at = 0
  for (const m of found) {
    if (keep.has(m.phone)) continue
    out += text.slice(at, m.start) + maskPhone(m.phone)
    at = m.end
  }
  return out + text.slice(at)
}

/**
 * Normalises a mainland mobile number typed on its own: whatever `findPhones` reads as one number, with nothing but
 * separators around it. The result is 11 digits starting 1[3-9].
 */
export function normalizePhone(input: string): Result<Phone, { code: 'phone.invalid'; input: string }> {
  const found = findPhones(input)
  const only = found.length === 1 ? found[0] : undefined
  const around = only ? input.slice(0, only.start) + input.slice(only.end) : ''
  return only && /^ *$/.test(shadowOf(around).shadow)
    ? ok(only.phone)
    : err({ code: 'phone.invalid', input: input.slice(0, 40) })
}

/** Whether a token could be (part of) a typed number: digits, separators and `+` only, at least one digit. */
export function isPhonePiece(token: string): boolean {
  const { shadow } = shadowOf(token)
  return /[0-9]/.test(shadow) && /^[0-9 +]+$/.test(shadow)
}

/** The decimal digits of a text, in order, however written (what a reader would dial); everything else dropped. */
export function digitsOf(text: string): string {
  return shadowOf(text).shadow.replace(/[^0-9]/g, '')
}

/** How a number appears in any group message: first three and last four digits, `138****5678`. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** Finds anything that looks like a full mainland mobile number in ASCII digits (tests use it as a quick check). */
export const FULL_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/

/**
 * The text as the finder reads it, one ASCII character per code point: `0`–`9` for a decimal digit, a space for a
 * separator, `+` and `*` as themselves, `x` for anything else. `offsets[i]` is where code point i starts in `text`.
 */
function shadowOf(text: string): { shadow: string; offsets: number[] } {
  let shadow = ''
  const offsets: number[] = []
  let i = 0
  for (const ch of text) {
    offsets.push(i)
    i += ch.length
    shadow += classify(ch)
  }
  offsets.push(i)
  return { shadow, offsets }
}

const SEPARATOR = /^[\s\p{Zs}._/\p{Pd}\u2212]$/u
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}]$/u
const DIGIT = /^\p{Nd}$/u
const classes = new Map<string, string>()

function classify(ch: string): string {
  if (ch.length === 1 && ch >= '0' && ch <= '9') return ch
  let c = classes.get(ch)
  if (c === undefined) {
    const nf = ch.normalize('NFKC')
    if (INVISIBLE.test(ch)) c = ' '
    else if (DIGIT.test(nf)) c = String(digitValue(nf.codePointAt(0) as number))
    else if (nf === '+' || nf === '*') c = nf
    else if (SEPARATOR.test(nf)) c = ' '
    else c = 'x'
    if (classes.size < 10_000) classes.set(ch, c)
  }
  return c
}

/**
 * Unicode encodes every decimal digit in runs of ten, 0 to 9 in order (a stability guarantee), so a digit's value is
 * its distance from the start of its run of decimal digits, modulo ten.
 */
function digitValue(cp: number): number {
  let startOfRun = cp
  while (DIGIT.test(String.fromCodePoint(startOfRun - 1))) startOfRun--
  return (cp - startOfRun) % 10
}
