import { findPhones } from '../domain/phone.ts'
import type { Command } from './command.ts'
import { type ParsedCommand, tokenize } from './parse.ts'
import { COMMAND_TEXTS } from './reply/commands.ts'

/** What a message typed on a phone asks for: a command with its arguments, a one-line suggestion, or nothing. */
export type Typed =
  | { kind: 'command'; command: Command; parsed: ParsedCommand }
  | { kind: 'suggest'; word: string }
  | { kind: 'none' }

/** A masked number as agents type it (138****5678), which the phone finder rightly does not read as a number. */
const MASKED = /1\d{2}\*{4}\d{4}$/
/** Chatter has few digits; a mistyped command's arguments (a phone, an amount, a unit) have a run of three. */
const ARGUMENT_DIGITS = /\d{3}/

/**
 * Reads a command as people type it on a phone: the command word glued to its arguments (`报备赵六13755556666`),
 * a name glued to its number (`报备 赵六13755556666`), and a first word one edit away from a Chinese command word
 * (`报被 张三 138…`), which gets a suggestion only when the message carries arguments, so that group chatter
 * (`收到`, `签到表在哪`) stays unanswered.
 */
export function resolveTyped(parsed: ParsedCommand, commands: readonly Command[]): Typed {
  const exact = commands.find((c) => c.names.includes(parsed.word))
  if (exact) return { kind: 'command', command: exact, parsed: withSplitArgs(parsed) }
  if (parsed.slash) return { kind: 'none' }
  const whole = parsed.rest === '' ? parsed.word : `${parsed.word} ${parsed.rest}`
  const names = commands.flatMap((c) => c.names.filter(isChinese).map((name) => ({ name, command: c })))
  // The longest command word the message starts with, when what follows it is an argument (it has digits).
  // Only commands that take arguments: `签到表在哪 3楼` is not a check-in.
  const glued = names
    .filter(({ name, command }) => COMMAND_TEXTS[command.id].usage.trim() !== name)
    .filter(({ name }) => parsed.word.length > name.length && parsed.word.startsWith(name))
    .sort((a, b) => b.name.length - a.name.length)[0]
  if (glued && /\d/.test(whole.slice(glued.name.length))) {
    const rest = whole.slice(glued.name.length).trim()
    const p: ParsedCommand = { word: glued.name, args: tokenize(rest), rest, slash: false }
    return { kind: 'command', command: glued.command, parsed: withSplitArgs(p) }
  }
  if (!ARGUMENT_DIGITS.test(whole)) return { kind: 'none' }
  for (const { name } of names) {
    if (name.length < 2) continue
    for (const len of [name.length - 1, name.length, name.length + 1]) {
      const head = parsed.word.slice(0, len)
      if (head.length === len && oneEditApart(head, name)) return { kind: 'suggest', word: name }
    }
  }
  return { kind: 'none' }
}

const isChinese = (name: string) => /[^\x20-\x7e]/.test(name)

/** `赵六13755556666` → `赵六`, `13755556666`: a name typed against its number. */
function withSplitArgs(p: ParsedCommand): ParsedCommand {
  const args = p.args.flatMap((token) => {
    const phone = findPhones(token)[0]
    const at = phone ? phone.start : (MASKED.exec(token)?.index ?? -1)
    return at > 0 && !/\d$/.test(token.slice(0, at)) ? [token.slice(0, at), token.slice(at)] : [token]
  })
  return args.length === p.args.length ? p : { ...p, args, rest: args.join(' ') }
}

/** Exactly one substitution, insertion or deletion turns `a` into `b`. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false
  const [s, t] = a.length <= b.length ? [a, b] : [b, a]
  let i = 0
  while (i < s.length && s[i] === t[i]) i++
  return s.length === t.length ? s.slice(i + 1) === t.slice(i + 1) : s.slice(i) === t.slice(i + 1)
}
