import { createServer, type IncomingMessage as HttpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Delivery } from '../../chat/outbound.ts'
import { createOneBotSender, pacing } from './sender.ts'

interface Captured {
  url: string
  method: string
  authorization: string | undefined
  body: unknown
}

/** A fetch that records each call and answers with the next scripted response. */
function fakeFetch(...responses: (Response | Error)[]) {
  const calls: Captured[] = []
  const impl = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers)
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      authorization: headers.get('authorization') ?? undefined,
      body: JSON.parse(String(init?.body)),
    })
    const next = responses.shift() ?? new Error('no scripted response')
    if (next instanceof Error) throw next
    return next
  }
  return { calls, fetch: impl as typeof fetch }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })
const ok = () => json({ status: 'ok', retcode: 0, data: { message_id: 1 } })

const config = { apiUrl: 'http://127.0.0.1:3001/', accessToken: 'change-me', secret: undefined }
const toGroup: Delivery = {
  platform: 'onebot',
  target: { kind: 'group', id: '987654321' },
  text: '已签到 [CQ:face,id=1] &amp;',
}

describe('createOneBotSender', () => {
  it('posts send_group_msg with a numeric group_id, one text segment and the bearer token', async () => {
    const f = fakeFetch(ok())
    expect(await createOneBotSender(config, { fetch: f.fetch }).send(toGroup)).toEqual({ kind: 'sent' })
    expect(f.calls).toEqual([
      {
        url: 'http://127.0.0.1:3001/send_group_msg',
        method: 'POST',
        authorization: 'Bearer change-me',
        body: { group_id: 987654321, message: [{ type: 'text', data: { text: '已签到 [CQ:face,id=1] &amp;' } }] },
      },
    ])
  })

  it('quotes a lone answer with a reply segment and names each sender of a merged one with an at segment', async () => {
    const f = fakeFetch(ok(), ok())
    const sender = createOneBotSender(config, { fetch: f.fetch })
    await sender.send({
      ...toGroup,
      text: '签到成功',
      parts: [
        { kind: 'quote', messageId: '-2147480123' },
        { kind: 'text', text: '签到成功' },
      ],
    })
    await sender.send({
      ...toGroup,
      text: '@张三 签到成功\n\n@李四 报备成功',
      parts: [
        { kind: 'mention', userId: '1001', name: '张三', text: '@张三 ' },
        { kind: 'text', text: '签到成功\n\n' },
        { kind: 'mention', userId: '1002', name: '李四', text: '@李四 ' },
        { kind: 'text', text: '报备成功' },
      ],
    })
    expect(f.calls.map((c) => (c.body as { message: unknown }).message)).toEqual([
      [
        { type: 'reply', data: { id: '-2147480123' } },
        { type: 'text', data: { text: '签到成功' } },
      ],
      [
        { type: 'at', data: { qq: '1001' } },
        { type: 'text', data: { text: ' ' } },
        { type: 'text', data: { text: '签到成功\n\n' } },
        { type: 'at', data: { qq: '1002' } },
        { type: 'text', data: { text: ' ' } },
        { type: 'text', data: { text: '报备成功' } },
      ],
    ])
  })

  it('posts send_private_msg with user_id for a direct target, without a token when none is set', async () => {
    const f = fakeFetch(json({ status: 'async', retcode: 1, data: null }))
    const sender = createOneBotSender({ ...config, accessToken: undefined }, { fetch: f.fetch })
    const outcome = await sender.send({ ...toGroup, target: { kind: 'direct', id: '12345678' }, text: '你好' })
    expect(outcome).toEqual({ kind: 'sent' })
    expect(f.calls[0]).toMatchObject({
      url: 'http://127.0.0.1:3001/send_private_msg',
      authorization: undefined,
      body: { user_id: 12345678, message: [{ type: 'text', data: { text: '你好' } }] },
    })
  })

  it.each([
    ['429 with Retry-After', json({}, 429, { 'retry-after': '7' }), { kind: 'retry', afterMs: 7000 }],
    ['502', json({}, 502), { kind: 'retry' }],
    ['401 (no token)', json({}, 401), { kind: 'failed' }],
    ['403 (wrong token)', json({}, 403), { kind: 'failed' }],
    ['404 (no such API)', json({}, 404), { kind: 'failed' }],
    ['retcode 100 (bad parameters)', json({ status: 'failed', retcode: 100, data: null }), { kind: 'failed' }],
    ['retcode 1404', json({ status: 'failed', retcode: 1404, data: null }), { kind: 'failed' }],
    ['retcode 200 (send failed)', json({ status: 'failed', retcode: 200, data: null }), { kind: 'retry' }],
    ['a body that is not JSON', new Response('<html>', { status: 200 }), { kind: 'retry' }],
    ['a network error', new TypeError('fetch failed'), { kind: 'retry', reason: 'send_group_msg: fetch failed' }],
  ] as const)('maps %s', async (_name, response, expected) => {
    const outcome = await createOneBotSender(config, { fetch: fakeFetch(response).fetch }).send(toGroup)
    expect(outcome).toMatchObject(expected)
    if (expected.kind === 'retry' && !('afterMs' in expected)) expect(outcome).not.toHaveProperty('afterMs')
  })

  it('gives up on a hung implementation after the timeout and asks for a retry', async () => {
    const hang = (async (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })) as typeof fetch
    const outcome = await createOneBotSender(config, { fetch: hang, timeoutMs: 20 }).send(toGroup)
    expect(outcome).toEqual({ kind: 'retry', reason: 'send_group_msg: timeout' })
  })

  it('refuses ids that are not QQ numbers and response targets without calling the API', async () => {
    const f = fakeFetch()
    const sender = createOneBotSender(config, { fetch: f.fetch })
    expect(await sender.send({ ...toGroup, target: { kind: 'group', id: '98765abc' } })).toMatchObject({
      kind: 'failed',
    })
    expect(await sender.send({ ...toGroup, target: { kind: 'group', id: '99999999999999999' } })).toMatchObject({
      kind: 'failed',
    })
    expect(await sender.send({ ...toGroup, target: { kind: 'response', id: 'x' } })).toMatchObject({ kind: 'failed' })
    expect(f.calls).toEqual([])
  })

  it('paces at 20 messages a minute', () => {
    expect(pacing).toBe(20)
  })
})

describe('createOneBotSender over real HTTP', () => {
  const requests: { url: string | undefined; headers: HttpRequest['headers']; body: string }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => {
      body += chunk
    })
    req.on('end', () => {
      requests.push({ url: req.url, headers: req.headers, body })
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: 42 } }))
    })
  })
  let apiUrl = ''
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('sends a request a OneBot HTTP server receives as JSON', async () => {
    const outcome = await createOneBotSender({ apiUrl, accessToken: 't0k', secret: undefined }).send(toGroup)
    expect(outcome).toEqual({ kind: 'sent' })
    expect(requests).toHaveLength(1)
    expect(requests[0]?.url).toBe('/send_group_msg')
    expect(requests[0]?.headers.authorization).toBe('Bearer t0k')
    expect(requests[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({
      group_id: 987654321,
      message: [{ type: 'text', data: { text: toGroup.text } }],
    })
  })

  it('asks for a retry when nothing listens on the port', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const outcome = await createOneBotSender({
      apiUrl: `http://127.0.0.1:${port}`,
      accessToken: undefined,
      secret: undefined,
    }).send(toGroup)
    expect(outcome).toMatchObject({ kind: 'retry' })
  })
})
