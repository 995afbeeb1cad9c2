/**
 * Turns what a person typed into a command name and arguments. Accepts plain Chinese commands (`报备 张三 138…`),
 * slash commands (`/file …`, `/file@anchang_bot …`), full-width spaces and punctuation, and quoted arguments
 * (`/schedule add "0 8 * * 1-5" 班车…`).
 */
import { toHalfWidth } from '../domain/text.ts'

export interface ParsedCommand {
  /** the command word as typed, lower-cased, without slash or @bot */
  word: string
  /** arguments split on spaces, quotes removed */
  args: string[]
  /** everything after the command word (and subcommand-free), normalised, for free-text arguments */
  rest: string
  slash: boolean
}

/** Full-width forms (U+FF01–FF5E) to ASCII, ideographic space and curly quotes too; control characters dropped. */
export function normalizeText(text: string): string {
  return (
    toHalfWidth(text)
      .replace(/[\u201c\u201d]/g, '"')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
      .replace(/[\s\u3000]+/g, ' ')
      .trim()
  )
}

export function tokenize(text: string): string[] {
  const out: string[] = []
  const re = /"([^"]*)"|(\S+)/g
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? '')
  return out
}

export function parseCommand(text: string, botUsername?: string): ParsedCommand | null {
  const clean = normalizeText(text)
  if (clean === '') return null
  const slash = clean.startsWith('/')
  const body = slash ? clean.slice(1) : clean
  const space = body.indexOf(' ')
  let word = (space === -1 ? body : body.slice(0, space)).toLowerCase()
  const rest = space === -1 ? '' : body.slice(space + 1).trim()
  const at = word.indexOf('@')
  if (at > 0) {
    const target = word.slice(at + 1)
    // `/cmd@otherbot` is for another bot in the same group
    if (botUsername && target !== botUsername.toLowerCase()) return null
    word = word.slice(0, at)
  }
  if (word === '') return null
  return { word, args: tokenize(rest), rest, slash }
}
