import { createHash } from 'node:crypto'
import type { Sender, SendOutcome } from '../../chat/incoming.ts'
import { type Delivery, partOf } from '../../chat/outbound.ts'
import type { WecomConfig } from '../../config.ts'

/** Messages per minute per group push robot key: WeCom's documented limit (每个机器人发送的消息不能超过20条/分钟). */
export const pacing = 20

export interface WecomSenderOptions {
  fetch?: typeof fetch
  /** The group's push robot (群机器人) key, as stored by `/group wecom-key`. */
  keyFor?: (chatId: string) => Promise<string | undefined>
  /** Only for tests: where the push robot API lives. */
  apiBase?: string
  timeoutMs?: number
}

const TEXT_LIMIT_BYTES = 2048 // text.content of a push robot message
const IMAGE_LIMIT_BYTES = 2 * 1024 * 1024
const RATE_LIMITED = 45009
const SYSTEM_BUSY = -1

/**
 * Group targets go through the group's push robot webhook (`/cgi-bin/webhook/send?key=`) as text, split at line
 * ends into parts of at most 2048 bytes; `response` targets POST one markdown reply to the intelligent robot's
 * response_url (usable once, for an hour, per 主动回复消息). WeCom has no way for a robot to start a direct chat.
 */
export function createWecomSender(_config: WecomConfig, opts: WecomSenderOptions = {}): Sender {
  const doFetch = opts.fetch ?? fetch
  const base = (opts.apiBase ?? 'https://qyapi.weixin.qq.com').replace(/\/+$/, '')
  const timeoutMs = opts.timeoutMs ?? 15_000

  const post = async (url: string, body: unknown, what: string): Promise<SendOutcome> => {
    let response: Response
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      const why = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error'
      return { kind: 'retry', reason: `${what}: ${why}` }
    }
    return outcomeOf(what, response)
  }

  return {
    platform: 'wecom',
    // A push robot's text takes 2048 bytes; a response_url's markdown 4096.
    limit: (target) => ({ max: target.kind === 'response' ? 4_096 : TEXT_LIMIT_BYTES, unit: 'utf8' }),
    async send(message: Delivery): Promise<SendOutcome> {
      const { target, text } = message
      if (target.kind === 'direct') return { kind: 'failed', reason: '企业微信机器人不能主动私聊' }
      if (target.kind === 'response') {
        if (!/^https?:\/\//.test(target.id)) return { kind: 'failed', reason: 'response_url 无效' }
        return post(target.id, { msgtype: 'markdown', markdown: { content: text } }, 'response_url')
      }
      const key = await opts.keyFor?.(target.id)
      if (!key) return { kind: 'failed', reason: '未设置群机器人 key' }
      if (!/^[A-Za-z0-9._~-]+$/.test(key)) return { kind: 'failed', reason: '群机器人 key 格式不对' }
      const url = `${base}/cgi-bin/webhook/send?key=${key}`
      const parts = splitByBytes(text, TEXT_LIMIT_BYTES)
      const bodies: unknown[] = parts.map((part) => ({ msgtype: 'text', text: { content: part } }))
      const image = imageBody(message)
      if (image) bodies.push(image)
      for (const [i, body] of bodies.entries()) {
        const outcome = await post(url, body, 'webhook/send')
        // A retry resends every part: a repeated first part beats a lost last one.
        if (outcome.kind !== 'sent')
          return i === 0 ? outcome : { ...outcome, reason: `${outcome.reason} (after ${i}/${bodies.length} parts)` }
      }
      return { kind: 'sent' }
    },
  }
}

/**
 * The picture as the push robot's `image` message: the bytes base64 with their md5, at most 2 MB before encoding
 * (图片（base64编码前）最大不能超过2M). A bigger picture is not sent; the text before it already says what it shows.
 */
export function imageBody(message: Delivery): unknown | null {
  const image = partOf(message.parts, 'image')
  if (!image) return null
  const bytes = Buffer.from(image.data)
  if (bytes.length > IMAGE_LIMIT_BYTES) return null
  return {
    msgtype: 'image',
    image: { base64: bytes.toString('base64'), md5: createHash('md5').update(bytes).digest('hex') },
  }
}

async function outcomeOf(what: string, response: Response): Promise<SendOutcome> {
  if (response.status === 429 || response.status >= 500)
    return { kind: 'retry', reason: `${what}: HTTP ${response.status}` }
  if (response.status !== 200) return { kind: 'failed', reason: `${what}: HTTP ${response.status}` }
  let reply: unknown
  try {
    reply = await response.json()
  } catch {
    return { kind: 'retry', reason: `${what}: response is not JSON` }
  }
  const errcode = (reply as { errcode?: unknown } | null)?.errcode
  if (errcode === 0) return { kind: 'sent' }
  const reason = `${what}: errcode ${String(errcode)}`
  // The push robot limit is per minute: waiting a minute always clears it.
  if (errcode === RATE_LIMITED) return { kind: 'retry', afterMs: 60_000, reason }
  if (errcode === SYSTEM_BUSY) return { kind: 'retry', reason }
  return { kind: 'failed', reason }
}

/** Splits UTF-8 text into parts of at most `limit` bytes, preferring line ends, never inside a character. */
export function splitByBytes(text: string, limit: number): string[] {
  const parts: string[] = []
  let rest = text
  while (Buffer.byteLength(rest) > limit) {
    let end = 0
    let bytes = 0
    let lastBreak = -1
    for (const ch of rest) {
      const size = Buffer.byteLength(ch)
      if (bytes + size > limit) break
      bytes += size
      end += ch.length
      if (ch === '\n') lastBreak = end
    }
    const cut = lastBreak > 0 ? lastBreak : end
    parts.push(rest.slice(0, cut).replace(/\n$/, ''))
    rest = rest.slice(cut)
  }
  parts.push(rest)
  return parts
}
