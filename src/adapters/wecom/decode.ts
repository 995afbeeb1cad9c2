import { z } from 'zod'
import type { IncomingMessage } from '../../chat/incoming.ts'

export type Decoded =
  | { kind: 'message'; message: IncomingMessage }
  | { kind: 'ignored'; why: string }
  | { kind: 'malformed'; why: string }

const callback = z.object({
  // Documented as a string; a number past 2^53 has already been rounded by JSON.parse, so it is refused.
  msgid: z
    .union([z.string().min(1), z.number().int().refine(Number.isSafeInteger, 'unsafe integer')])
    .transform(String),
  aibotid: z.string().nullish(),
  chatid: z.string().nullish(),
  chattype: z.enum(['single', 'group']),
  from: z.object({ userid: z.string().min(1) }),
  response_url: z.string().nullish(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).nullish(),
})

/**
 * Decodes an intelligent robot's decrypted callback (智能机器人 接收消息). Only `msgtype: text` is a message; images,
 * mixed, voice, files, stream refreshes and events are ignored. A group callback only happens when the robot was
 * @-mentioned, so it always `mentionsBot`; the mention is removed from the text (by `botName` when known, else the
 * leading or trailing @word). Single chats carry no chatid: the sender's userid is the conversation.
 */
export function decodeCallback(body: unknown, botName?: string): Decoded {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return malformed('not a JSON object')
  const msgtype = (body as Record<string, unknown>).msgtype
  if (msgtype !== 'text') return { kind: 'ignored', why: `msgtype ${String(msgtype)}` }
  const parsed = callback.safeParse(body)
  if (!parsed.success) return malformed(parsed.error.issues[0]?.path.join('.') ?? 'callback')
  const e = parsed.data
  if (!e.text) return malformed('text')
  if (e.chattype === 'group' && !e.chatid) return malformed('chatid')

  const group = e.chattype === 'group'
  const text = group ? stripMention(e.text.content, botName) : e.text.content.trim()
  if (text === '' && !group) return { kind: 'ignored', why: 'no text' }
  return {
    kind: 'message',
    message: {
      platform: 'wecom',
      eventId: e.msgid,
      chat: group && e.chatid ? { kind: 'group', id: e.chatid } : { kind: 'direct', id: e.from.userid },
      sender: { userId: e.from.userid },
      text,
      mentionsBot: group,
      ...(e.response_url ? { replyVia: { kind: 'response', id: e.response_url } } : {}),
    },
  }
}

function stripMention(content: string, botName: string | undefined): string {
  if (botName) {
    const at = content.indexOf(`@${botName}`)
    if (at >= 0) return `${content.slice(0, at).trimEnd()} ${content.slice(at + botName.length + 1).trimStart()}`.trim()
  }
  const leading = content.match(/^\s*@\S+/)
  if (leading) return content.slice(leading[0].length).trim()
  return content.replace(/\s@\S+\s*$/, '').trim()
}

const malformed = (why: string): Decoded => ({ kind: 'malformed', why })
