import { type Context, Hono } from 'hono'
import { eventFreshness } from '../../app/inbound.ts'
import type { Receive } from '../../chat/incoming.ts'
import type { WecomConfig } from '../../config.ts'
import { limitedBody } from '../shared/limited-body.ts'
import { aesKeyOf, decrypt, msgSignature, signatureMatches } from './crypto.ts'
import { decodeCallback } from './decode.ts'

export type Log = (event: string, fields: Record<string, unknown>) => void

export interface WecomRoutesDeps {
  config: WecomConfig
  receive: Receive
  log?: Log
  /** The robot's display name, to find its @-mention in group text; without it the leading or trailing @word goes. */
  botName?: string
  /** The machine's clock (ms), against which the signed `timestamp` is judged; default Date.now. */
  now?: () => number
}

const MAX_BODY = 64 * 1024
const utf8 = new TextDecoder('utf-8')

/**
 * The intelligent robot's callback at `/`: `GET` answers WeCom's URL verification with the decrypted echostr;
 * `POST` takes `{ "encrypt": … }` with msg_signature, timestamp and nonce in the query. A missing signature is 401,
 * a wrong one 403, a ciphertext that does not decrypt cleanly (padding, length, receive id) 400. The answer is an
 * empty 200 ("直接回复空包"): replies go later through the response_url or the group's push robot. The signed
 * `timestamp` must be whole seconds (400 otherwise) within the replay window and not in the future (403): a captured
 * callback replayed later is refused with no effect (app/inbound.ts).
 */
export function wecomRoutes(deps: WecomRoutesDeps): Hono {
  const log: Log = deps.log ?? (() => {})
  const { token, receiveId } = deps.config
  const key = aesKeyOf(deps.config.aesKey)
  const now = deps.now ?? Date.now
  const app = new Hono()

  /** Verifies and decrypts; a Response when the request is refused. */
  const open = (c: Context, encrypted: string): string | Response => {
    const { msg_signature: signature, timestamp, nonce } = c.req.query()
    if (!signature || !timestamp || !nonce) return c.body(null, 401)
    if (!signatureMatches(msgSignature(token, timestamp, nonce, encrypted), signature)) {
      log('wecom.signature_wrong', {})
      return c.body(null, 403)
    }
    const freshness = eventFreshness(timestamp, now())
    if (freshness !== 'fresh') {
      log(`wecom.${freshness}_timestamp`, { timestamp: timestamp.slice(0, 20) })
      return c.body(null, freshness === 'malformed' ? 400 : 403)
    }
    const opened = decrypt(key, encrypted, receiveId)
    if (!opened.ok) {
      log('wecom.decrypt_failed', { failure: opened.failure })
      return c.body(null, 400)
    }
    return opened.message
  }

  app.get('/', (c) => {
    // Base64 never holds a space: one here is a '+' that a query decoder turned into a space.
    const echostr = c.req.query('echostr')?.replace(/ /g, '+')
    if (!echostr) return c.body(null, 400)
    const plain = open(c, echostr)
    return typeof plain === 'string' ? c.text(plain) : plain
  })

  app.post('/', async (c) => {
    const raw = await limitedBody(c, MAX_BODY)
    if (raw === null) return c.body(null, 413)
    let envelope: unknown
    try {
      envelope = JSON.parse(utf8.decode(raw))
    } catch {
      return c.body(null, 400)
    }
    const encrypted = (envelope as { encrypt?: unknown } | null)?.encrypt
    if (typeof encrypted !== 'string' || encrypted === '') return c.body(null, 400)
    const plain = open(c, encrypted)
    if (typeof plain !== 'string') return plain

    let body: unknown
    try {
      body = JSON.parse(plain)
    } catch {
      return c.body(null, 400)
    }
    const decoded = decodeCallback(body, deps.botName)
    if (decoded.kind === 'malformed') {
      log('wecom.malformed', { why: decoded.why })
      return c.body(null, 400)
    }
    if (decoded.kind === 'ignored') return c.body(null, 200)

    const { eventId, chat } = decoded.message
    try {
      await deps.receive(decoded.message)
    } catch (error) {
      log('wecom.receive_failed', { eventId, chat: chat.id, error: String(error) })
      return c.body(null, 503)
    }
    return c.body(null, 200)
  })
  return app
}
