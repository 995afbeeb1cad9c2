import { Bot, GrammyError, HttpError, InputFile } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { Sender, SendOutcome } from '../../chat/incoming.ts'
import { type Delivery, partOf } from '../../chat/outbound.ts'
import type { TelegramConfig } from '../../config.ts'
import { botInfoOf } from './bot-info.ts'
import { parsePressTarget } from './decode.ts'

/** Messages per minute per group: Telegram's documented bot limit for one group. */
export const pacing = 20

export interface TelegramSenderOptions {
  fetch?: typeof fetch
  /** grammY waits 500 s by default; a hung call must not hold the outbox. */
  timeoutSeconds?: number
}

const TEXT_LIMIT = 4096 // UTF-16 code units of one message's text
const CAPTION_LIMIT = 1024 // of a photo's or document's caption

/**
 * Sends with `sendMessage`, splitting text over 4096 characters at line ends; a picture by `sendPhoto` and a file
 * (direct chats only) by `sendDocument`, with the text as caption when it fits, buttons as an inline keyboard. 429 (with `retry_after`), 5xx and
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
  /**
   * A button press: the query is answered (the spinner stops), and the message the button was under is edited in
   * place to the outcome, its keyboard gone. A message that can no longer be edited gets the outcome as a new one.
   */
  async function answerPress(
    press: NonNullable<ReturnType<typeof parsePressTarget>>,
    text: string,
  ): Promise<SendOutcome> {
    // A query older than Telegram keeps (about 15 minutes) cannot be answered: the edit still shows the outcome.
    await bot.api.answerCallbackQuery(press.queryId).catch(() => undefined)
    try {
      await bot.api.editMessageText(press.chatId, press.messageId, text.slice(0, TEXT_LIMIT), {
        reply_markup: { inline_keyboard: [] },
      })
      return { kind: 'sent' }
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 400) {
        try {
          await bot.api.sendMessage(press.chatId, text.slice(0, TEXT_LIMIT))
          return { kind: 'sent' }
        } catch (again) {
          return outcomeOf(again)
        }
      }
      return outcomeOf(error, 'editMessageText')
    }
  }

  return {
    platform: 'telegram',
    limit: () => ({ max: TEXT_LIMIT, unit: 'utf16' }),
    async send(message: Delivery): Promise<SendOutcome> {
      const { target } = message
      if (target.kind === 'response') {
        const press = parsePressTarget(target.id)
        return press ? answerPress(press, message.text) : { kind: 'failed', reason: 'Telegram 回复地址无效 (response)' }
      }
      if (!/^-?\d{1,20}$/.test(target.id))
        return { kind: 'failed', reason: `不是 Telegram chat id: ${target.id.slice(0, 24)}` }
      const file = fileOf(message)
      const keyboard = keyboardOf(message)
      // A caption holds 1024 characters: a longer text goes as messages after the file.
      const captioned = file !== null && file.caption.length <= CAPTION_LIMIT
      if (file) {
        const other = { ...(captioned ? { caption: file.caption } : {}), ...keyboard }
        try {
          if (file.kind === 'image') await bot.api.sendPhoto(target.id, file.input, other)
          else await bot.api.sendDocument(target.id, file.input, other)
        } catch (error) {
          return outcomeOf(error, file.kind === 'image' ? 'sendPhoto' : 'sendDocument')
        }
        if (captioned) return { kind: 'sent' }
      }
      const parts = splitText(message.text, TEXT_LIMIT)
      const quote = message.parts?.find((p) => p.kind === 'quote')
      // A lone answer quotes its command; if that message is gone, the answer still goes.
      const replyTo =
        quote && /^\d{1,12}$/.test(quote.messageId)
          ? { reply_parameters: { message_id: Number(quote.messageId), allow_sending_without_reply: true } }
          : {}
      for (const [i, part] of parts.entries()) {
        try {
          // The quote rides on the first part; the buttons on the last, under the words they decide.
          await bot.api.sendMessage(target.id, part, {
            ...(i === 0 ? replyTo : {}),
            ...(i === parts.length - 1 && !file ? keyboard : {}),
          })
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

/** A picture goes by sendPhoto, a file by sendDocument (multipart uploads), with the text as caption. */
function fileOf(message: Delivery): { kind: 'image' | 'document'; input: InputFile; caption: string } | null {
  const image = partOf(message.parts, 'image')
  if (image) {
    return {
      kind: 'image',
      input: new InputFile(Buffer.from(image.data), image.name),
      caption: image.caption ?? message.text,
    }
  }
  // A file only in a direct chat; delivered, it needs no download link, so its caption leaves the link out.
  const doc = message.target.kind === 'direct' ? partOf(message.parts, 'document') : undefined
  if (!doc) return null
  const input = new InputFile(Buffer.from(doc.data), doc.name)
  return { kind: 'document', input, caption: doc.caption ?? message.text }
}

/**
 * Buttons as an inline keyboard, one row; a press comes back as a callback query whose data is the command
 * (decode.ts). Telegram allows 64 bytes of data: a longer command is left to be typed.
 */
function keyboardOf(message: Delivery): { reply_markup?: InlineKeyboardMarkup } {
  const buttons = partOf(message.parts, 'buttons')
    ?.rows.flat()
    .filter((b) => Buffer.byteLength(b.command) <= 64)
  if (!buttons || buttons.length === 0) return {}
  return { reply_markup: { inline_keyboard: [buttons.map((b) => ({ text: b.label, callback_data: b.command }))] } }
}

function outcomeOf(error: unknown, method = 'sendMessage'): Exclude<SendOutcome, { kind: 'sent' }> {
  if (error instanceof HttpError) return { kind: 'retry', reason: `${method}: network error` }
  if (!(error instanceof GrammyError)) throw error
  const reason = `${method}: ${error.error_code} ${error.description}`
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
