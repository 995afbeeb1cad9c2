import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../chat/outbound.ts'
import { createWecomSender, pacing, splitByBytes } from './sender.ts'

const config = { token: 'QDG6eK', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: '' }
const API = 'http://127.0.0.1:9'

function fakeFetch(...responses: (Response | Error)[]) {
  const calls: { url: string; body: unknown }[] = []
  const impl = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), body: JSON.parse(String(init?.body)) })
    const next = responses.shift() ?? Response.json({ errcode: 0, errmsg: 'ok' })
    if (next instanceof Error) throw next
    return next
  }
  return { calls, fetch: impl as typeof fetch }
}
const errcode = (code: number) => Response.json({ errcode: code, errmsg: 'x' })

const toGroup: Delivery = { platform: 'wecom', target: { kind: 'group', id: 'wrkSFfCgAA' }, text: '已签到' }
const keys: Record<string, string> = { wrkSFfCgAA: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' }
const keyFor = async (chatId: string) => keys[chatId]

describe('createWecomSender', () => {
  it('posts a text message to the group push robot with the group’s key', async () => {
    const f = fakeFetch()
    const outcome = await createWecomSender(config, { fetch: f.fetch, keyFor, apiBase: API }).send(toGroup)
    expect(outcome).toEqual({ kind: 'sent' })
    expect(f.calls).toEqual([
      {
        url: `${API}/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa`,
        body: { msgtype: 'text', text: { content: '已签到' } },
      },
    ])
  })

  it('fails without calling WeCom when the group has no push robot key', async () => {
    const f = fakeFetch()
    const sender = createWecomSender(config, { fetch: f.fetch, keyFor, apiBase: API })
    expect(await sender.send({ ...toGroup, target: { kind: 'group', id: 'other' } })).toEqual({
      kind: 'failed',
      reason: '未设置群机器人 key',
    })
    expect(f.calls).toEqual([])
  })

  it('posts one markdown reply to a response_url', async () => {
    const f = fakeFetch()
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE'
    const outcome = await createWecomSender(config, { fetch: f.fetch }).send({
      ...toGroup,
      target: { kind: 'response', id: url },
    })
    expect(outcome).toEqual({ kind: 'sent' })
    expect(f.calls).toEqual([{ url, body: { msgtype: 'markdown', markdown: { content: '已签到' } } }])
  })

  it('cannot start a direct chat', async () => {
    const f = fakeFetch()
    const outcome = await createWecomSender(config, { fetch: f.fetch, keyFor }).send({
      ...toGroup,
      target: { kind: 'direct', id: 'zhangsan' },
    })
    expect(outcome).toMatchObject({ kind: 'failed' })
    expect(f.calls).toEqual([])
  })

  it.each([
    ['errcode 45009 (rate limit)', errcode(45009), { kind: 'retry', afterMs: 60_000 }],
    ['errcode -1 (system busy)', errcode(-1), { kind: 'retry' }],
    ['errcode 93000 (invalid key)', errcode(93000), { kind: 'failed', reason: 'webhook/send: errcode 93000' }],
    ['HTTP 502', new Response('bad gateway', { status: 502 }), { kind: 'retry' }],
    ['HTTP 404', new Response('', { status: 404 }), { kind: 'failed' }],
    ['a network error', new TypeError('fetch failed'), { kind: 'retry', reason: 'webhook/send: network error' }],
  ] as const)('maps %s', async (_name, response, expected) => {
    const sender = createWecomSender(config, { fetch: fakeFetch(response).fetch, keyFor, apiBase: API })
    expect(await sender.send(toGroup)).toMatchObject(expected)
  })

  it('splits a long text into parts of at most 2048 bytes, in order', async () => {
    const f = fakeFetch()
    const lines = Array.from({ length: 100 }, (_, i) => `第${i + 1}行 可售 3-1-${1200 + i} 89.5㎡`)
    const text = lines.join('\n')
    expect(Buffer.byteLength(text)).toBeGreaterThan(2048)
    const outcome = await createWecomSender(config, { fetch: f.fetch, keyFor, apiBase: API }).send({ ...toGroup, text })
    expect(outcome).toEqual({ kind: 'sent' })
    const contents = f.calls.map((c) => (c.body as { text: { content: string } }).text.content)
    expect(contents.length).toBe(2)
    for (const part of contents) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048)
    expect(contents.join('\n')).toBe(text)
  })

  it('says how many parts went out when a later part fails', async () => {
    const f = fakeFetch(errcode(0), errcode(45009))
    const text = 'a'.repeat(3000)
    const outcome = await createWecomSender(config, { fetch: f.fetch, keyFor, apiBase: API }).send({ ...toGroup, text })
    expect(outcome).toEqual({ kind: 'retry', afterMs: 60_000, reason: 'webhook/send: errcode 45009 (after 1/2 parts)' })
  })

  it('paces at 20 messages a minute per robot', () => {
    expect(pacing).toBe(20)
  })
})

describe('splitByBytes', () => {
  it('never cuts inside a character and keeps every byte', () => {
    const text = '报'.repeat(700) + '😀'.repeat(10)
    const parts = splitByBytes(text, 2048)
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048)
    expect(parts.join('')).toBe(text)
    expect(parts[0]).toBe('报'.repeat(682))
  })

  it('leaves a short text whole', () => {
    expect(splitByBytes('签到', 2048)).toEqual(['签到'])
  })
})
