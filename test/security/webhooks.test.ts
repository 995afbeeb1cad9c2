import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { onebotRoutes } from '../../src/adapters/onebot/index.ts'
import { telegramRoutes } from '../../src/adapters/telegram/index.ts'
import { aesKeyOf, encrypt, msgSignature } from '../../src/adapters/wecom/crypto.ts'
import { wecomRoutes } from '../../src/adapters/wecom/index.ts'
import { REPLAY_WINDOW_MS } from '../../src/app/inbound.ts'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import { type ChatDeps, handleMessage } from '../../src/chat/handle-message.ts'
import type { IncomingMessage } from '../../src/chat/incoming.ts'
import type { DbStore } from '../../src/db/store.ts'
import { createScheduler, jobNamed } from '../../src/scheduler/index.ts'
import { ManualClock } from '../support/clock.ts'
import { databaseKinds, freshStore, TEST_AUDIT_KEY } from '../support/databases.ts'
import { onebotEvent } from '../support/fake-onebot.ts'
import { SITE_GROUP, SITE_MANAGER, seedOneBotSite } from '../support/site.ts'

const SECRET = 'replay-secret-0123'
const WECOM = { token: 'QDG6eK', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: '' }
const TELEGRAM = {
  token: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  webhookSecret: 'replay-telegram-secret-0123',
  apiRoot: 'http://127.0.0.1:9', // never called: botInfo is given and replies go through the outbox
  botUsername: 'anchang_bot',
}
const DAY = 86_400_000
const ADMIN_QQ = 10001

/**
 * Issue 9, attacks 3 and 6 (NUL names): the three webhooks in front of the real chat layer and database, with the
 * machine's clock in the test's hand — the adapters judge event stamps by it, the chat layer records event ids by it,
 * and the prune job forgets ids by it.
 */
describe.each(databaseKinds())('webhooks against replays and hostile names (%s)', (kind) => {
  let store: DbStore
  let clock: ManualClock
  let deps: ChatDeps
  let onebot: ReturnType<typeof onebotRoutes>
  let wecom: ReturnType<typeof wecomRoutes>
  let telegram: ReturnType<typeof telegramRoutes>
  const nowMs = () => clock.now().getTime()
  const seconds = () => Math.floor(nowMs() / 1000)
  const prune = async () => {
    const s = createScheduler({ store, clock, realClock: clock, instanceId: 't', timezone: 'Asia/Shanghai' })
    await jobNamed('prune').run(s.deps, clock.now())
  }
  const postOneBot = (e: { body: string; headers: Record<string, string> }) =>
    onebot.request('/', { method: 'POST', body: e.body, headers: e.headers })
  const fines = () => store.db.fine.count()

  beforeEach(async () => {
    store = await freshStore(kind, { auditKey: TEST_AUDIT_KEY })
    clock = new ManualClock('2026-12-01T10:00:00+08:00')
    const { projectId } = await seedOneBotSite(store, clock.now())
    // the manager is also on WeCom and Telegram, in groups of the same project
    await store.transaction(async (tx) => {
      const [manager] = await tx.people.staffByName(projectId, '赵经理')
      for (const [platform, userId, chatId] of [
        ['wecom', 'zhaojingli', 'wrkSFfCgAAtest'],
        ['telegram', '555000', '-1001234567890'],
      ] as const) {
        await tx.people.createJoinCode(`J${userId}`, manager?.id ?? 0, clock.now(), new Date(nowMs() + DAY))
        await tx.people.redeemJoinCode(`J${userId}`, platform, userId, clock.now())
        await tx.groups.bind({ platform, chatId, projectId, title: null }, 'seed', clock.now())
      }
    })
    deps = { store, clock, realClock: clock, admins: new Set([`onebot:${ADMIN_QQ}`]), commands: COMMANDS }
    const receive = async (m: IncomingMessage) => (await handleMessage(deps, m)).receipt
    onebot = onebotRoutes({
      config: { apiUrl: 'http://127.0.0.1:9', accessToken: undefined, secret: SECRET },
      receive,
      now: nowMs,
    })
    wecom = wecomRoutes({ config: WECOM, receive, now: nowMs })
    telegram = telegramRoutes({ config: TELEGRAM, receive, now: nowMs })
  })
  afterEach(() => store.close())

  it('OneBot: a signed 罚款 replayed 8 days later, after the prune, is refused and applied once', async () => {
    const fine = onebotEvent(SECRET, {
      userId: SITE_MANAGER,
      groupId: SITE_GROUP,
      text: '罚款 分销1 培训',
      time: seconds(),
    })
    expect((await postOneBot(fine)).status).toBe(204)
    expect(await fines()).toBe(1)
    clock.advance(8 * DAY)
    await prune()
    expect(await store.db.inboundEvent.count()).toBe(0)
    expect((await postOneBot(fine)).status).toBe(403)
    expect(await fines()).toBe(1)
  })

  it('OneBot: the window’s edges — at 3 days the id is still remembered (a duplicate), a second later refused', async () => {
    const sent = seconds()
    const fine = onebotEvent(SECRET, { userId: SITE_MANAGER, groupId: SITE_GROUP, text: '罚款 分销1 培训', time: sent })
    expect((await postOneBot(fine)).status).toBe(204)
    clock.set(new Date(sent * 1000 + REPLAY_WINDOW_MS).toISOString())
    await prune()
    expect((await postOneBot(fine)).status).toBe(204) // fresh by its stamp, and its id is kept: nothing happens
    expect(await fines()).toBe(1)
    clock.advance(1000)
    expect((await postOneBot(fine)).status).toBe(403)
    expect(await fines()).toBe(1)
  })

  it('OneBot: a stamp up to 5 minutes ahead is believed, beyond it refused; a missing or malformed time is 400', async () => {
    const at = (time: number | undefined, text = '罚款 分销1 培训') =>
      postOneBot(onebotEvent(SECRET, { userId: SITE_MANAGER, groupId: SITE_GROUP, text, time }))
    expect((await at(seconds() + 300)).status).toBe(204)
    expect((await at(seconds() + 301)).status).toBe(403)
    expect(await fines()).toBe(1)
    const noTime = JSON.parse(
      onebotEvent(SECRET, { userId: SITE_MANAGER, groupId: SITE_GROUP, text: '罚款 分销1 培训' }).body,
    )
    delete noTime.time
    for (const body of [
      JSON.stringify(noTime),
      JSON.stringify({ ...noTime, time: 'abc' }),
      JSON.stringify({ ...noTime, time: 1 }),
    ]) {
      const { createHmac } = await import('node:crypto')
      const signature = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`
      const res = await onebot.request('/', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-signature': signature },
      })
      expect(res.status).toBe(400)
    }
    expect(await fines()).toBe(1)
  })

  it('OneBot: with the business clock moved 8 days on (ANCHANG_CLOCK), the prune keeps the id: a replay is a duplicate', async () => {
    const fine = onebotEvent(SECRET, {
      userId: SITE_MANAGER,
      groupId: SITE_GROUP,
      text: '罚款 分销1 培训',
      time: seconds(),
    })
    expect((await postOneBot(fine)).status).toBe(204)
    const shifted = new ManualClock(new Date(nowMs() + 8 * DAY).toISOString())
    deps.clock = shifted // the server restarted with ANCHANG_CLOCK 8 days ahead; the machine's clock did not move
    const s = createScheduler({ store, clock: shifted, realClock: clock, instanceId: 't', timezone: 'Asia/Shanghai' })
    await jobNamed('prune').run(s.deps, shifted.now())
    expect((await postOneBot(fine)).status).toBe(204)
    expect(await fines()).toBe(1)
  })

  const wecomPost = (content: string, msgid: string, timestamp: string) => {
    const callback = {
      msgid,
      aibotid: 'AIBOT',
      chatid: 'wrkSFfCgAAtest',
      chattype: 'group',
      from: { userid: 'zhaojingli' },
      response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=x',
      msgtype: 'text',
      text: { content: `@案场助手 ${content}` },
    }
    const encrypted = encrypt(aesKeyOf(WECOM.aesKey), JSON.stringify(callback), WECOM.receiveId)
    const nonce = '1372623149'
    const query = new URLSearchParams({
      msg_signature: msgSignature(WECOM.token, timestamp, nonce, encrypted),
      timestamp,
      nonce,
    })
    return () =>
      wecom.request(`/?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypt: encrypted }),
      })
  }

  it('WeCom: an encrypted 公告 replayed 8 days later is refused; timestamp=1 or abc is refused, each changing nothing', async () => {
    const notice = wecomPost('公告 明天开盘', 'msg-1', String(seconds()))
    expect((await notice()).status).toBe(200)
    expect(await store.db.announcement.count()).toBe(1)
    clock.advance(8 * DAY)
    await prune()
    expect((await notice()).status).toBe(403)
    for (const timestamp of ['1', 'abc']) {
      expect((await wecomPost('公告 假公告', `msg-${timestamp}`, timestamp)()).status).toBe(400)
    }
    expect((await wecomPost('公告 未来', 'msg-future', String(seconds() + 301))()).status).toBe(403)
    expect(await store.db.announcement.count()).toBe(1)
  })

  it('Telegram: an update whose message is 8 days old is answered 200 (no redelivery) and changes nothing', async () => {
    const update = (id: number, date: number) => ({
      update_id: id,
      message: {
        message_id: id,
        date,
        chat: { id: -1001234567890, type: 'supergroup', title: '香公馆' },
        from: { id: 555000, is_bot: false, first_name: '经理' },
        text: '公告 班车改到9点',
      },
    })
    const post = (u: unknown) =>
      telegram.request('/', {
        method: 'POST',
        body: JSON.stringify(u),
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM.webhookSecret },
      })
    const captured = update(700001, seconds())
    expect((await post(captured)).status).toBe(200)
    expect(await store.db.announcement.count()).toBe(1)
    clock.advance(8 * DAY)
    await prune()
    expect((await post(captured)).status).toBe(200)
    expect((await post(update(700002, seconds() + 600))).status).toBe(200)
    expect(await store.db.announcement.count()).toBe(1)
  })

  it('a QQ nickname or group name holding U+0000 is stored without it, and every command works', async () => {
    const say = (text: string, groupId = SITE_GROUP, groupName?: string) =>
      postOneBot(
        onebotEvent(SECRET, {
          userId: ADMIN_QQ,
          groupId,
          text,
          nickname: '管\u0000理\u202e员',
          groupName,
          time: seconds(),
        }),
      )
    expect((await say('公告 明天开盘')).status).toBe(204)
    expect((await say('罚款 分销1 培训')).status).toBe(204)
    expect((await say('/group bind 香公馆', 880000002, '二\u0000群\u0007')).status).toBe(204)
    expect(await store.db.announcement.count()).toBe(1)
    expect(await fines()).toBe(1)
    expect((await store.db.groupBinding.findFirstOrThrow({ where: { chatId: '880000002' } })).title).toBe('二群')
    const outbox = await store.db.outbox.findMany({ select: { text: true } })
    expect(outbox.some((m) => m.text.includes('管理员'))).toBe(true)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none is stored
    expect(outbox.filter((m) => /[\u0000\u0007\u202e]/.test(m.text))).toEqual([])
    // an agent whose nickname holds one is not hindered either
    const agent = onebotEvent(SECRET, {
      userId: 20001,
      groupId: SITE_GROUP,
      text: '签到',
      nickname: 'x\u0000',
      time: seconds(),
    })
    expect((await postOneBot(agent)).status).toBe(204)
    expect(await store.db.checkIn.count()).toBe(1)
  })
})
