import { err, ok, type Result } from './result.ts'

/** A mainland mobile number, normalised to 11 digits. */
export type Phone = string

/**
 * Normalises a mainland mobile number: `+86`/`86`/`0086` prefixes, spaces, dashes and full-width digits are accepted;
 * the result is 11 digits starting 1[3-9].
 */
export function normalizePhone(input: string): Result<Phone, { code: 'phone.invalid'; input: string }> {
  const halfWidth = input.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  let digits = halfWidth.replace(/[\s\-－()（）]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  else if (digits.startsWith('0086')) digits = digits.slice(4)
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
  return /^1[3-9]\d{9}$/.test(digits) ? ok(digits) : err({ code: 'phone.invalid', input: input.slice(0, 40) })
}

/** How a number appears in any group message: first three and last four digits, `138****5678`. */
export function maskPhone(phone: Phone): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`
}

/** Finds anything that looks like a full mainland mobile number (used to prove groups never see one). */
export const FULL_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/
