import type { Message } from 'grammy/types'
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
