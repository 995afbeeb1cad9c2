import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Delivery } from '../../chat/outbound.ts'
import { createTelegramSender, pacing, splitText } from './sender.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'

/** A fake Bot API: records each call and answers with the next scripted reply (default: ok). */
const calls: { path: string; body: Record<string, unknown> }[] = []
let replies: { status: number; body: unknown }[] = []
const api = createServer((req, res) => {
  let raw = ''
  req.on('data', (chunk) => {
    raw += chunk
  })
  req.on('end', () => {
    calls.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') })
    const reply = replies.shift() ?? { status: 200, body: { ok: true, result: { message_id: calls.length } } }
    res.statusCode = reply.status
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(reply.body))
  })
})
let apiRoot = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiRoot = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))
beforeEach(() => {
  calls.length = 0
  replies = []
})

const sender = () =>
  createTelegramSender({ token: TOKEN, webhookSecret: undefined, apiRoot, botUsername: 'anchang_bot' })
const toGroup: Delivery = {
  platform: 'telegram',
  target: { kind: 'group', id: '-1001234567890' },
  text: '已签到',
}
const apiError = (status: number, description: string, parameters?: Record<string, number>) => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
})

describe('createTelegramSender', () => {
  it('calls sendMessage with the exact supergroup id and text', async () => {
    expect(await sender().send(toGroup)).toEqual({ kind: 'sent' })
    expect(calls).toEqual([{ path: `/bot${TOKEN}/sendMessage`, body: { chat_id: '-1001234567890', text: '已签到' } }])
  })

  it('quotes the command a lone answer replies to, and still sends if that message is gone', async () => {
    await sender().send({
      ...toGroup,
      parts: [
        { kind: 'quote', messageId: '55' },
        { kind: 'text', text: '已签到' },
      ],
    })
    expect(calls[0]?.body).toEqual({
      chat_id: '-1001234567890',
      text: '已签到',
      reply_parameters: { message_id: 55, allow_sending_without_reply: true },
    })
  })

  it('maps 429 with retry_after to a retry after that many seconds', async () => {
    replies = [apiError(429, 'Too Many Requests: retry after 17', { retry_after: 17 })]
    expect(await sender().send(toGroup)).toEqual({
      kind: 'retry',
      afterMs: 17_000,
      reason: 'sendMessage: 429 Too Many Requests: retry after 17',
    })
  })

  it.each([
    ['500', apiError(500, 'Internal Server Error'), 'retry'],
    ['502', apiError(502, 'Bad Gateway'), 'retry'],
    ['400 chat not found', apiError(400, 'Bad Request: chat not found'), 'failed'],
    ['403 blocked', apiError(403, 'Forbidden: bot was blocked by the user'), 'failed'],
    ['403 kicked', apiError(403, 'Forbidden: bot was kicked from the supergroup chat'), 'failed'],
    ['401 wrong token', apiError(401, 'Unauthorized'), 'failed'],
  ] as const)('maps %s', async (_name, reply, kind) => {
    replies = [reply]
    const outcome = await sender().send(toGroup)
    expect(outcome.kind).toBe(kind)
    expect(outcome).toHaveProperty('reason', `sendMessage: ${reply.body.error_code} ${reply.body.description}`)
  })

  it('reports the new id of a group that became a supergroup', async () => {
    replies = [
      apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: -1009876543210,
      }),
    ]
    const outcome = await sender().send({ ...toGroup, target: { kind: 'group', id: '-4012345' } })
    expect(outcome).toMatchObject({ kind: 'failed' })
    expect(outcome).toHaveProperty('reason', expect.stringContaining('-1009876543210'))
  })

  it('asks for a retry when the Bot API cannot be reached', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const offline = createTelegramSender({
      token: TOKEN,
      webhookSecret: undefined,
      apiRoot: `http://127.0.0.1:${port}`,
      botUsername: 'anchang_bot',
    })
    expect(await offline.send(toGroup)).toEqual({ kind: 'retry', reason: 'sendMessage: network error' })
  })

  it('splits a text over 4096 characters into several messages at line ends', async () => {
    const line = `${'可售 3-1-1201 89.5㎡ '.repeat(10)}`
    const text = Array.from({ length: 30 }, () => line).join('\n')
    expect(text.length).toBeGreaterThan(4096)
    expect(await sender().send({ ...toGroup, text })).toEqual({ kind: 'sent' })
    const sent = calls.map((c) => String(c.body.text))
    expect(sent.length).toBe(2)
    for (const part of sent) expect(part.length).toBeLessThanOrEqual(4096)
    expect(sent.join('\n')).toBe(text)
  })

  it('refuses response targets and ids that are not chat ids without calling the API', async () => {
    expect(await sender().send({ ...toGroup, target: { kind: 'response', id: 'x' } })).toMatchObject({ kind: 'failed' })
    expect(await sender().send({ ...toGroup, target: { kind: 'direct', id: '@someone' } })).toMatchObject({
      kind: 'failed',
    })
    expect(calls).toEqual([])
  })

  it('paces at 20 messages a minute per group', () => {
    expect(pacing).toBe(20)
  })
})

describe('splitText', () => {
  it('never halves a surrogate pair', () => {
    const parts = splitText(`a${'😀'.repeat(5)}`, 4)
    expect(parts).toEqual(['a😀', '😀😀', '😀😀'])
  })
})
