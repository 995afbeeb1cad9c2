import { Bot, BotError, webhookCallback } from 'grammy'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { eventFreshness } from '../../app/inbound.ts'
import type { Receive } from '../../chat/incoming.ts'
import type { TelegramConfig } from '../../config.ts'
import { botInfoOf } from './bot-info.ts'
import { decodeMessage, decodePress } from './decode.ts'

export type Log = (event: string, fields: Record<string, unknown>) => void

export interface TelegramRoutesDeps {
  config: TelegramConfig
  receive: Receive
  log?: Log
  /** The machine's clock (ms), against which message dates are judged; default Date.now. */
  now?: () => number
}

const MAX_BODY = 64 * 1024

/** Marks an error from the chat layer (database down…) so the route can ask Telegram to redeliver. */
class ReceiveFailed extends Error {
  override name = 'ReceiveFailed'
}

/**
 * The grammY webhook at `/`. The body is size-checked (413) and parsed (400) before grammY sees it; grammY checks
 * `X-Telegram-Bot-Api-Secret-Token` in constant time (401). Replies never ride the webhook response (the outbox
 * sends them), so every answer is an empty 200 — except when `receive` fails or the update times out: 503, and
 * Telegram redelivers. Any other error (a bug decoding one update) is logged and answered 200, since redelivering
 * the same update would fail the same way; `bot.catch` does not cover webhookCallback, so this is the boundary.
 * A message whose date is older than the replay window, in the future or malformed is dropped with no effect
 * (app/inbound.ts) and answered 200, so that Telegram does not deliver it again and again.
 */
export function telegramRoutes(deps: TelegramRoutesDeps): Hono {
  const log: Log = deps.log ?? (() => {})
  const { config } = deps
  const now = deps.now ?? Date.now
  const bot = new Bot(config.token, {
    botInfo: botInfoOf(config),
    ...(config.apiRoot ? { client: { apiRoot: config.apiRoot } } : {}),
  })
  bot.on('message', async (ctx) => {
    const decoded = decodeMessage(ctx.update.update_id, ctx.message, { id: ctx.me.id, username: ctx.me.username })
    if (decoded.kind !== 'message') return
    const freshness = eventFreshness(ctx.message.date, now())
    if (freshness !== 'fresh') {
      log(`telegram.${freshness}_message`, { updateId: ctx.update.update_id, date: ctx.message.date })
      return
    }
    try {
      await deps.receive(decoded.message)
    } catch (error) {
      throw new ReceiveFailed(String(error))
    }
  })
  // A button press: no date to judge its age by (it may be on a day-old message); its query id dedupes it.
  bot.on('callback_query:data', async (ctx) => {
    const decoded = decodePress(ctx.callbackQuery)
    if (decoded.kind !== 'message') return
    try {
      await deps.receive(decoded.message)
    } catch (error) {
      throw new ReceiveFailed(String(error))
    }
  })
  const handleUpdate = webhookCallback(bot, 'hono', { secretToken: config.webhookSecret })

  const app = new Hono()
  app.post('/', bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.body(null, 413) }), async (c) => {
    let update: unknown
    try {
      update = JSON.parse(await c.req.text())
    } catch {
      return c.body(null, 400)
    }
    const updateId = (update as { update_id?: unknown } | null)?.update_id
    if (typeof update !== 'object' || Array.isArray(update) || !Number.isSafeInteger(updateId)) {
      return c.body(null, 400)
    }
    try {
      return await handleUpdate(c)
    } catch (error) {
      if (error instanceof BotError && !(error.error instanceof ReceiveFailed)) {
        log('telegram.update_failed', { updateId, error: String(error.error) })
        return c.body(null, 200)
      }
      const cause = error instanceof BotError ? error.error : error
      log('telegram.receive_failed', { updateId, error: String(cause) })
      return c.body(null, 503)
    }
  })
  return app
}
