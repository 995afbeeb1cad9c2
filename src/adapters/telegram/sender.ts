import { Bot, GrammyError, HttpError } from 'grammy'
import type { Sender, SendOutcome } from '../../chat/incoming.ts'
import type { Delivery } from '../../chat/outbound.ts'
import type { TelegramConfig } from '../../config.ts'
import { botInfoOf } from './bot-info.ts'

/** Messages per minute per group: Telegram's documented bot limit for one group. */
export const pacing = 20

export interface TelegramSenderOptions {
  fetch?: typeof fetch
  /** grammY waits 500 s by default; a hung call must not hold the outbox. */
  timeoutSeconds?: number
}

const TEXT_LIMIT = 4096 // UTF-16 code units of one message's text

/**
 * Sends with `sendMessage`, splitting text over 4096 characters at line ends. 429 (with `retry_after`), 5xx and
 * network failures ask for a retry; other API errors (chat not found, bot blocked or kicked, wrong token, a group
 * that became a supergroup) are permanent.
 */
export function createTelegramSender(config: TelegramConfig, opts: TelegramSenderOptions = {}): Sender {
  const bot = new Bot(config.token, {
    botInfo: botInfoOf(config),
    client: {
      timeoutSeconds: opts.timeoutSeconds ?? 15,
      ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
    },
  })
  return {
    platform: 'telegram',
    limit: () => ({ max: TEXT_LIMIT, unit: 'utf16' }),
    async send(message: Delivery): Promise<SendOutcome> {
      const { target } = message
      if (target.kind === 'response') return { kind: 'failed', reason: 'Telegram 没有一次性回复地址 (response)' }
      if (!/^-?\d{1,20}$/.test(target.id))
        return { kind: 'failed', reason: `不是 Telegram chat id: ${target.id.slice(0, 24)}` }
      const parts = splitText(message.text, TEXT_LIMIT)
      const quote = message.parts?.find((p) => p.kind === 'quote')
      // A lone answer quotes its command; if that message is gone, the answer still goes.
      const replyTo =
        quote && /^\d{1,12}$/.test(quote.messageId)
          ? { reply_parameters: { message_id: Number(quote.messageId), allow_sending_without_reply: true } }
          : {}
      for (const [i, part] of parts.entries()) {
        try {
          await bot.api.sendMessage(target.id, part, i === 0 ? replyTo : {})
        } catch (error) {
          const outcome = outcomeOf(error)
          // A retry resends every part: a repeated first part beats a lost last one.
          return i === 0 ? outcome : { ...outcome, reason: `${outcome.reason} (after ${i}/${parts.length} parts)` }
        }
      }
      return { kind: 'sent' }
    },
  }
}

function outcomeOf(error: unknown): Exclude<SendOutcome, { kind: 'sent' }> {
  if (error instanceof HttpError) return { kind: 'retry', reason: 'sendMessage: network error' }
  if (!(error instanceof GrammyError)) throw error
  const reason = `sendMessage: ${error.error_code} ${error.description}`
  if (error.error_code === 429) {
    const seconds = error.parameters.retry_after
    return { kind: 'retry', reason, ...(seconds !== undefined ? { afterMs: seconds * 1000 } : {}) }
  }
  if (error.error_code >= 500) return { kind: 'retry', reason }
  const movedTo = error.parameters.migrate_to_chat_id
  if (movedTo !== undefined) return { kind: 'failed', reason: `${reason}; 群已升级为超级群, 新 chat id ${movedTo}` }
  return { kind: 'failed', reason }
}

/** Splits into parts of at most `limit` UTF-16 units, preferring line ends and never halving a surrogate pair. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = []
  let rest = text
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit)
    if (cut <= 0) {
      cut = limit
      const last = rest.charCodeAt(cut - 1)
      if (last >= 0xd800 && last <= 0xdbff) cut--
      parts.push(rest.slice(0, cut))
      rest = rest.slice(cut)
    } else {
      parts.push(rest.slice(0, cut))
      rest = rest.slice(cut + 1)
    }
  }
  parts.push(rest)
  return parts
}
