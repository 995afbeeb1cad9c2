import type { TemplateCard, WSClient, WsFrame } from '@wecom/aibot-node-sdk'
import { eventFreshness } from '../../../app/inbound.ts'
import type { Log } from '../../../app/log.ts'
import type { Connection, ConnectionState, ConnectionStatus } from '../../../chat/connection.ts'
import type { IncomingMessage, Receive } from '../../../chat/incoming.ts'
import type { WecomConnectionConfig } from '../../../config.ts'
import { type CallbackFrame, createTimeOf, decodeFrame } from './decode.ts'

export type { TemplateCard }

/** What WeCom answered to a reply or a push: `retry` when trying later may work (not connected, busy, too fast). */
export type Ack = { ok: true } | { ok: false; retry: boolean; errcode?: number; reason: string }

export type ReplyBody = { stream: string } | { templateCard: TemplateCard }
export type PushBody =
  | { markdown: string }
  | { templateCard: TemplateCard }
  | { image: Buffer; filename: string }
  | { file: Buffer; filename: string }

export interface WecomConnection extends Connection {
  /** Answers one message (`aibot_respond_msg` with its callback's req_id): a finished stream, or a template card. */
  reply(reqId: string, body: ReplyBody): Promise<Ack>
  /** Pushes to a chat (`aibot_send_msg`): a group's chatid or a person's userid; pictures and files are uploaded. */
  push(chatId: string, body: PushBody): Promise<Ack>
}

export interface WecomConnectionOptions {
  config: WecomConnectionConfig
  receive: Receive
  log: Log
  now?: () => Date
  /** Heartbeat (`ping`) interval; WeCom's document and SDK use 30 s. Two unanswered pings end the connection. */
  heartbeatMs?: number
  /** First reconnect delay, doubling to 30 s (the SDK's backoff). */
  reconnectBaseMs?: number
  /** A message whose recording fails (database down) is retried, doubling from `receiveRetryMs` to 30 s, for 10 min. */
  receiveRetryMs?: number
  receiveGiveUpMs?: number
}

/** errcodes worth trying again: system busy, and the frequency limit (the outbox waits a minute for it). */
const RETRYABLE = new Set([-1, 45009])

/**
 * The intelligent robot's long connection (智能机器人长连接, WeCom document 101463) through WeCom's own SDK,
 * `@wecom/aibot-node-sdk` (pinned; loaded only in this mode): it subscribes with BotID and Secret
 * (`aibot_subscribe`), pings every 30 s and treats two missed answers as a dead connection, reconnects with
 * exponential backoff (1 s doubling to 30 s; here without a limit on attempts), and answers replies and pushes by
 * req_id. This module adds what Anchang needs around it: the status for /healthz, a replaced connection
 * (`disconnected_event`: another program subscribed with the same BotID) is not fought for, a wrong Secret is
 * reported, message callbacks become IncomingMessages (a message whose `create_time` is older than the replay window,
 * malformed or from the future is dropped), and a message whose recording fails is retried for 10 minutes — the
 * protocol has no acknowledgement, so WeCom cannot redeliver it.
 */
export function createWecomConnection(opts: WecomConnectionOptions): WecomConnection {
  const now = opts.now ?? (() => new Date())
  const { config, log } = opts
  const retryMs = opts.receiveRetryMs ?? 1_000
  const giveUpMs = opts.receiveGiveUpMs ?? 600_000
  let client: WSClient | null = null
  let running = false
  let replaced = false
  const inFlight = new Set<Promise<void>>()
  let wakeRetries: (() => void)[] = []

  let status: ConnectionStatus = {
    platform: 'wecom',
    mode: 'connection',
    state: 'standby',
    since: now(),
    connectedSince: null,
    lastMessageAt: null,
  }
  const setState = (state: ConnectionState, detail?: string) => {
    const at = now()
    status = {
      ...status,
      state,
      since: status.state === state ? status.since : at,
      connectedSince: state === 'connected' ? (status.connectedSince ?? at) : null,
      detail,
    }
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wakeRetries = wakeRetries.filter((w) => w !== done)
        resolve()
      }
      wakeRetries.push(done)
    })

  async function deliver(message: IncomingMessage) {
    const started = Date.now()
    for (let attempt = 0; ; attempt++) {
      try {
        await opts.receive(message)
        return
      } catch (error) {
        if (!running || Date.now() - started > giveUpMs) {
          // Nothing else holds this message: the protocol has no acknowledgement for WeCom to redeliver on.
          log('wecom.receive_dropped', { eventId: message.eventId, attempts: attempt + 1, error }, 'error')
          return
        }
        log('wecom.receive_failed', { eventId: message.eventId, attempt, error }, 'warn')
        await sleep(Math.min(30_000, retryMs * 2 ** attempt))
      }
    }
  }

  function onFrame(frame: WsFrame) {
    status.lastMessageAt = now()
    const decoded = decodeFrame(frame as CallbackFrame, config.botName)
    if (decoded.kind === 'malformed') log('wecom.malformed', { why: decoded.why }, 'warn')
    if (decoded.kind !== 'message') return
    // A message stamped too old, malformed or from the future is dropped, as its webhook would be (app/inbound.ts).
    const stamp = createTimeOf(frame as CallbackFrame)
    const freshness = stamp === undefined ? 'fresh' : eventFreshness(stamp, now().getTime())
    if (freshness !== 'fresh') {
      log(`wecom.${freshness}_message`, { eventId: decoded.message.eventId, createTime: String(stamp) }, 'warn')
      return
    }
    const p = deliver(decoded.message).finally(() => inFlight.delete(p))
    inFlight.add(p)
  }

  const notConnected: Ack = { ok: false, retry: true, reason: 'WeCom long connection not connected' }
  async function ack(send: () => Promise<WsFrame>): Promise<Ack> {
    if (!client || status.state !== 'connected') return notConnected
    try {
      await send()
      return { ok: true }
    } catch (e) {
      // The SDK rejects with the answer frame when WeCom refused, with an Error when it never answered.
      if (e instanceof Error) return { ok: false, retry: true, reason: e.message }
      const frame = e as WsFrame
      const errcode = typeof frame.errcode === 'number' ? frame.errcode : undefined
      return {
        ok: false,
        retry: errcode !== undefined && RETRYABLE.has(errcode),
        ...(errcode !== undefined ? { errcode } : {}),
        reason: `errcode ${String(errcode)} ${frame.errmsg ?? ''}`.trim(),
      }
    }
  }

  const sdkLogger = {
    // The SDK's debug lines carry whole frames (what people typed): never logged.
    debug: () => {},
    info: (message: string) => log('wecom.sdk', { message }, 'debug'),
    warn: (message: string) => log('wecom.sdk', { message }, 'warn'),
    error: (message: string) => log('wecom.sdk', { message }, 'warn'),
  }

  return {
    platform: 'wecom',
    async start() {
      if (running) return
      running = true
      replaced = false
      setState('connecting')
      const { WSClient, WSAuthFailureError } = await import('@wecom/aibot-node-sdk')
      if (!running) return
      const c = new WSClient({
        botId: config.botId,
        secret: config.secret,
        ...(config.wsUrl ? { wsUrl: config.wsUrl } : {}),
        heartbeatInterval: opts.heartbeatMs ?? 30_000,
        reconnectInterval: opts.reconnectBaseMs ?? 1_000,
        maxReconnectAttempts: -1,
        maxAuthFailureAttempts: 5,
        logger: sdkLogger,
      })
      client = c
      c.on('authenticated', () => {
        setState('connected')
        log('wecom.connected', {})
      })
      c.on('disconnected', (reason: string) => {
        if (replaced || !running) return
        log('wecom.disconnected', { reason }, 'warn')
        // After a refused subscribe the SDK closes and tries again: the status keeps saying why.
        if (status.state === 'unauthorized') return
        setState('reconnecting', `disconnected: ${reason}`)
      })
      c.on('reconnecting', (attempt: number) => {
        if (status.state !== 'unauthorized') setState('reconnecting', `reconnect attempt ${attempt}`)
      })
      c.on('error', (error: Error) => {
        if (error instanceof WSAuthFailureError || /^Authentication failed/.test(error.message)) {
          setState('unauthorized', 'WeCom refused the BotID or Secret: check WECOM_AIBOT_BOT_ID and WECOM_AIBOT_SECRET')
          log('wecom.unauthorized', { error: error.message }, 'error')
        } else log('wecom.error', { error: error.message }, 'warn')
      })
      c.on('event.disconnected_event', () => {
        // Another program subscribed with this BotID and WeCom closed this connection. Reconnecting would close
        // theirs in turn, and so on: this instance waits, and says so, until it is restarted.
        replaced = true
        setState('replaced', 'another program took the connection over with the same BotID; not reconnecting')
        log('wecom.replaced', { hint: 'stop the other program, then restart Anchang' }, 'error')
      })
      c.on('message', onFrame)
      c.connect()
    },
    async stop() {
      running = false
      const c = client
      client = null
      if (c?.isConnected || status.state !== 'standby') c?.disconnect()
      for (const wake of wakeRetries) wake()
      await Promise.all([...inFlight])
      if (status.state !== 'unauthorized' && status.state !== 'replaced') setState('standby')
    },
    status: () => ({ ...status }),
    canSend: () => status.state === 'connected',
    reply(reqId, body) {
      const c = client
      const headers = { headers: { req_id: reqId } }
      // The stream id is the req_id's: a reply sent again (its answer was lost) replaces the first, never doubles it.
      return ack(() =>
        'stream' in body
          ? (c as WSClient).replyStream(headers, `anchang-${reqId}`, body.stream, true)
          : (c as WSClient).replyTemplateCard(headers, body.templateCard),
      )
    },
    push(chatId, body) {
      const c = client
      return ack(async () => {
        const sdk = c as WSClient
        if ('markdown' in body)
          return sdk.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: body.markdown } })
        if ('templateCard' in body)
          return sdk.sendMessage(chatId, { msgtype: 'template_card', template_card: body.templateCard })
        const type = 'image' in body ? 'image' : 'file'
        const data = 'image' in body ? body.image : body.file
        const uploaded = await sdk.uploadMedia(data, { type, filename: body.filename })
        return sdk.sendMediaMessage(chatId, type, uploaded.media_id)
      })
    },
  }
}
