import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type FakeWecom, fakeWecom, WECOM_BOT_ID, WECOM_SECRET } from '../../../../test/support/fake-wecom.ts'
import { FUTURE_SKEW_MS, REPLAY_WINDOW_MS } from '../../../app/inbound.ts'
import type { IncomingMessage, Receive } from '../../../chat/incoming.ts'
import { createWecomConnection, type WecomConnection } from './client.ts'

const until = async (ok: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}
const GROUP = 'wrkSFfCgAAgroup0001'

describe('WeCom long connection against a fake WeCom server', () => {
  let fake: FakeWecom
  const opened: WecomConnection[] = []
  const received: IncomingMessage[] = []
  const logged: string[] = []

  beforeEach(async () => {
    fake = await fakeWecom()
    received.length = 0
    logged.length = 0
  })
  afterEach(async () => {
    for (const c of opened.splice(0)) await c.stop()
    await fake.close()
  })

  const connect = async (
    over: { secret?: string; receive?: Receive; heartbeatMs?: number } = {},
    wait: 'connected' | 'no' = 'connected',
  ) => {
    const c = createWecomConnection({
      config: { botId: WECOM_BOT_ID, secret: over.secret ?? WECOM_SECRET, wsUrl: fake.url, botName: '案场助手' },
      receive:
        over.receive ??
        (async (m) => {
          received.push(m)
          return { kind: 'handled' }
        }),
      log: (event) => logged.push(event),
      heartbeatMs: over.heartbeatMs ?? 30_000,
      reconnectBaseMs: 50,
      receiveRetryMs: 10,
    })
    opened.push(c)
    await c.start()
    if (wait === 'connected') await until(() => c.status().state === 'connected')
    return c
  }

  it('subscribes with the BotID and Secret and reports itself connected', async () => {
    const c = await connect()
    const subscribe = fake.received.find((r) => r.frame.cmd === 'aibot_subscribe')?.frame
    expect(subscribe).toMatchObject({
      cmd: 'aibot_subscribe',
      headers: { req_id: expect.stringMatching(/^aibot_subscribe/) },
      body: { bot_id: WECOM_BOT_ID, secret: WECOM_SECRET },
    })
    expect(c.status()).toMatchObject({ platform: 'wecom', mode: 'connection', state: 'connected', lastMessageAt: null })
    expect(c.status().connectedSince).toBeInstanceOf(Date)
    expect(c.canSend()).toBe(true)
    expect(fake.subscribed()).toBe(1)
  })

  it('drops a message stamped before the replay window, from the future or malformed; takes one stamped in ms or not at all', async () => {
    await connect()
    const seconds = Math.floor(Date.now() / 1000)
    const window = REPLAY_WINDOW_MS / 1000
    fake.say('公告 旧的', 'lisi', GROUP, 'msg-old', seconds - window - 1)
    // Two minutes past the allowed skew: the test may read the clock well before the client does on a busy machine.
    fake.say('公告 未来', 'lisi', GROUP, 'msg-future', seconds + FUTURE_SKEW_MS / 1000 + 120)
    fake.say('公告 乱码', 'lisi', GROUP, 'msg-bad', 'abc')
    fake.say('公告 边缘', 'lisi', GROUP, 'msg-edge', seconds - window + 5)
    fake.say('公告 毫秒', 'lisi', GROUP, 'msg-ms', Date.now())
    fake.say('公告 无时间', 'lisi', GROUP, 'msg-none', null)
    await until(() => received.length === 3)
    await new Promise((r) => setTimeout(r, 50))
    expect(received.map((m) => m.eventId)).toEqual(['msg-edge', 'msg-ms', 'msg-none'])
    expect(logged.filter((e) => /_message$/.test(e))).toEqual([
      'wecom.stale_message',
      'wecom.future_message',
      'wecom.malformed_message',
    ])
  })

  it('turns group @-messages and direct messages into IncomingMessages that answer on the connection', async () => {
    const c = await connect()
    const groupReq = fake.say('报备 张三 13812345678', 'lisi', GROUP, 'msg-g1')
    const directReq = fake.say('查客户 13812345678', 'lisi', undefined, 'msg-d1')
    await until(() => received.length === 2)
    expect(received).toEqual([
      {
        platform: 'wecom',
        eventId: 'msg-g1',
        chat: { kind: 'group', id: GROUP },
        sender: { userId: 'lisi' },
        text: '报备 张三 13812345678',
        mentionsBot: true,
        replyVia: { kind: 'response', id: `ws:group:${GROUP}:${groupReq}` },
      },
      {
        platform: 'wecom',
        eventId: 'msg-d1',
        chat: { kind: 'direct', id: 'lisi' },
        sender: { userId: 'lisi' },
        text: '查客户 13812345678',
        mentionsBot: false,
        replyVia: { kind: 'response', id: `ws:direct:lisi:${directReq}` },
      },
    ])
    expect(c.status().lastMessageAt).toBeInstanceOf(Date)
  })

  it('replies with a finished stream on the req_id, and pushes markdown, a card, a picture and a file', async () => {
    const c = await connect()
    const reqId = fake.say('签到', 'lisi', GROUP) as string
    await until(() => received.length === 1)
    expect(await c.reply(reqId, { stream: '李四（链家）签到成功：12-01。' })).toEqual({ ok: true })
    expect(fake.replies).toMatchObject([
      {
        reqId,
        chat: GROUP,
        body: {
          msgtype: 'stream',
          stream: { id: `anchang-${reqId}`, finish: true, content: '李四（链家）签到成功：12-01。' },
        },
      },
    ])
    const card = { card_type: 'text_notice', main_title: { title: '待审批 D3' }, task_id: 'approve-D3' }
    expect(await c.push(GROUP, { markdown: '【公告】班车8:30从地铁站发车' })).toEqual({ ok: true })
    expect(await c.push('wangmishu', { templateCard: card })).toEqual({ ok: true })
    expect(await c.push(GROUP, { image: Buffer.from('PNG…'), filename: 'board.png' })).toEqual({ ok: true })
    expect(await c.push('zhaojingli', { file: Buffer.alloc(600 * 1024, 7), filename: '佣金.xlsx' })).toEqual({
      ok: true,
    })
    expect(fake.pushes.map((p) => p.body)).toEqual([
      { chatid: GROUP, msgtype: 'markdown', markdown: { content: '【公告】班车8:30从地铁站发车' } },
      { chatid: 'wangmishu', msgtype: 'template_card', template_card: card },
      { chatid: GROUP, msgtype: 'image', image: { media_id: 'media-upload-1' } },
      { chatid: 'zhaojingli', msgtype: 'file', file: { media_id: 'media-upload-2' } },
    ])
    // The 600 KB file went up in two chunks of at most 512 KB.
    expect(fake.uploads.get('upload-2')).toMatchObject({ type: 'file', filename: '佣金.xlsx' })
    expect(fake.uploads.get('upload-2')?.chunks).toHaveLength(2)
    expect(Buffer.from(fake.uploads.get('upload-1')?.chunks.join('') ?? '', 'base64').toString()).toBe('PNG…')
  })

  it('says why WeCom refused a reply or a push, and whether trying again can help', async () => {
    const c = await connect()
    expect(await c.reply('aibot_msg_callback_never', { stream: 'x' })).toEqual({
      ok: false,
      retry: false,
      errcode: 40058,
      reason: 'errcode 40058 error',
    })
    fake.failNext('aibot_send_msg', 45009)
    expect(await c.push(GROUP, { markdown: 'x' })).toMatchObject({ ok: false, retry: true, errcode: 45009 })
    fake.failNext('aibot_send_msg', -1)
    expect(await c.push(GROUP, { markdown: 'x' })).toMatchObject({ ok: false, retry: true, errcode: -1 })
  })

  it('pings on its heartbeat; two unanswered pings end the connection and it reconnects', async () => {
    const c = await connect({ heartbeatMs: 60 })
    await until(() => fake.received.filter((r) => r.frame.cmd === 'ping').length >= 2)
    expect(fake.received.find((r) => r.frame.cmd === 'ping')?.frame).toMatchObject({
      cmd: 'ping',
      headers: { req_id: expect.stringMatching(/^ping/) },
    })
    expect(fake.subscribes()).toBe(1)
    fake.stopAnsweringPings()
    await until(() => fake.subscribes() === 2)
    await until(() => c.status().state === 'connected')
    expect(logged).toContain('wecom.disconnected')
  })

  it('reconnects with backoff after the network drops, and is not sendable meanwhile', async () => {
    const c = await connect()
    fake.dropAll()
    await until(() => c.status().state === 'reconnecting')
    expect(c.canSend()).toBe(false)
    expect(await c.push(GROUP, { markdown: 'x' })).toEqual({
      ok: false,
      retry: true,
      reason: 'WeCom long connection not connected',
    })
    await until(() => c.status().state === 'connected')
    expect(fake.subscribes()).toBe(2)
    fake.dropAll()
    await until(() => fake.subscribes() === 3)
    // Each reconnect waited its backoff (50 ms, then doubling), never a tight loop.
    const subs = fake.received.filter((r) => r.frame.cmd === 'aibot_subscribe').map((r) => r.at)
    expect((subs[2] ?? 0) - (subs[1] ?? 0)).toBeGreaterThanOrEqual(45)
  })

  it('does not fight for a connection another program took over with the same BotID', async () => {
    const first = await connect()
    const second = await connect()
    await until(() => first.status().state === 'replaced')
    expect(first.status().detail).toBe('another program took the connection over with the same BotID; not reconnecting')
    expect(fake.disconnectEvents()).toBe(1)
    await new Promise((r) => setTimeout(r, 300)) // six times the first backoff
    expect(fake.subscribes()).toBe(2)
    expect(second.status().state).toBe('connected')
    expect(fake.subscribed()).toBe(1)
    expect(logged).toContain('wecom.replaced')
  })

  it('reports a wrong Secret as unauthorized, naming the variables and not the value', async () => {
    const c = await connect({ secret: 'wrong-secret' }, 'no')
    await until(() => c.status().state === 'unauthorized')
    expect(c.status().detail).toBe('WeCom refused the BotID or Secret: check WECOM_AIBOT_BOT_ID and WECOM_AIBOT_SECRET')
    expect(JSON.stringify(c.status())).not.toContain('wrong-secret')
  })

  it('retries recording a message while the database fails, and records it once', async () => {
    let failures = 2
    const c = await connect({
      receive: async (m) => {
        if (failures-- > 0) throw new Error('database is down')
        received.push(m)
        return { kind: 'handled' }
      },
    })
    fake.say('签到', 'lisi', GROUP)
    await until(() => received.length === 1)
    await new Promise((r) => setTimeout(r, 50))
    expect(received).toHaveLength(1)
    expect(logged.filter((e) => e === 'wecom.receive_failed')).toHaveLength(2)
    expect(c.status().state).toBe('connected')
  })

  it('stops cleanly: disconnects, stays disconnected, and goes back to standby', async () => {
    const c = await connect()
    await c.stop()
    expect(c.status().state).toBe('standby')
    await new Promise((r) => setTimeout(r, 200))
    expect(fake.subscribed()).toBe(0)
    expect(fake.subscribes()).toBe(1)
  })
})
