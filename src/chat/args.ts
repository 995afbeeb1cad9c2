import type { Command } from './command.ts'

/**
 * Reads a phone number that may have been typed with spaces (`138 1234 5678`): joins the tokens from `from` while
 * they are digits, `+` or dashes and the digits stay within a full number with a country code.
 */
export function takePhone(args: string[], from: number): { phone: string; next: number } | null {
  let phone = ''
  let i = from
  while (i < args.length && /^[+\d-]+$/.test(args[i] as string)) {
    const joined = phone + (args[i] as string)
    if (joined.replace(/\D/g, '').length > 15) break
    phone = joined
    i++
    if (phone.replace(/\D/g, '').length >= 11 && !phone.startsWith('+') && !phone.startsWith('86')) break
  }
  return phone === '' ? null : { phone, next: i }
}

/** A person's or agency's name as typed: 1–20 characters, not a number. */
export const isName = (s: string | undefined): s is string =>
  s !== undefined && s.length >= 1 && s.length <= 20 && !/^[+\d\s-]+$/.test(s)

/** The standard reply to malformed arguments: the right form and an example. */
export const usage = (cmd: Pick<Command, 'usage' | 'example'>, why?: string) =>
  `${why ? `${why}\n` : ''}用法：${cmd.usage}\n例如：${cmd.example}`
