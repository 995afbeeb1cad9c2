import type { Phone } from './phone.ts'
import { err, ok, type Result } from './result.ts'

/** 隐号: a number as an agency may file it before the visit, first three and last four digits (`138****5678`). */
export interface PhoneMask {
  head: string
  tail: string
}

export type MaskError = { code: 'mask.invalid'; input: string }

/**
 * Reads `138****5678` as typed on a phone: full-width digits and stars fold (NFKC), `*`, `x` or `X` stand for the
 * four hidden digits, spaces or dashes may separate the groups. The head must start a mainland mobile number (1[3-9]).
 */
export function parsePhoneMask(input: string): Result<PhoneMask, MaskError> {
  const s = input.normalize('NFKC').replace(/[\s\-_.]/g, '')
  const m = /^(1[3-9][0-9])[*xX]{4}([0-9]{4})$/.exec(s)
  return m
    ? ok({ head: m[1] as string, tail: m[2] as string })
    : err({ code: 'mask.invalid', input: input.slice(0, 20) })
}

/** Whether a token was meant as a masked number (it has the stars), so a wrong one is refused as such. */
export const looksMasked = (token: string) => /[0-9]\s*[*＊]/.test(token)

/** The mask of a full number; a masked filing matches the numbers with the same mask. */
export const maskOf = (phone: Phone): PhoneMask => ({ head: phone.slice(0, 3), tail: phone.slice(-4) })

export const maskText = (m: PhoneMask) => `${m.head}****${m.tail}`

const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '轩辕',
  '呼延',
])

/** 姓: a compound surname (欧阳, 司马 …) when the name starts with one, else its first character. */
export function surnameOf(name: string): string {
  const n = name.trim()
  const two = n.slice(0, 2)
  return COMPOUND_SURNAMES.has(two) && n.length > 2 ? two : (Array.from(n)[0] ?? '')
}
