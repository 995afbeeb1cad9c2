import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { IncomingMessage, Receipt } from '../../chat/incoming.ts'
import { onebotRoutes } from './routes.ts'

const SECRET = 'a-long-random-secret'
const config = { apiUrl: 'http://127.0.0.1:3001', accessToken: undefined, secret: SECRET }

const groupMessage = JSON.stringify({
  time: 1515204254,
  self_id: 10001000,
  post_type: 'message',
  message_type: 'group',
  sub_type: 'normal',
  message_id: 2001,
  group_id: 987654321,
  user_id: 12345678,
  message: [
    { type: 'at', data: { qq: '10001000' } },
    { type: 'text', data: { text: ' 签到' } },
  ],
  raw_message: '[CQ:at,qq=10001000] 签到',
  font: 0,
  sender: { user_id: 12345678, nickname: '小不点', card: '', role: 'member' },
})
const heartbeat = JSON.stringify({
  time: 1515204254,
  self_id: 10001000,
  post_type: 'meta_event',
  meta_event_type: 'heartbeat',
  status: { online: true, good: true },
  interval: 5000,
})

/** The events' own `time`; the routes' clock stands at that second unless a test moves it. */
const EVENT_TIME = 1515204254

const sign = (body: string | Uint8Array, secret = SECRET) =>
  `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`

function setup(receipt: () => Promise<Receipt> = async () => ({ kind: 'handled' })) {
  const received: IncomingMessage[] = []
  const logged: string[] = []
  const app = onebotRoutes({
    config,
    receive: async (m) => {
      received.push(m)
      return receipt()
    },
    log: (event) => logged.push(event),
    now: () => EVENT_TIME * 1000,
  })
  const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } })
  return { received, logged, post }
}

describe('POST / (OneBot v11 HTTP POST)', () => {
  it('passes a signed group message to receive and answers 204 with no quick operation', async () => {
    const { received, post } = setup()
    const res = await post(groupMessage, { 'x-signature': sign(groupMessage), 'x-self-id': '10001000' })
    expect(res.status).toBe(204)
    expect(await res.text()).toBe('')
    expect(received).toEqual([
      {
        platform: 'onebot',
        eventId: '10001000:2001:1515204254',
        messageId: '2001',
        chat: { kind: 'group', id: '987654321' },
        sender: { userId: '12345678', name: '小不点' },
        text: '签到',
        mentionsBot: true,
      },
    ])
  })

  it('answers 204 for a duplicate delivery too', async () => {
    const { received, post } = setup(async () => ({ kind: 'duplicate' }))
    expect((await post(groupMessage, { 'x-signature': sign(groupMessage) })).status).toBe(204)
    expect(received).toHaveLength(1)
  })

  it('refuses a missing signature with 401 and a wrong one with 403, before reading the event', async () => {
    const { received, logged, post } = setup()
    expect((await post(groupMessage)).status).toBe(401)
    expect((await post(groupMessage, { 'x-signature': sign(groupMessage, 'another-secret') })).status).toBe(403)
    expect((await post(`${groupMessage} `, { 'x-signature': sign(groupMessage) })).status).toBe(403)
    expect(received).toEqual([])
    expect(logged).toEqual(['onebot.signature_missing', 'onebot.signature_wrong', 'onebot.signature_wrong'])
  })

  it('verifies the signature on the raw bytes, not on re-serialised JSON', async () => {
    const { received, post } = setup()
    const spaced = `{ "post_type" : "message", ${groupMessage.slice(1).replace('"post_type":"message",', '')}`
    const bytes = new TextEncoder().encode(spaced)
    expect((await post(bytes, { 'x-signature': sign(bytes) })).status).toBe(204)
    expect(received.map((m) => m.text)).toEqual(['签到'])
  })

  it('answers 413 for a body over 64 KB', async () => {
    const { received, post } = setup()
    const big = JSON.stringify({ post_type: 'message', pad: 'x'.repeat(64 * 1024) })
    expect((await post(big, { 'x-signature': sign(big) })).status).toBe(413)
    expect(received).toEqual([])
  })

  it('answers 400 for a signed body that is not JSON or not an event', async () => {
    const { received, post } = setup()
    for (const body of ['{"post_type":', '[1,2]', JSON.stringify({ post_type: 'message', message_type: 'group' })]) {
      expect((await post(body, { 'x-signature': sign(body) })).status).toBe(400)
    }
    const notUtf8 = new Uint8Array([0x7b, 0xff, 0x7d])
    expect((await post(notUtf8, { 'x-signature': sign(notUtf8) })).status).toBe(400)
    expect(received).toEqual([])
  })

  it('answers 204 to a heartbeat without calling receive', async () => {
    const { received, post } = setup()
    expect((await post(heartbeat, { 'x-signature': sign(heartbeat) })).status).toBe(204)
    expect(received).toEqual([])
  })

  it('answers 503 when receive throws, so the report counts as failed', async () => {
    const { logged, post } = setup(async () => {
      throw new Error('database is down')
    })
    expect((await post(groupMessage, { 'x-signature': sign(groupMessage) })).status).toBe(503)
    expect(logged).toEqual(['onebot.receive_failed'])
  })

  it('accepts unsigned events only when no secret is configured', async () => {
    const received: IncomingMessage[] = []
    const app = onebotRoutes({
      config: { ...config, secret: undefined },
      receive: async (m) => {
        received.push(m)
        return { kind: 'handled' }
      },
      now: () => EVENT_TIME * 1000,
    })
    const res = await app.request('/', { method: 'POST', body: groupMessage })
    expect(res.status).toBe(204)
    expect(received).toHaveLength(1)
  })
})
