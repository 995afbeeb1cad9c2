import { Hono } from 'hono'
import { eventFreshness } from '../../app/inbound.ts'
import type { Receive } from '../../chat/incoming.ts'
import type { OneBotConfig } from '../../config.ts'
import { limitedBody } from '../shared/limited-body.ts'
import { decodeEvent } from './decode.ts'
import { parseJsonKeepingBigIntegers } from './lossless-json.ts'
import { signatureMatches } from './signature.ts'

export type Log = (event: string, fields: Record<string, unknown>) => void

export interface OneBotRoutesDeps {
  config: OneBotConfig
  receive: Receive
  log?: Log
  /** The machine's clock (ms), against which event stamps are judged; default Date.now. */
  now?: () => number
}

const MAX_BODY = 64 * 1024
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * OneBot v11 HTTP POST events at `/`. The signature is checked on the raw bytes before anything is parsed: missing
 * → 401, wrong → 403. Every event the bot does not act on is answered 204 (no quick operation); replies go out
 * through the outbox, never in this response. A failing `receive` (database down) answers 503 so OneBot's report
 * counts as failed; the platform's message id lets the chat layer run a redelivered event once. A message event
 * must carry its `time`: missing or malformed → 400, older than the replay window or from the future → 403, with no
 * effect (app/inbound.ts).
 */
export function onebotRoutes(deps: OneBotRoutesDeps): Hono {
  const log: Log = deps.log ?? (() => {})
  const { secret } = deps.config
  const now = deps.now ?? Date.now
  const app = new Hono()
  app.post('/', async (c) => {
    const signature = c.req.header('x-signature')
    if (secret !== undefined && signature === undefined) {
      log('onebot.signature_missing', {})
      return c.body(null, 401)
    }
    const raw = await limitedBody(c, MAX_BODY)
    if (raw === null) return c.body(null, 413)
    if (secret !== undefined && !signatureMatches(raw, signature ?? '', secret)) {
      log('onebot.signature_wrong', {})
      return c.body(null, 403)
    }

    let body: unknown
    try {
      body = parseJsonKeepingBigIntegers(utf8.decode(raw))
    } catch {
      return c.body(null, 400)
    }
    const decoded = decodeEvent(body)
    if (decoded.kind === 'malformed') {
      log('onebot.malformed', { why: decoded.why })
      return c.body(null, 400)
    }
    if (decoded.kind === 'ignored') return c.body(null, 204)
    const time = (body as { time?: unknown }).time
    const freshness = eventFreshness(time, now())
    if (freshness !== 'fresh') {
      log(`onebot.${freshness}_event`, { time: typeof time === 'number' ? time : String(time) })
      return c.body(null, freshness === 'malformed' ? 400 : 403)
    }

    const { eventId, chat } = decoded.message
    try {
      await deps.receive(decoded.message)
    } catch (error) {
      log('onebot.receive_failed', { eventId, chat: chat.id, error: String(error) })
      return c.body(null, 503)
    }
    return c.body(null, 204)
  })
  return app
}
