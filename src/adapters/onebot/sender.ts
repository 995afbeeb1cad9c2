import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Sender, SendOutcome } from '../../chat/incoming.ts'
import { type Delivery, type OutboundPart, partOf } from '../../chat/outbound.ts'
import type { OneBotConfig } from '../../config.ts'

/**
 * Messages per minute per QQ group or user. QQ has no published limit, but its risk control (风控) mutes or logs out
 * accounts that burst; one message every 3 s keeps a busy site well clear of it.
 */
export const pacing = 20

export interface OneBotSenderOptions {
  fetch?: typeof fetch
  /** A hung OneBot implementation must not hold the outbox; after this the send is retried. */
  timeoutMs?: number
}

// Legacy CQHTTP mirrors HTTP codes in retcode (1400 bad request, 1401/1403 token, 1404 no such API); go-cqhttp and
// NapCat use 100 for bad parameters. Any other failure (NapCat's 200 "send failed", timeouts) may pass on a retry.
const PERMANENT_RETCODES = new Set([100, 1400, 1401, 1403, 1404])

/**
 * Sends through the OneBot v11 HTTP API (`send_group_msg`, `send_private_msg`). Text goes as `text` segments, so
 * nothing a user typed can turn into a CQ code; a quote becomes a `reply` segment, a mention an `at` segment. Ids are QQ numbers sent as JSON numbers, validated first.
 */
export function createOneBotSender(config: OneBotConfig, opts: OneBotSenderOptions = {}): Sender {
  const doFetch = opts.fetch ?? fetch
  const timeoutMs = opts.timeoutMs ?? 15_000
  const base = config.apiUrl.replace(/\/+$/, '')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (config.accessToken) headers.authorization = `Bearer ${config.accessToken}`

  const call = async (action: string, payload: unknown): Promise<SendOutcome> => {
    let response: Response
    try {
      response = await doFetch(`${base}/${action}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (error) {
      return { kind: 'retry', reason: `${action}: ${errorName(error)}` }
    }
    return outcomeOf(action, response)
  }

  /**
   * NapCat's `upload_private_file` reads the file from a path on its own machine: it is written to `fileDir` (a folder
   * both can reach; default the temp folder, NapCat beside the bot) under a random name, and removed afterwards.
   */
  async function uploadPrivateFile(
    userId: number,
    doc: Extract<OutboundPart, { kind: 'document' }>,
  ): Promise<SendOutcome> {
    const dir = await mkdtemp(join(config.fileDir ?? tmpdir(), 'anchang-'))
    const path = join(dir, doc.name.replace(/[\\/:*?"<>|]/g, '_'))
    try {
      await writeFile(path, doc.data)
      return await call('upload_private_file', { user_id: userId, file: path, name: doc.name })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  return {
    platform: 'onebot',
    // QQ takes longer messages, but long ones are folded or refused by some clients: stay under 3000 characters.
    limit: () => ({ max: 2_900, unit: 'utf16' }),
    async send(sent: Delivery): Promise<SendOutcome> {
      let message = sent
      const { target } = message
      if (target.kind === 'response') return { kind: 'failed', reason: 'OneBot 没有一次性回复地址 (response)' }
      if (!/^\d{1,16}$/.test(target.id) || !Number.isSafeInteger(Number(target.id))) {
        return { kind: 'failed', reason: `不是 QQ 号: ${target.id.slice(0, 24)}` }
      }
      const [action, idField] =
        target.kind === 'group' ? ['send_group_msg', 'group_id'] : ['send_private_msg', 'user_id']
      const doc = target.kind === 'direct' ? partOf(message.parts, 'document') : undefined
      if (doc) {
        const uploaded = await uploadPrivateFile(Number(target.id), doc)
        // Delivered as a file: the message says so without the link; no such API (not NapCat): the link it is.
        // (A retry after a failed text uploads the file again: a second copy beats a lost message.)
        if (uploaded.kind === 'sent') {
          const caption = doc.caption ?? message.text
          message = { ...message, text: caption, parts: [{ kind: 'text', text: caption }] }
        } else if (!noSuchApi(uploaded)) return uploaded
      }
      return call(action, { [idField]: Number(target.id), message: segmentsOf(message) })
    },
  }
}

/** The implementation has no such API (HTTP 404, or CQHTTP's retcode 1404): not NapCat, no file upload. */
const noSuchApi = (o: SendOutcome) => o.kind === 'failed' && /HTTP 404|retcode 1404/.test(o.reason)

type Segment = { type: string; data: Record<string, string> }

/**
 * The message as OneBot v11 segments; without parts, its text as one segment. A picture is an `image` segment with
 * its bytes inline (`base64://`: the OneBot implementation may run on another host, so a file path would not do). A
 * document cannot ride in a message (its one-time link is in the text; direct chats upload it first); buttons are
 * not QQ's, the text keeps the command to type.
 */
export function segmentsOf(message: Delivery): Segment[] {
  if (!message.parts) return [{ type: 'text', data: { text: message.text } }]
  return message.parts.flatMap((p): Segment[] => {
    if (p.kind === 'text') return [{ type: 'text', data: { text: p.text } }]
    if (p.kind === 'quote')
      return /^-?\d{1,20}$/.test(p.messageId) ? [{ type: 'reply', data: { id: p.messageId } }] : []
    if (p.kind === 'mention')
      return /^\d{1,16}$/.test(p.userId)
        ? [
            { type: 'at', data: { qq: p.userId } },
            { type: 'text', data: { text: ' ' } },
          ]
        : [{ type: 'text', data: { text: p.text } }]
    if (p.kind === 'image')
      return [{ type: 'image', data: { file: `base64://${Buffer.from(p.data).toString('base64')}` } }]
    return []
  })
}

async function outcomeOf(action: string, response: Response): Promise<SendOutcome> {
  const { status } = response
  if (status === 429 || status >= 500) {
    const afterMs = retryAfterMs(response.headers.get('retry-after'))
    return { kind: 'retry', reason: `${action}: HTTP ${status}`, ...(afterMs !== undefined ? { afterMs } : {}) }
  }
  // 401/403: access token missing or wrong; 404: the implementation lacks the API; 400/406: it refused our body.
  if (status !== 200) return { kind: 'failed', reason: `${action}: HTTP ${status}` }

  let reply: unknown
  try {
    reply = await response.json()
  } catch {
    return { kind: 'retry', reason: `${action}: response is not JSON` }
  }
  const { status: state, retcode } = (reply ?? {}) as { status?: unknown; retcode?: unknown }
  if (state === 'ok' || state === 'async') return { kind: 'sent' }
  const code = typeof retcode === 'number' ? retcode : undefined
  const reason = `${action}: retcode ${code ?? '?'}`
  return code !== undefined && PERMANENT_RETCODES.has(code) ? { kind: 'failed', reason } : { kind: 'retry', reason }
}

/** Retry-After in delta-seconds; the HTTP-date form is left to the outbox's own backoff. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return undefined
  return Number(header) * 1000
}

const errorName = (error: unknown) =>
  error instanceof Error ? (error.name === 'TimeoutError' ? 'timeout' : error.message) : 'network error'
