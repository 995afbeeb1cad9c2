import { Bot, BotError, GrammyError } from 'grammy'
import type { Update, UserFromGetMe } from 'grammy/types'
import { eventFreshness } from '../../app/inbound.ts'
import type { Log } from '../../app/log.ts'
import type { Connection, ConnectionState, ConnectionStatus } from '../../chat/connection.ts'
import type { IncomingMessage, Receive } from '../../chat/incoming.ts'
import type { TelegramConfig } from '../../config.ts'
import { decodeMessage, decodePress } from './decode.ts'

export interface TelegramPollerOptions {
  config: TelegramConfig
  receive: Receive
  log: Log
  now?: () => Date
  /** How long Telegram holds a getUpdates open when nothing comes (long polling), in seconds; 30. */
  timeoutSeconds?: number
  /** Told the bot's identity once getMe has answered (its username recognises /cmd@thisbot). */
  onMe?: (me: UserFromGetMe) => void
  /** Backoff after a network failure or a failing database: doubling from `baseMs` to `maxMs`. */
  retryBaseMs?: number
  retryMaxMs?: number
  /** Wait after a 409 (someone else polls this bot) before asking again. */
  conflictMs?: number
}

/** grammY types its signals with the abort-controller shim's type; Node's own AbortSignal is what it uses at run time. */
type ShimSignal = Parameters<Bot['init']>[0]
const shim = (signal: AbortSignal) => signal as unknown as ShimSignal

/** Thrown inside the middleware when a stop arrives while an update waits for the database: it stays unconfirmed. */
class Stopping extends Error {
  override name = 'Stopping'
}

/**
 * Telegram long polling on grammY's Bot API client: `getUpdates` with a 30 s timeout, one update at a time, in order.
 * An update is confirmed (the next call's `offset`) only after the chat layer has committed it, so a crash, a kill or
 * a database outage leaves it with Telegram, which delivers it again; the chat layer's inbound dedupe (platform event
 * id = update_id) then runs it once. A failing database holds the loop (retrying, doubling to 30 s) instead of
 * skipping the update. A message dated older than the replay window, malformed or from the future is confirmed with
 * no effect (app/inbound.ts), as its webhook would be. 409 (another program polls this bot) waits and tries again without fighting, 429 waits
 * `retry_after`, 401 (a wrong or revoked token) stops and says so. getMe is called once, at the first start.
 * Not `bot.start()`: its stop() confirms the update in flight, handled or not, and a 409 ends its loop.
 */
export function createTelegramPoller(opts: TelegramPollerOptions): Connection {
  const now = opts.now ?? (() => new Date())
  const timeout = opts.timeoutSeconds ?? 30
  const retryBaseMs = opts.retryBaseMs ?? 1_000
  const retryMaxMs = opts.retryMaxMs ?? 30_000
  const conflictMs = opts.conflictMs ?? 30_000
  const { config, log } = opts
  const bot = new Bot(config.token, {
    client: { timeoutSeconds: timeout + 15, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
  })

  let status: ConnectionStatus = {
    platform: 'telegram',
    mode: 'polling',
    state: 'standby',
    since: now(),
    connectedSince: null,
    lastMessageAt: null,
  }
  const setState = (state: ConnectionState, detail?: string) => {
    if (status.state === state && status.detail === detail) return
    const at = now()
    status = {
      ...status,
      state,
      since: status.state === state ? status.since : at,
      connectedSince: state === 'connected' ? (status.connectedSince ?? at) : null,
      ...(detail ? { detail } : { detail: undefined }),
    }
  }

  let abort: AbortController | null = null
  let loop: Promise<void> | null = null
  let running = false

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve()
      const timer = setTimeout(resolve, ms)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        resolve()
      })
    })

  /** The chat layer's answer, retried until it commits (or a stop arrives: the update then stays unconfirmed). */
  async function receive(message: IncomingMessage, signal: AbortSignal) {
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.receive(message)
        if (status.detail === 'database unavailable') setState(status.state)
        return
      } catch (error) {
        log('telegram.receive_failed', { eventId: message.eventId, attempt, error }, 'warn')
        if (status.state === 'connected') setState('connected', 'database unavailable')
        await sleep(Math.min(retryMaxMs, retryBaseMs * 2 ** attempt), signal)
        if (signal.aborted) throw new Stopping()
      }
    }
  }

  let signalOfTurn: AbortSignal | null = null
  bot.on('message', async (ctx) => {
    status.lastMessageAt = now()
    const decoded = decodeMessage(ctx.update.update_id, ctx.message, { id: ctx.me.id, username: ctx.me.username })
    if (decoded.kind !== 'message' || !signalOfTurn) return
    // Stamped too old, malformed or from the future: dropped as its webhook would be, and confirmed (app/inbound.ts).
    const freshness = eventFreshness(ctx.message.date, now().getTime())
    if (freshness !== 'fresh') {
      log(`telegram.${freshness}_message`, { updateId: ctx.update.update_id, date: ctx.message.date }, 'warn')
      return
    }
    await receive(decoded.message, signalOfTurn)
  })

  bot.on('callback_query:data', async (ctx) => {
    status.lastMessageAt = now()
    const decoded = decodePress(ctx.callbackQuery)
    if (decoded.kind !== 'message' || !signalOfTurn) return
    await receive(decoded.message, signalOfTurn)
  })

  /** Handles one update; false when a stop came first (the update must not be confirmed). */
  async function handle(update: Update, signal: AbortSignal): Promise<boolean> {
    signalOfTurn = signal
    try {
      await bot.handleUpdate(update)
      return true
    } catch (error) {
      const cause = error instanceof BotError ? error.error : error
      if (cause instanceof Stopping) return false
      // A bug decoding one odd update: it would fail the same way again, so it is logged and confirmed.
      log('telegram.update_failed', { updateId: update.update_id, error: cause }, 'error')
      return true
    }
  }

  async function run(signal: AbortSignal) {
    let offset = 0
    let confirmed = 0
    let failures = 0
    setState('connecting')
    while (running) {
      try {
        if (!bot.isInited()) {
          await bot.init(shim(signal))
          const me = bot.botInfo
          opts.onMe?.(me)
          if (config.botUsername && config.botUsername.toLowerCase() !== me.username.toLowerCase())
            log('telegram.username_differs', { configured: config.botUsername, actual: me.username }, 'warn')
          if (!me.can_read_all_group_messages)
            log('telegram.privacy_mode', { hint: 'make the bot a group admin or turn privacy mode off' }, 'warn')
          // A webhook left from webhook mode makes getUpdates fail with 409; pending updates are kept.
          await bot.api.deleteWebhook({ drop_pending_updates: false }, shim(signal))
        }
        // The first call after (re)connecting answers at once, so the status says "connected" without a 30 s wait.
        const wait = status.state === 'connected' ? timeout : 0
        const updates = await bot.api.getUpdates(
          { offset, timeout: wait, allowed_updates: ['message', 'callback_query'] },
          shim(signal),
        )
        confirmed = offset
        failures = 0
        setState('connected', status.detail === 'database unavailable' ? status.detail : undefined)
        for (const update of updates) {
          if (!running || !(await handle(update, signal))) break
          offset = update.update_id + 1
        }
      } catch (error) {
        if (!running) break
        failures++
        if (error instanceof GrammyError && error.error_code === 401) {
          setState('unauthorized', 'Telegram refused the token (401): check TELEGRAM_BOT_TOKEN and restart')
          log('telegram.unauthorized', { description: error.description }, 'error')
          running = false
          break
        }
        if (error instanceof GrammyError && error.error_code === 409) {
          setState('conflict', 'another program polls this bot (409); waiting, not fighting')
          log('telegram.conflict', { description: error.description, waitMs: conflictMs }, 'warn')
          await sleep(conflictMs, signal)
        } else if (error instanceof GrammyError && error.error_code === 429) {
          const seconds = error.parameters.retry_after ?? 5
          setState('reconnecting', `rate limited (429): waiting ${seconds} s`)
          log('telegram.rate_limited', { retryAfter: seconds }, 'warn')
          await sleep(seconds * 1000, signal)
        } else {
          const waitMs = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4)
          const why = error instanceof GrammyError ? `${error.error_code} ${error.description}` : 'network error'
          setState('reconnecting', `getUpdates failed: ${why}`)
          log('telegram.poll_failed', { error: why, waitMs: Math.round(waitMs) }, 'warn')
          await sleep(waitMs, signal)
        }
      }
    }
    // Tell Telegram what was handled since the last call, so a restart does not see it again.
    if (offset > confirmed) {
      await bot.api
        .getUpdates({ offset, limit: 1, timeout: 0 }, shim(AbortSignal.timeout(5_000)))
        .catch((error) => log('telegram.confirm_failed', { offset, error: String(error) }, 'warn'))
    }
  }

  return {
    platform: 'telegram',
    async start() {
      if (running) return
      running = true
      abort = new AbortController()
      const signal = abort.signal
      loop = run(signal).catch((error) => log('telegram.poller_crashed', { error }, 'error'))
    },
    async stop() {
      if (!loop) return
      running = false
      abort?.abort()
      await loop
      loop = null
      if (status.state !== 'unauthorized') setState('standby')
    },
    status: () => ({ ...status }),
    canSend: () => true,
  }
}
