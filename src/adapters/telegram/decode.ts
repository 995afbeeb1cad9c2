import type { CallbackQuery, Message } from 'grammy/types'
import type { IncomingMessage } from '../../chat/incoming.ts'

export type Decoded = { kind: 'message'; message: IncomingMessage } | { kind: 'ignored'; why: string }

export interface Me {
  id: number
  /** Empty when TELEGRAM_BOT_USERNAME is not set. */
  username: string
}

/**
 * Decodes a `message` update: a person's text in a private chat, group or supergroup. `/cmd@thisbot args` becomes
 * `/cmd args`; a command addressed to another bot is ignored (when our username is known; else any @suffix is taken
 * as ours). An @mention of the bot (or a text_mention of its id) is removed and sets `mentionsBot`. Chat ids are
 * exact in a double (Telegram's documented bound, 52 bits), so String(id) is safe.
 */
export function decodeMessage(updateId: number, msg: Message, me: Me): Decoded {
  if (msg.text === undefined) return { kind: 'ignored', why: 'not text' }
  // Other bots, the bot itself and anonymous group admins (GroupAnonymousBot) are not people we can identify.
  if (!msg.from || msg.from.is_bot) return { kind: 'ignored', why: 'not from a person' }
  const { chat } = msg
  if (chat.type === 'channel') return { kind: 'ignored', why: 'channel' }

  const username = me.username.toLowerCase()
  const cuts: { start: number; end: number; mention: boolean }[] = []
  for (const e of msg.entities ?? []) {
    const piece = msg.text.slice(e.offset, e.offset + e.length)
    if (e.type === 'bot_command' && e.offset === 0) {
      const at = piece.indexOf('@')
      if (at < 0) continue
      if (username !== '' && piece.slice(at + 1).toLowerCase() !== username) {
        return { kind: 'ignored', why: 'command for another bot' }
      }
      cuts.push({ start: at, end: e.offset + e.length, mention: false })
    } else if (e.type === 'mention' && username !== '' && piece.toLowerCase() === `@${username}`) {
      cuts.push({ start: e.offset, end: e.offset + e.length, mention: true })
    } else if (e.type === 'text_mention' && e.user.id === me.id) {
      cuts.push({ start: e.offset, end: e.offset + e.length, mention: true })
    }
  }

  let text = msg.text
  for (const cut of cuts.sort((a, b) => b.start - a.start)) {
    const left = text.slice(0, cut.start)
    const right = text.slice(cut.end)
    if (!cut.mention) text = left + right
    else {
      const l = left.trimEnd()
      const r = right.trimStart()
      text = l !== '' && r !== '' ? `${l} ${r}` : l + r
    }
  }
  text = text.trim()
  if (text === '' && cuts.length === 0) return { kind: 'ignored', why: 'no text' }

  const name = [msg.from.first_name, msg.from.last_name].filter(Boolean).join(' ') || msg.from.username
  return {
    kind: 'message',
    message: {
      platform: 'telegram',
      eventId: String(updateId),
      messageId: String(msg.message_id),
      chat:
        chat.type === 'private'
          ? { kind: 'direct', id: String(chat.id) }
          : { kind: 'group', id: String(chat.id), title: chat.title },
      sender: { userId: String(msg.from.id), ...(name ? { name } : {}) },
      text,
      mentionsBot: cuts.length > 0,
    },
  }
}

/**
 * Decodes a button press (`callback_query` with data): the data is the command the button stands for, run as if
 * the presser had typed it in that chat. The reply goes back as `press:<chat>:<message>:<query>`, so the sender can
 * answer the query and edit the message the button was under. A press on a message too old for Telegram to include
 * it (or from an inline message) has nowhere to show its outcome and is ignored.
 */
export function decodePress(query: CallbackQuery): Decoded {
  const { data, message } = query
  if (data === undefined || data.trim() === '') return { kind: 'ignored', why: 'no data' }
  if (!message || !('chat' in message) || query.from.is_bot) return { kind: 'ignored', why: 'no message to answer' }
  const { chat } = message
  if (chat.type === 'channel') return { kind: 'ignored', why: 'channel' }
  const original = ('text' in message ? message.text : undefined) ?? ('caption' in message ? message.caption : '') ?? ''
  const name = [query.from.first_name, query.from.last_name].filter(Boolean).join(' ') || query.from.username
  return {
    kind: 'message',
    message: {
      platform: 'telegram',
      eventId: `cb:${query.id}`,
      chat:
        chat.type === 'private'
          ? { kind: 'direct', id: String(chat.id) }
          : { kind: 'group', id: String(chat.id), title: chat.title },
      sender: { userId: String(query.from.id), ...(name ? { name } : {}) },
      text: data,
      mentionsBot: false,
      replyVia: { kind: 'response', id: `press:${chat.id}:${message.message_id}:${query.id}` },
      press: { original },
    },
  }
}

/** The parts of a press's reply address; null when `id` is not one. */
export function parsePressTarget(id: string): { chatId: string; messageId: number; queryId: string } | null {
  const m = /^press:(-?\d{1,20}):(\d{1,12}):([\w-]{1,64})$/.exec(id)
  return m ? { chatId: m[1] as string, messageId: Number(m[2]), queryId: m[3] as string } : null
}
