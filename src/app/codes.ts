/**
 * Record codes people type and read: a letter for the kind and the row id (audit entries use their chain seq).
 * F filing · D deposit · S subscription · C contract · P fine (罚款) · R refund · T timed announcement · A audit ·
 * Q a confirmation waiting for 确认 · M a masked filing (隐号报备) · J a commission payment (结佣).
 */
import { toHalfWidth } from '../domain/text.ts'

export type CodeLetter = 'F' | 'D' | 'S' | 'C' | 'P' | 'R' | 'T' | 'A' | 'Q' | 'M' | 'J'

export const code = (letter: CodeLetter, id: number) => `${letter}${id}`

/** Parses `D3`, `d3`, `Ｄ３` into the kind's id; null when it is not that kind's code. */
export function parseCode(text: string, letter: CodeLetter): number | null {
  const half = toHalfWidth(text.trim())
  const m = /^([A-Za-z])(\d{1,9})$/.exec(half)
  if (!m || (m[1] as string).toUpperCase() !== letter) return null
  const id = Number(m[2])
  return id > 0 ? id : null
}
