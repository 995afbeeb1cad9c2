import { z } from 'zod'
import type { IncomingMessage } from '../../chat/incoming.ts'
import { parseCqString, type Segment } from './cq-code.ts'

/** What a OneBot v11 event is to Anchang: a person's text message, something to ignore, or a broken payload. */
export type Decoded =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; why: string }

// QQ numbers fit a double, but implementations send ids as numbers or strings; message ids may be negative.
const id = z
  .union([z.string().regex(/^-?\d{1,20}$/), z.number().int().refine(Number.isSafeInteger, 'unsafe integer')])
  .transform(String)

const segment = z
  .object({ type: z.string(), data: z.record(z.string(), z.unknown()).nullish() })
  .transform((s): Segment => ({ type: s.type, data: stringValues(s.data ?? {}) }))

const messageEvent = z.object({
  post_type: z.literal('message'),
  message_type: z.enum(['group', 'private']),
  sub_type: z.string().nullish(),
  time: z.number().int().nonnegative().nullish(),
  message_id: id,
  self_id: id,
  user_id: id,
  group_id: id.nullish(),
  group_name: z.string().nullish(),
  message: z.union([z.string(), z.array(segment)]).nullish(),
  raw_message: z.string().nullish(),
  sender: z.object({ nickname: z.string().nullish(), card: z.string().nullish() }).nullish(),
})

/**
 * Decodes an HTTP POST event (onebot-11 `event/message.md`). Only `post_type: message` from someone other than the
 * bot, with some text, becomes a message; heartbeats, lifecycle, notices, requests, NapCat's `message_sent`,
 * anonymous and system (`notice`) group messages are ignored. `message` may be a segment array or a CQ-code string
 * (`messagePostFormat`), with `raw_message` as the fallback.
 */
export function decodeEvent(body: unknown): Decoded {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return malformed('not a JSON object')
  const postType = (body as Record<string, unknown>).post_type
  if (postType !== 'message') return { kind: 'ignored', why: `post_type ${String(postType)}` }
  const parsed = messageEvent.safeParse(body)
  if (!parsed.success) return malformed(parsed.error.issues[0]?.path.join('.') ?? 'message event')
  const e = parsed.data
  if (e.user_id === e.self_id) return { kind: 'ignored', why: 'own message' }
  if (e.message_type === 'group' && !e.group_id) return malformed('group_id')
  if (e.sub_type === 'anonymous' || e.sub_type === 'notice') return { kind: 'ignored', why: `sub_type ${e.sub_type}` }

  const segments =
    typeof e.message === 'string' ? parseCqString(e.message) : (e.message ?? parseCqString(e.raw_message ?? ''))
  const { text, mentionsBot, hasText } = flatten(segments, e.self_id)
  if (!hasText && !mentionsBot) return { kind: 'ignored', why: 'no text' }

  const group = e.message_type === 'group' && e.group_id
  const name = (group ? e.sender?.card || e.sender?.nickname : e.sender?.nickname) || undefined
  return {
    kind: 'message',
    message: {
      platform: 'onebot',
      // message_id is a per-implementation short id that can repeat after a restart of NapCat/Lagrange; with the
      // bot's own QQ number and the event's second, a redelivery keeps its key and a reused id does not collide.
      eventId: `${e.self_id}:${e.message_id}:${e.time ?? 0}`,
      messageId: e.message_id,
      chat: group
        ? { kind: 'group', id: group, ...(e.group_name ? { title: e.group_name } : {}) }
        : { kind: 'direct', id: e.user_id },
      sender: { userId: e.user_id, ...(name ? { name } : {}) },
      text,
      mentionsBot,
    },
  }
}

/** Joins the text segments; an @ of the bot is dropped (with the spaces around it), other @s stay readable. */
function flatten(segments: Segment[], selfId: string): { text: string; mentionsBot: boolean; hasText: boolean } {
  let text = ''
  let mentionsBot = false
  let hasText = false
  let afterMention = false
  for (const s of segments) {
    if (s.type === 'at' && s.data.qq === selfId) {
      mentionsBot = true
      text = text.trimEnd()
      afterMention = true
      continue
    }
    let piece = ''
    if (s.type === 'text') {
      piece = s.data.text ?? ''
      if (piece.trim() !== '') hasText = true
    } else if (s.type === 'at') {
      piece = s.data.qq === 'all' ? '@全体成员' : `@${s.data.name || s.data.qq || ''}`
    }
    if (piece === '') continue
    if (afterMention) {
      piece = piece.trimStart()
      if (piece === '') continue
      if (text !== '') piece = ` ${piece}`
      afterMention = false
    }
    text += piece
  }
  return { text: text.trim(), mentionsBot, hasText }
}

function stringValues(data: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') out[k] = String(v)
  }
  return out
}

const malformed = (why: string): Decoded => ({ kind: 'malformed', why })
