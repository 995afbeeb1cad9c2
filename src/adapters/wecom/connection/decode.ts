import type { OutboundTarget } from '../../../chat/incoming.ts'
import { type Decoded, decodeCallback } from '../decode.ts'

/** The WebSocket frame WeCom sends for a message to the robot (`aibot_msg_callback`); its body is the callback's. */
export interface CallbackFrame {
  cmd?: string
  headers?: { req_id?: string }
  body?: unknown
}

/** Where a reply to one message goes on the long connection: the chat, and the callback's req_id to answer. */
export interface ReplyAddress {
  chat: { kind: 'group' | 'direct'; id: string }
  reqId: string
}

const PREFIX = 'ws:'

/** `ws:group:<chatid>:<req_id>` or `ws:direct:<userid>:<req_id>`, stored in the outbox as a `response` target. */
export function replyTarget(address: ReplyAddress): OutboundTarget | undefined {
  if (address.chat.id.includes(':') || address.reqId === '') return undefined
  return { kind: 'response', id: `${PREFIX}${address.chat.kind}:${address.chat.id}:${address.reqId}` }
}

export function parseReplyTarget(id: string): ReplyAddress | undefined {
  const m = /^ws:(group|direct):([^:]+):(.+)$/.exec(id)
  if (!m) return undefined
  return { chat: { kind: m[1] as 'group' | 'direct', id: m[2] as string }, reqId: m[3] as string }
}

/**
 * Decodes a frame of the long connection. A message callback's body is the same JSON as the HTTP callback's (minus
 * the encryption), so it is read by the same decoder, with the same rules (text only; a group message always
 * mentions the robot; a direct chat is the sender's userid). The reply goes back on the connection, answering the
 * callback's req_id; when that is no longer possible the sender pushes to the chat instead.
 */
export function decodeFrame(frame: CallbackFrame, botName?: string): Decoded {
  if (frame.cmd !== 'aibot_msg_callback') return { kind: 'ignored', why: `cmd ${String(frame.cmd)}` }
  const decoded = decodeCallback(frame.body, botName)
  if (decoded.kind !== 'message') return decoded
  const reqId = frame.headers?.req_id
  if (typeof reqId !== 'string' || reqId === '') return { kind: 'malformed', why: 'headers.req_id' }
  const { chat } = decoded.message
  const { replyVia: _responseUrl, ...message } = decoded.message
  const via = replyTarget({ chat: { kind: chat.kind, id: chat.id }, reqId })
  return { kind: 'message', message: via ? { ...message, replyVia: via } : message }
}

/**
 * The message's own stamp (`create_time`), in Unix seconds, for the replay rule (app/inbound.ts); undefined when the
 * frame carries none. WeCom's documents do not say its unit: a value too large for seconds (after the year 5138) is
 * read as milliseconds, so a stamp in either unit is judged right.
 */
export function createTimeOf(frame: CallbackFrame): unknown {
  const body = frame.body as { create_time?: unknown } | undefined
  const t = body?.create_time
  if (t === undefined || t === null) return undefined
  return typeof t === 'number' && t > 1e11 ? Math.floor(t / 1000) : t
}
