import { digitsOf, isPhonePiece, normalizePhone, type Phone } from '../domain/phone.ts'
import { ok, type Result } from '../domain/result.ts'
import { toHalfWidth } from '../domain/text.ts'
import type { Command } from './command.ts'
import { usageText } from './reply/commands.ts'

/**
 * Reads a phone number that may have been typed with spaces (`138 1234 5678`): joins the tokens from `from` while
 * they are digits, `+` or separators (domain/phone.ts) and the digits stay within a full number with a country code.
 */
export function takePhone(args: string[], from: number): { phone: string; next: number } | null {
  let phone = ''
  let i = from
  while (i < args.length && isPhonePiece(args[i] as string)) {
    const joined = phone + (args[i] as string)
    if (digitsOf(joined).length > 15) break
    phone = joined
    i++
    const digits = digitsOf(phone)
    if (digits.length >= 11 && !phone.startsWith('+') && !/^(86|00)/.test(digits)) break
  }
  return phone === '' ? null : { phone, next: i }
}

/**
 * The phone number typed at `from` (as takePhone reads it), parsed once into a `Phone` that the use case takes as it
 * is; null when nothing there looks like a number, a refusal when it does but is not a valid mobile number.
 */
export function phoneAt(
  args: string[],
  from: number,
): Result<{ phone: Phone; next: number }, { code: 'phone.invalid'; input: string }> | null {
  const typed = takePhone(args, from)
  if (!typed) return null
  const phone = normalizePhone(typed.phone)
  return phone.ok ? ok({ phone: phone.value, next: typed.next }) : phone
}

/** A person's or agency's name as typed: 1–20 characters, not a number. */
export const isName = (s: string | undefined): s is string =>
  s !== undefined && s.length >= 1 && s.length <= 20 && !isPhonePiece(s)

/** The standard reply to malformed arguments: the right form and an example. */
export const usage = (cmd: Pick<Command, 'id' | 'example'>, why?: string) => usageText(cmd.id, cmd.example, why)

/**
 * Free text (a note, a reason) exactly as typed: what follows the command word and its first `skip` arguments in the
 * raw message, with line breaks and full-width punctuation kept and only control characters dropped. Arguments are
 * found as the parser finds them (full-width folded, quoted groups one argument), so the cut lands where the
 * normalised arguments ended. Empty: nothing typed there.
 */
export function typedAfter(raw: string, skip: number, max: number): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
  // The same folding as parse.ts's normalizeText, one character for one, so indexes stay those of `text`.
  const folded = toHalfWidth(text).replace(/[\u201c\u201d]/g, '"')
  const token = /"[^"]*"|\S+/g
  let end = 0
  for (let i = 0; i <= skip; i++) {
    const m = token.exec(folded)
    if (!m) return ''
    end = m.index + m[0].length
  }
  return text.slice(end).trim().slice(0, max)
}
