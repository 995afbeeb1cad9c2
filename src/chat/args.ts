import { digitsOf, isPhonePiece } from '../domain/phone.ts'
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

/** A person's or agency's name as typed: 1–20 characters, not a number. */
export const isName = (s: string | undefined): s is string =>
  s !== undefined && s.length >= 1 && s.length <= 20 && !isPhonePiece(s)

/** The standard reply to malformed arguments: the right form and an example. */
export const usage = (cmd: Pick<Command, 'id' | 'example'>, why?: string) => usageText(cmd.id, cmd.example, why)
