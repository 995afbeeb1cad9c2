import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IncomingMessage, Receipt } from '../../chat/incoming.ts'
import { telegramRoutes } from './routes.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'
const SECRET = '8d0f3c7e2a9b41f6a5c4e3d2b1a09f8e'

// Any call the webhook makes to the Bot API lands here; there must be none (no getMe, no webhook reply).
const apiCalls: string[] = []
const api = createServer((req, res) => {
  apiCalls.push(req.url ?? '')
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ ok: true, result: true }))
})
let apiRoot = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiRoot = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))

const commandUpdate = {
  update_id: 900001,
  message: {
    message_id: 55,
    date: 1764000000,
    chat: { id: -1001234567890, type: 'supergroup', title: '香公馆案场' },
    from: { id: 987654321, is_bot: false, first_name: '三', last_name: '张', language_code: 'zh-hans' },
    text: '/checkin@anchang_bot',
    entities: [{ type: 'bot_command', offset: 0, length: 20 }],
  },
}

function setup(receipt: () => Promise<Receipt> = async () => ({ kind: 'handled' })) {
  const received: IncomingMessage[] = []
  const logged: string[] = []
  const app = telegramRoutes({
    config: { token: TOKEN, webhookSecret: SECRET, apiRoot, botUsername: 'anchang_bot' },
    receive: async (m) => {
      received.push(m)
      return receipt()
    },
    log: (event) => logged.push(event),
    now: () => commandUpdate.message.date * 1000,
  })
  const post = (body: unknown, secret: string | null = SECRET) =>
    app.request('/', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
    })
  return { received, logged, post }
}

describe('POST / (grammY webhook)', () => {
  it('passes a command with the secret header to receive and answers an empty 200, calling no Bot API', async () => {
    const { received, post } = setup()
    const res = await post(commandUpdate)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(received).toEqual([
      {
        platform: 'telegram',
        eventId: '900001',
        messageId: '55',
        chat: { kind: 'group', id: '-1001234567890', title: '香公馆案场' },
        sender: { userId: '987654321', name: '三 张' },
        text: '/checkin',
        mentionsBot: true,
      },
    ])
    expect(apiCalls).toEqual([])
  })

  it('answers 200 when the chat layer reports a duplicate', async () => {
    const { received, post } = setup(async () => ({ kind: 'duplicate' }))
    expect((await post(commandUpdate)).status).toBe(200)
    expect(received).toHaveLength(1)
  })

  it('answers 401 without the secret header or with a wrong one', async () => {
    const { received, post } = setup()
    expect((await post(commandUpdate, null)).status).toBe(401)
    expect((await post(commandUpdate, `${SECRET.slice(0, -1)}0`)).status).toBe(401)
    expect((await post(commandUpdate, SECRET.slice(0, 8))).status).toBe(401)
    expect(received).toEqual([])
  })

  it('answers 413 for a body over 64 KB and 400 for one that is not an update', async () => {
    const { received, post } = setup()
    const big = { ...commandUpdate, message: { ...commandUpdate.message, text: 'x'.repeat(64 * 1024) } }
    expect((await post(big)).status).toBe(413)
    expect((await post('{"update_id":')).status).toBe(400)
    expect((await post({ message: commandUpdate.message })).status).toBe(400)
    expect((await post([commandUpdate])).status).toBe(400)
    expect(received).toEqual([])
  })

  it.each([
    ['an edited message', { update_id: 2, edited_message: { ...commandUpdate.message, edit_date: 1764000100 } }],
    [
      'a channel post',
      { update_id: 3, channel_post: { ...commandUpdate.message, chat: { id: -1009, type: 'channel' } } },
    ],
    ['a sticker', { update_id: 4, message: { ...commandUpdate.message, text: undefined, sticker: { file_id: 'x' } } }],
    [
      'a bot’s message',
      { update_id: 5, message: { ...commandUpdate.message, from: { id: 7, is_bot: true, first_name: 'b' } } },
    ],
  ])('answers 200 to %s without calling receive', async (_name, update) => {
    const { received, post } = setup()
    expect((await post(update)).status).toBe(200)
    expect(received).toEqual([])
  })

  it('answers 503 when receive throws (database down), so Telegram redelivers', async () => {
    const { logged, post } = setup(async () => {
      throw new Error('database is down')
    })
    expect((await post(commandUpdate)).status).toBe(503)
    expect(logged).toEqual(['telegram.receive_failed'])
  })

  it('answers 200, not 500, when decoding an odd update throws', async () => {
    const { received, logged, post } = setup()
    // A null entity makes decoding throw inside the middleware.
    const odd = { update_id: 6, message: { ...commandUpdate.message, entities: [null] } }
    const res = await post(odd)
    expect(res.status).toBe(200)
    expect(received).toEqual([])
    expect(logged).toEqual(['telegram.update_failed'])
  })
})
