import { directProject } from '../app/choose-project.ts'
import type { Notice } from '../app/notices.ts'
import type { Actor, ChatKey, Clock, OutboundMessage, ProjectInfo, Store, Tx } from '../app/ports.ts'
import { whyInactive } from '../app/why-inactive.ts'
import { identityOf, type Platform } from '../domain/platform.ts'
import { mayRun } from '../domain/roles.ts'
import { DEFAULT_SETTINGS } from '../domain/settings.ts'
import { type ChatContext, type Command, canonicalArgs, type Reply } from './command.ts'
import type { IncomingMessage, Receipt } from './incoming.ts'
import { withCleanNames } from './names.ts'
import { DIRECT_CAPABLE, renderNotices } from './notify.ts'
import { parseCommand } from './parse.ts'
import { maskPhonesInText } from './privacy.ts'
import type { RateVerdict } from './rate-limit.ts'
import { PRESSED } from './reply/buttons.ts'
import { errorText } from './reply/errors.ts'
import { DID_YOU_MEAN } from './reply/outbox.ts'
import { TOO_FAST, UNKNOWN_COMMAND } from './reply/texts.ts'
import { resolveTyped } from './typing.ts'

/** Kept here too for callers that found it here first. */
export { findCommand } from './command.ts'

export interface ChatDeps {
  store: Store
  clock: Clock
  /**
   * The machine's own clock: a platform event's id is recorded at its real arrival (app/inbound.ts keeps ids by real
   * time), whatever ANCHANG_CLOCK says; default: real time.
   */
  realClock?: Clock
  /** Bootstrap admins from ANCHANG_ADMINS, as `platform:userId`. */
  admins: ReadonlySet<string>
  commands: readonly Command[]
  /** Bot usernames per platform, to tell `/cmd@thisbot` from `/cmd@otherbot`. */
  botUsernames?: Partial<Record<Platform, string>>
  /** Called after a transaction that queued outbound messages has committed, with their chats (wakes the outbox worker). */
  onQueued?: (chats: readonly ChatKey[]) => void
  /** Platforms that can write to one person (default DIRECT_CAPABLE; WeCom joins in long-connection mode). */
  directCapable?: ReadonlySet<Platform>
  /** Per-sender flood control (see rate-limit.ts); absent: no limit. */
  rateLimiter?: (sender: string) => RateVerdict
  /** Base of download links (ANCHANG_PUBLIC_URL); default '' (a link relative to the console's page). */
  publicUrl?: string
}

export interface Handled {
  receipt: Receipt
  /** The reply texts, as queued for the chat the message came from (conversation tests read these). */
  replies: string[]
}

/**
 * The chat layer's one entry point. In one transaction: record the platform event (a redelivery stops here), find the
 * project and the sender's role, run the command, and queue the reply and every notice it raised in the outbox.
 */
export async function handleMessage(deps: ChatDeps, incoming: IncomingMessage): Promise<Handled> {
  const msg = withCleanNames(incoming)
  const typedAs = parseCommand(msg.text, deps.botUsernames?.[msg.platform])
  if (!typedAs) return { receipt: { kind: 'ignored' }, replies: [] }
  const typed = resolveTyped(typedAs, deps.commands)
  const command = typed.kind === 'command' ? typed.command : undefined
  const parsed = typed.kind === 'command' ? typed.parsed : typedAs
  const addressed = msg.chat.kind === 'direct' || parsed.slash || msg.mentionsBot
  // In a group, ordinary chatter is not for the bot; only command words, near-misses or an address to it are.
  if (typed.kind === 'none' && !addressed) return { receipt: { kind: 'ignored' }, replies: [] }

  const verdict = deps.rateLimiter?.(identityOf(msg.platform, msg.sender.userId)) ?? 'allow'
  if (verdict === 'drop') return { receipt: { kind: 'ignored' }, replies: [] }
  if (verdict === 'notify') return notifyFlood(deps, msg)

  const now = deps.clock.now()
  let queued: ChatKey[] | null = null
  // Without a command the work only reads and queues its answer, which interleaves as safely as a 报备.
  const interleave = command ? command.interleaves === true : true
  const result = await deps.store.transaction(
    async (tx): Promise<Handled> => {
      // Both asked at once (one round trip on PostgreSQL); for a redelivery the answer about the sender goes unused.
      const [claimed, { project, actor, gone, choices }] = await Promise.all([
        tx.inbound.claim(msg.platform, msg.eventId, arrivedAt(deps)),
        whoAndWhere(tx, deps, msg),
      ])
      if (!claimed) return { receipt: { kind: 'duplicate' }, replies: [] }
      const notices: Notice[] = []
      const direct = deps.directCapable ?? DIRECT_CAPABLE
      const tz = project?.timezone ?? 'Asia/Shanghai'
      const view = { tz, group: msg.chat.kind === 'group', settings: project?.settings ?? DEFAULT_SETTINGS }

      let reply: Reply
      if (!command) reply = typed.kind === 'suggest' ? DID_YOU_MEAN(typed.word) : UNKNOWN_COMMAND(parsed.word)
      else if (command.roles !== 'anyone' && !actor) {
        // Someone whose qualification ended is told why and by which record, not that they never joined.
        const why = gone ? await whyInactive(tx, gone) : ({ code: 'staff.unknown' } as const)
        reply = errorText(project || msg.chat.kind === 'direct' ? why : { code: 'project.unbound' }, view)
      } else if (command.needsProject !== false && !project) {
        // an admin's direct chat with several projects and none chosen: ask which
        const which = { code: 'project.choose', names: choices, command: '/项目 使用 <项目名称>' } as const
        reply = errorText(choices.length > 0 ? which : { code: 'project.unbound' }, view)
      } else if (actor && command.roles !== 'anyone' && !mayRun(actor.role, command.roles)) {
        reply = errorText({ code: 'role.forbidden', allowed: command.roles }, view)
      } else if (actor?.role === 'agent' && command.agentCommand && actor.status !== 'active') {
        reply = errorText({ code: 'staff.forfeited', rule: 'R1' }, view)
      } else {
        const ctx: ChatContext = {
          project: project ?? NO_PROJECT,
          actor: actor ?? guest(msg),
          now,
          source: `${msg.platform}:${msg.eventId}`,
          notify: (n) => notices.push(n),
          view,
          message: msg,
          directToSender: direct.has(msg.platform),
          // the console's page opens its links relative to itself; a chat needs the bot's public address
          downloadBase: msg.platform === 'console' ? '' : (deps.publicUrl ?? ''),
        }
        const out = await command.run(tx, ctx, canonicalArgs(command, parsed.args), parsed.rest)
        reply = typeof out === 'object' && 'ok' in out ? (out.ok ? out.value : errorText(out.error, view)) : out
      }

      const said = typeof reply === 'string' ? reply : reply.text
      const raw = msg.press
        ? PRESSED(msg.press.original, actor?.name ?? msg.sender.name ?? '', parsed.word, now, tz, said)
        : said
      const text = msg.chat.kind === 'group' ? maskPhonesInText(raw) : raw
      const privateText = typeof reply === 'string' ? undefined : reply.private
      const parts = typeof reply === 'string' ? undefined : reply.parts
      const answer = { ...answerOf(msg, text), ...(parts && parts.length > 0 ? { parts } : {}) }
      const outbound: OutboundMessage[] = []
      if (privateText && msg.chat.kind === 'group' && direct.has(msg.platform)) {
        outbound.push({ platform: msg.platform, target: { kind: 'direct', id: msg.sender.userId }, text: privateText })
      }
      if (project) outbound.push(...(await renderNotices(tx, project, notices, direct)))
      const messages = [...withNoticesInAnswer(answer, outbound, msg)]
      await tx.outbox.enqueue(project?.id ?? null, messages, now)
      queued = messages.map((m) => ({ platform: m.platform, target: m.target }))
      return { receipt: { kind: 'handled' }, replies: [text] }
    },
    { interleave },
  )
  if (queued) deps.onQueued?.(queued)
  return result
}

/** The one notice a flooding sender gets; the command itself is not run. */
async function notifyFlood(deps: ChatDeps, msg: IncomingMessage): Promise<Handled> {
  const now = deps.clock.now()
  const result = await deps.store.transaction(async (tx): Promise<Handled> => {
    if (!(await tx.inbound.claim(msg.platform, msg.eventId, arrivedAt(deps))))
      return { receipt: { kind: 'duplicate' }, replies: [] }
    const binding = msg.chat.kind === 'group' ? await tx.groups.find(msg.platform, msg.chat.id) : null
    const text = maskPhonesInText(TOO_FAST(msg.sender.name ?? ''))
    await tx.outbox.enqueue(binding?.projectId ?? null, [answerOf(msg, text)], now)
    return { receipt: { kind: 'handled' }, replies: [text] }
  })
  if (result.receipt.kind === 'handled') deps.onQueued?.([answerOf(msg, '')])
  return result
}

/** A command's direct answer: first in its chat's queue; in a group it names (or quotes) whom it answers. */
function answerOf(msg: IncomingMessage, text: string): OutboundMessage {
  const target = msg.replyVia ?? { kind: msg.chat.kind, id: msg.chat.id }
  const replyTo =
    target.kind === 'group'
      ? {
          userId: msg.sender.userId,
          ...(msg.sender.name ? { name: msg.sender.name } : {}),
          ...(msg.messageId ? { messageId: msg.messageId } : {}),
        }
      : undefined
  return { platform: msg.platform, target, text, priority: 0, ...(replyTo ? { replyTo } : {}) }
}

/**
 * One message per event per chat. A notice for the group the command was typed in is queued with the answer, in the
 * same transaction, so the worker claims and merges them into one message (mergeForChat). Only where the answer goes
 * elsewhere (WeCom's one-shot response_url) does the notice join the answer here instead of reaching the group twice.
 */
function withNoticesInAnswer(answer: OutboundMessage, others: OutboundMessage[], msg: IncomingMessage) {
  if (!msg.replyVia) return [answer, ...others]
  const here = (m: OutboundMessage) =>
    m.platform === msg.platform && m.target.kind === msg.chat.kind && m.target.id === msg.chat.id
  const joined = others.filter(here).map((m) => m.text)
  const merged = joined.length === 0 ? answer : { ...answer, text: [answer.text, ...joined].join('\n\n') }
  return [merged, ...others.filter((m) => !here(m))]
}

const arrivedAt = (deps: ChatDeps) => deps.realClock?.now() ?? new Date()

/**
 * The project is the group's binding; in a direct chat, the sender's own project. Bootstrap admins (ANCHANG_ADMINS)
 * need no staff record: in a direct chat they act on the only project, or on the one chosen with /project use.
 */
async function whoAndWhere(
  tx: Tx,
  deps: ChatDeps,
  msg: IncomingMessage,
): Promise<{ project: ProjectInfo | null; actor: Actor | null; gone: Actor | null; choices: string[] }> {
  const context = await tx.people.senderContext(
    msg.platform,
    msg.sender.userId,
    msg.chat.kind === 'group' ? msg.chat.id : null,
  )
  const staff = context.actor
  const identity = identityOf(msg.platform, msg.sender.userId)
  const bootstrap = deps.admins.has(identity)
  let project = context.project
  let choices: string[] = []
  if (!project && bootstrap && msg.chat.kind === 'direct') {
    const d = await directProject(tx, msg.platform, msg.sender.userId)
    project = d.project
    choices = d.choices
  }

  let actor: Actor | null = null
  let gone: Actor | null = null
  if (staff && (project === null || staff.projectId === project.id)) {
    const { projectId: _ignored, ...rest } = staff
    if (staff.status === 'inactive') gone = rest
    else actor = rest
  }
  if (bootstrap && (actor === null || actor.role !== 'admin')) {
    actor = {
      identity,
      staffId: actor?.staffId ?? null,
      name: actor?.name ?? msg.sender.name ?? '管理员',
      role: 'admin',
      agencyId: null,
      agencyName: null,
      status: 'active',
    }
  }
  return { project, actor, gone: actor ? null : gone, choices }
}

/** Stands in for the project in commands that run before one is bound (/group bind, /join, 帮助). */
const NO_PROJECT: ProjectInfo = { id: 0, name: '', timezone: 'Asia/Shanghai', settings: DEFAULT_SETTINGS }

const guest = (msg: IncomingMessage): Actor => ({
  identity: identityOf(msg.platform, msg.sender.userId),
  staffId: null,
  name: msg.sender.name ?? msg.sender.userId,
  role: 'agent',
  agencyId: null,
  agencyName: null,
  status: 'inactive',
})
