import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { telegramRoutes } from '../../src/adapters/telegram/routes.ts'
import { createTelegramSender } from '../../src/adapters/telegram/sender.ts'
import { handleMessage } from '../../src/chat/handle-message.ts'
import type { Delivery } from '../../src/chat/outbound.ts'
import { chatHarness, type Harness, join } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { takeDeliveries } from '../support/outbox.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'
const MANAGER = '5001'
const A = (text: string) => text.replace(/A\d+/g, 'A#')

/** A fake Bot API: records each JSON call; answers ok. */
const calls: { method: string; body: Record<string, unknown> }[] = []
const api = createServer((req, res) => {
  let raw = ''
  req.on('data', (c) => {
    raw += c
  })
  req.on('end', () => {
    calls.push({ method: (req.url ?? '').split('/').pop() ?? '', body: JSON.parse(raw || '{}') })
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, result: { message_id: 77 } }))
  })
})
let root = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  root = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))

const config = { token: TOKEN, webhookSecret: undefined, apiRoot: undefined, botUsername: 'anchang_bot' }

describe.each(databaseKinds())('批准/驳回 buttons on Telegram (%s)', (kind) => {
  let h: Harness
  /** Claims and sends everything queued to Telegram through the real sender against the fake Bot API. */
  async function flush(): Promise<Delivery[]> {
    const claimed = (await takeDeliveries(h.store, h.clock.now())).map((b) => b.delivery)
    const sender = createTelegramSender({ ...config, apiRoot: root })
    for (const m of claimed) {
      // the harness's group is `g1`, not a Telegram chat: only the people's chats go to the fake Bot API
      if (m.target.id !== 'g1') expect(await sender.send(m)).toEqual({ kind: 'sent' })
    }
    return claimed
  }
  const webhook = () =>
    telegramRoutes({ config, receive: async (m) => (await handleMessage(h.deps, m)).receipt, now: () => Date.now() })
  const press = (id: string, data: string, messageText: string) =>
    webhook().request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        update_id: Number(id),
        callback_query: {
          id,
          chat_instance: '1',
          data,
          from: { id: Number(MANAGER), is_bot: false, first_name: '赵经理' },
          message: {
            message_id: 42,
            date: 1,
            chat: { id: Number(MANAGER), type: 'private', first_name: '赵经理' },
            text: messageText,
          },
        },
      }),
    })

  beforeEach(async () => {
    calls.length = 0
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00', 'telegram')
    await h.say('admin', '/group bind 香公馆')
    await h.say('admin', '/agency add 链家')
    await join(h, '6001', '/staff add 李四 agent 链家')
    await join(h, MANAGER, '/staff add 赵经理 manager')
    await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('6001', '报备 张三 13812345678')
    await h.store.db.outbox.deleteMany({})
    await h.say('6001', '定金 3-1-1201 13812345678 小定')
  })
  afterEach(() => h.close())

  it('the request reaches the manager with an inline keyboard; a press approves once, edits the message in place', async () => {
    await flush()
    const request = calls.find((c) => c.method === 'sendMessage' && c.body.chat_id === MANAGER)
    expect(String(request?.body.text)).toMatch(/^【待审批·定金】D1 /)
    expect(request?.body.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '批准', callback_data: '批准 D1' },
          { text: '驳回', callback_data: '驳回 D1' },
        ],
      ],
    })

    calls.length = 0
    expect((await press('9001', '批准 D1', String(request?.body.text))).status).toBe(200)
    await flush()
    expect(calls.map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText', 'sendMessage'])
    expect(calls[0]?.body).toEqual({ callback_query_id: '9001' })
    const edit = calls[1]?.body
    expect([edit?.chat_id, edit?.message_id, edit?.reply_markup]).toEqual([MANAGER, 42, { inline_keyboard: [] }])
    expect(A(String(edit?.text))).toBe(
      [
        A(String(request?.body.text)),
        '———',
        '赵经理 于 2026-12-01 15:40 按下「批准」：',
        '已批准定金 D1（房源 3-1-1201），保留至 12-03（12-04 00:00 自动开封，R14）。可办理认购：认购 D1 <总价>。证据 A#',
      ].join('\n'),
    )
    // the agent who asked is told, as for the typed command
    expect(calls[2]?.body.chat_id).toBe('6001')
    expect(String(calls[2]?.body.text)).toMatch(/^【审批结果】D1（房源 3-1-1201）已被 赵经理 批准。/)
    expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('approved')
    expect(await h.store.db.auditEntry.count({ where: { action: { contains: 'approve' } } })).toBe(1)

    // Telegram redelivers the same press: nothing happens; a second press says it was decided already.
    calls.length = 0
    await press('9001', '批准 D1', 'x')
    expect(await flush()).toEqual([])
    await press('9002', '驳回 D1', '【待审批·定金】D1')
    await flush()
    expect(String(calls[1]?.body.text).split('\n').slice(-1)).toEqual(['定金 D1 不是待审批状态（已批准）。'])
    expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('approved')
    expect(await h.store.db.auditEntry.count({ where: { action: { contains: 'approve' } } })).toBe(1)
  })

  it('a press goes through the role check: the agent’s press of 批准 is refused and changes nothing', async () => {
    const res = await webhook().request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        update_id: 1,
        callback_query: {
          id: '8001',
          chat_instance: '1',
          data: '批准 D1',
          from: { id: 6001, is_bot: false, first_name: '李四' },
          message: { message_id: 5, date: 1, chat: { id: 6001, type: 'private', first_name: '李四' }, text: '' },
        },
      }),
    })
    expect(res.status).toBe(200)
    const replies = await h.store.db.outbox.findMany({ where: { targetKind: 'response' } })
    expect(replies.map((r) => r.text.split('\n').slice(-1)[0])).toEqual(['无权使用此命令：仅限现场经理、管理员。'])
    expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('pending')
  })
})
