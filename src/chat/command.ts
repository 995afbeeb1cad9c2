import type { StoredPart } from '../app/outbound.ts'
import type { CommandContext, Tx } from '../app/ports.ts'
import type { DomainError } from '../domain/errors.ts'
import type { Result } from '../domain/result.ts'
import type { Role } from '../domain/roles.ts'
import type { IncomingMessage } from './incoming.ts'
import type { CommandId, Topic } from './reply/commands.ts'
import type { View } from './reply/format.ts'

/** What a command handler gets: the use-case context plus where its reply will be read. */
export interface ChatContext extends CommandContext {
  view: View
  message: IncomingMessage
  /** The bot can write to the sender directly on this platform (a reply's `private` part reaches them). */
  directToSender: boolean
  /** Where a one-time download link points (`<base>/files/<token>`): ANCHANG_PUBLIC_URL, or '' for a relative link. */
  downloadBase: string
}

/**
 * A reply: text for the chat the command came from; `private` text goes to the sender directly, if possible; `parts`
 * (a picture, a file, buttons) ride with the reply's text, which stays their caption and fallback.
 */
export type Reply = string | { text: string; private?: string; parts?: StoredPart[] }

/** A second word (`/分销 添加`): the command's run() sees `key` in args[0], whichever of `names` was typed. */
export interface Subcommand {
  /** The word run() matches (`add`). */
  key: string
  /** Words that invoke it, Chinese first (`添加`, `add`). */
  names: readonly string[]
  /** Its help text in the catalog (reply/commands.ts). */
  id: CommandId
  /** Who may use it, when narrower than the command's roles (help says so; run() enforces it). */
  roles?: readonly Role[]
  example: string
}

/**
 * One entry of the command registry (commands/index.ts), which is the one place that knows a command's names,
 * roles, topic, example and the seed rules it enforces; its words (summary, usage) are in reply/commands.ts by `id`.
 */
export interface Command {
  id: CommandId
  /** Words that invoke it, Chinese first (`报备`, `file`); the rest are aliases. */
  names: string[]
  /** Who may run it; admins may run everything. `anyone` also admits people without a staff record (/join). */
  roles: readonly Role[] | 'anyone'
  topic: Topic
  /** The seed's rule numbers (R1…R22) the command enforces. */
  rules: readonly string[]
  /** One input a person can copy as it is (example numbers: EXAMPLE_PHONE). */
  example: string
  subcommands?: readonly Subcommand[]
  /** A command whose subcommands also follow this command's word (`/房源 添加` runs /房源管理 添加), with its roles. */
  delegate?: Command
  /** Agent commands are refused to a forfeited agent (R1). */
  agentCommand?: boolean
  /** Runs only in a group bound to a project (e.g. /group bind runs in an unbound one). */
  needsProject?: boolean
  /**
   * May share a transaction with other such commands, interleaved (Store's TransactionOptions): set only where every
   * decision is settled by a compare-and-set or a unique index and every lock is taken through a repository.
   */
  interleaves?: true
  run(tx: Tx, ctx: ChatContext, args: string[], rest: string): Promise<Reply | Result<Reply, DomainError>>
}

/** The subcommand `word` names, if any (case-insensitive, Chinese or alias). */
export function subcommandOf(cmd: Command, word: string | undefined): Subcommand | undefined {
  if (word === undefined) return undefined
  const w = word.replace(/^\//, '').toLowerCase()
  return cmd.subcommands?.find((s) => s.names.some((n) => n.toLowerCase() === w))
}

/** The arguments with a Chinese (or any alias) subcommand word replaced by the key run() matches. */
export function canonicalArgs(cmd: Command, args: string[]): string[] {
  const sub = subcommandOf(cmd, args[0])
  return sub ? [sub.key, ...args.slice(1)] : args
}

/** The command a typed word invokes (the word lower-cased, without slash or @bot). */
export function findCommand(commands: readonly Command[], word: string): Command | undefined {
  return commands.find((c) => c.names.includes(word))
}
