import type { Sender, SendOutcome } from '../../../chat/incoming.ts'
import { type Delivery, partOf } from '../../../chat/outbound.ts'
import { splitByBytes } from '../sender.ts'
import type { Ack, WecomConnection } from './client.ts'
import { parseReplyTarget } from './decode.ts'

/**
 * What one conversation may receive over the long connection. WeCom's document 101463 allows 30 messages a minute
 * and 1,000 an hour per conversation; Anchang stays under both with a margin (the 20 a minute it keeps everywhere,
 * 900 an hour), counting replies and pushes together.
 */
export const CONNECTION_LIMITS = [
  { messages: 20, windowMs: 60_000 },
  { messages: 900, windowMs: 3_600_000 },
] as const

/** Messages per minute per outbox target, for the outbox worker's own pacing (replies are paced here, per chat). */
export const connectionPacing = 20

const STREAM_LIMIT_BYTES = 20_480 // a stream reply's content
const MARKDOWN_LIMIT_BYTES = 4_096 // a markdown push's content, as for the push robot

export interface ConnectionSenderOptions {
  now?: () => number
}

/**
 * Sends Anchang's messages over the WeCom long connection: a reply answers its message (a finished stream on the
 * callback's req_id), or — when WeCom no longer takes an answer to it — is pushed to the chat as markdown; notices
 * and reminders are pushed to the group or, by the userid, to a person directly (WeCom lets the robot push to anyone
 * who has talked to it, as everyone bound by /join has). Paced per conversation within WeCom's limits. Not connected
 * (a standby, a reconnect): retry, and the outbox sends it once the connection is back.
 */
export function createWecomConnectionSender(connection: WecomConnection, opts: ConnectionSenderOptions = {}): Sender {
  const now = opts.now ?? Date.now
  const sentAt = new Map<string, number[]>()

  /** Milliseconds until `chatId` may receive one more message (0: now). */
  function wait(chatId: string, at: number): number {
    const times = (sentAt.get(chatId) ?? []).filter((t) => t > at - 3_600_000)
    sentAt.set(chatId, times)
    let until = at
    for (const limit of CONNECTION_LIMITS) {
      const inWindow = times.filter((t) => t > at - limit.windowMs)
      if (inWindow.length >= limit.messages) {
        const oldest = inWindow[inWindow.length - limit.messages] as number
        until = Math.max(until, oldest + limit.windowMs)
      }
    }
    return until - at
  }
  function record(chatId: string) {
    const times = sentAt.get(chatId)
    if (times) times.push(now())
    else sentAt.set(chatId, [now()])
  }

  const outcome = (what: string, a: Ack): SendOutcome => {
    if (a.ok) return { kind: 'sent' }
    const reason = `${what}: ${a.reason}`
    if (!a.retry) return { kind: 'failed', reason }
    // The frequency limit is per minute: waiting a minute always clears it.
    return a.errcode === 45009 ? { kind: 'retry', afterMs: 60_000, reason } : { kind: 'retry', reason }
  }

  async function push(chatId: string, text: string): Promise<SendOutcome> {
    const parts = splitByBytes(text, MARKDOWN_LIMIT_BYTES)
    for (const [i, part] of parts.entries()) {
      const a = await connection.push(chatId, { markdown: part })
      if (a.ok) record(chatId)
      const o = outcome('aibot_send_msg', a)
      if (o.kind !== 'sent') return i === 0 ? o : { ...o, reason: `${o.reason} (after ${i}/${parts.length} parts)` } // a retry resends all
    }
    return { kind: 'sent' }
  }

  async function sayText(
    address: ReturnType<typeof parseReplyTarget>,
    chatId: string,
    text: string,
  ): Promise<SendOutcome> {
    if (!address) return push(chatId, text)
    const [first = '', ...rest] = splitByBytes(text, STREAM_LIMIT_BYTES)
    const answered = await connection.reply(address.reqId, { stream: first })
    if (answered.ok) record(chatId)
    else if (answered.retry) return outcome('aibot_respond_msg', answered)
    // WeCom no longer takes an answer to that message (too late, or refused): the chat gets it as a push.
    else return push(chatId, text)
    return rest.length > 0 ? push(chatId, rest.join('\n')) : { kind: 'sent' }
  }

  /** The picture, and in a direct chat the file, pushed after the text (the SDK uploads them as media first). */
  async function pushFiles(chatId: string, message: Delivery, direct: boolean): Promise<SendOutcome> {
    const image = partOf(message.parts, 'image')
    if (image) {
      const a = await connection.push(chatId, { image: Buffer.from(image.data), filename: image.name })
      if (!a.ok) return outcome('aibot_send_msg image', a)
      record(chatId)
    }
    const doc = direct ? partOf(message.parts, 'document') : undefined
    if (doc) {
      const a = await connection.push(chatId, { file: Buffer.from(doc.data), filename: doc.name })
      if (!a.ok) return outcome('aibot_send_msg file', a)
      record(chatId)
    }
    return { kind: 'sent' }
  }

  return {
    platform: 'wecom',
    limit: (target) => ({ max: target.kind === 'response' ? STREAM_LIMIT_BYTES : MARKDOWN_LIMIT_BYTES, unit: 'utf8' }),
    async send(message: Delivery): Promise<SendOutcome> {
      const { target, text } = message
      // A reply queued for callback mode's response_url before a switch of mode: that address is not ours now.
      if (target.kind === 'response' && /^https?:\/\//.test(target.id))
        return { kind: 'failed', reason: 'response_url of callback mode, not sent over the long connection' }
      if (!connection.canSend()) return { kind: 'retry', reason: 'WeCom long connection not connected' }
      const address = target.kind === 'response' ? parseReplyTarget(target.id) : undefined
      if (target.kind === 'response' && !address) return { kind: 'failed', reason: 'reply address invalid' }
      const chatId = address ? address.chat.id : target.id
      const waitMs = wait(chatId, now())
      if (waitMs > 0)
        return { kind: 'retry', afterMs: waitMs, paced: true, reason: 'paced: WeCom limits each conversation' }

      const said = await sayText(address, chatId, text)
      if (said.kind !== 'sent') return said
      return pushFiles(chatId, message, target.kind === 'direct' || address?.chat.kind === 'direct')
    },
  }
}
