import type { OutboundPart } from '../app/outbound.ts'
import type { CommandContext, Tx } from '../app/ports.ts'
import type { DomainError } from '../domain/errors.ts'
import type { Result } from '../domain/result.ts'
import type { Role } from '../domain/roles.ts'
import type { IncomingMessage } from './incoming.ts'
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
export type Reply = string | { text: string; private?: string; parts?: OutboundPart[] }

export interface Command {
  /** Words that invoke it, Chinese first (`报备`, `file`). Two-word commands list the first word only. */
  names: string[]
  /** Who may run it; admins may run everything. `anyone` also admits people without a staff record (/join). */
  roles: readonly Role[] | 'anyone'
  /** Agent commands are refused to a forfeited agent (R1). */
  agentCommand?: boolean
  /** Runs only in a group bound to a project (e.g. /group bind runs in an unbound one). */
  needsProject?: boolean
  usage: string
  example: string
  summary: string
  run(tx: Tx, ctx: ChatContext, args: string[], rest: string): Promise<Reply | Result<Reply, DomainError>>
}
