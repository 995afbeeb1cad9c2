import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { aesKeyOf, encrypt, msgSignature } from '../../src/adapters/wecom/crypto.ts'
import {
  connectionPacing,
  createWecomConnection,
  createWecomConnectionSender,
  createWecomSender,
  pacing,
  type WecomConnection,
  wecomRoutes,
} from '../../src/adapters/wecom/index.ts'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import { type ChatDeps, handleMessage } from '../../src/chat/handle-message.ts'
import { DIRECT_CAPABLE } from '../../src/chat/notify.ts'
import { createOutboxWorker } from '../../src/chat/outbox-worker.ts'
import { outboxQueue } from '../../src/db/outbox-queue.ts'
import type { DbStore } from '../../src/db/store.ts'
import { perMinute } from '../../src/domain/pacing.ts'
import type { Platform } from '../../src/domain/platform.ts'
import { ManualClock } from '../support/clock.ts'
import { databaseKinds, freshStore } from '../support/databases.ts'
import { type FakeWecom, fakeWecom, WECOM_BOT_ID, WECOM_SECRET } from '../support/fake-wecom.ts'

const GROUP = 'wrkSFfCgAAgroup0001'
const TOKEN = 'QDG6eK'
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'
const PUSH_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa'

/** One WeCom site as people see it, whichever way the robot is connected. */
interface WecomSite {
  /** A person types `text` in the group (after @-mentioning the robot) or to the robot directly. */
  say(who: string, text: string, where?: 'group' | 'direct', msgid?: string): Promise<void>
  /** What the group, or one person's chat with the robot, shows from the robot so far. */
  shown(chat: string): string[]
  close(): Promise<void>
}

let n = 0

/** Callback mode: WeCom POSTs encrypted callbacks; replies go to each message's response_url, pushes to the key. */
async function callbackSite(store: DbStore, deps: ChatDeps): Promise<WecomSite> {
  const config = { token: TOKEN, aesKey: AES_KEY, receiveId: '' }
  const app = wecomRoutes({
    config,
    receive: (m) => handleMessage(deps, m).then((r) => r.receipt),
    botName: '案场助手',
  })
  const chatOfResponse = new Map<string, string>()
  const posts: { chat: string; text: string }[] = []
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = String(input)
    const body = JSON.parse(String(init?.body)) as { markdown?: { content: string }; text?: { content: string } }
    const chat = url.includes('/cgi-bin/webhook/send?key=')
      ? url.endsWith(PUSH_KEY)
        ? GROUP
        : '?'
      : chatOfResponse.get(url)
    posts.push({ chat: chat ?? '?', text: body.markdown?.content ?? body.text?.content ?? '' })
    return new Response(JSON.stringify({ errcode: 0, errmsg: 'ok' }), {
      headers: { 'content-type': 'application/json' },
    })
  }
  const sender = createWecomSender(config, {
    fetch: fakeFetch,
    keyFor: (chatId) => store.transaction(async (tx) => (await tx.groups.find('wecom', chatId))?.wecomKey ?? undefined),
  })
  const worker = createOutboxWorker({
    queue: outboxQueue(store.run),
    senders: { wecom: sender },
    pacing: { wecom: perMinute(pacing) },
    clock: deps.clock,
    workerId: 'w-callback',
  })
  const sent = new Map<string, string>()
  return {
    async say(who, text, where = 'group', msgid) {
      const id = msgid ?? `msg-${++n}`
      const responseUrl = `https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=${id}`
      chatOfResponse.set(responseUrl, where === 'group' ? GROUP : who)
      const plain = JSON.stringify({
        msgid: id,
        aibotid: 'AIBOTID',
        ...(where === 'group' ? { chatid: GROUP } : {}),
        chattype: where === 'group' ? 'group' : 'single',
        from: { userid: who },
        response_url: responseUrl,
        msgtype: 'text',
        text: { content: where === 'group' ? `@案场助手 ${text}` : text },
      })
      // A redelivery is the same encrypted body again.
      const encrypted = sent.get(id) ?? encrypt(aesKeyOf(AES_KEY), plain, '')
      sent.set(id, encrypted)
      // Stamped now, as WeCom stamps a callback (a stale stamp is refused as a replay).
      const timestamp = String(Math.floor(Date.now() / 1000))
      const query = new URLSearchParams({
        msg_signature: msgSignature(TOKEN, timestamp, 'nonce', encrypted),
        timestamp,
        nonce: 'nonce',
      })
      const res = await app.request(`/?${query}`, { method: 'POST', body: JSON.stringify({ encrypt: encrypted }) })
      expect(res.status).toBe(200)
      while ((await worker.runOnce()) > 0) {}
    },
    shown: (chat) => posts.filter((p) => p.chat === chat).map((p) => p.text),
    close: async () => {},
  }
}

/** Connection mode: the robot holds a WebSocket to WeCom; replies and pushes go back on it. */
async function connectionSite(store: DbStore, deps: ChatDeps, fake: FakeWecom): Promise<WecomSite> {
  const connection: WecomConnection = createWecomConnection({
    config: { botId: WECOM_BOT_ID, secret: WECOM_SECRET, wsUrl: fake.url, botName: '案场助手' },
    receive: (m) => handleMessage(deps, m).then((r) => r.receipt),
    log: () => {},
  })
  await connection.start()
  const end = Date.now() + 5_000
  while (!connection.canSend() && Date.now() < end) await new Promise((r) => setTimeout(r, 5))
  const worker = createOutboxWorker({
    queue: outboxQueue(store.run),
    senders: { wecom: createWecomConnectionSender(connection, { now: () => deps.clock.now().getTime() }) },
    pacing: { wecom: perMinute(connectionPacing) },
    clock: deps.clock,
    workerId: 'w-connection',
  })
  const events = () => store.db.inboundEvent.count()
  return {
    async say(who, text, where = 'group', msgid) {
      const before = await events()
      fake.say(text, who, where === 'group' ? GROUP : undefined, msgid ?? `msg-${++n}`)
      // Wait until the chat layer has recorded the message (or found it a redelivery), then send what it queued.
      const wait = Date.now() + 5_000
      while ((await events()) === before && !msgid && Date.now() < wait) await new Promise((r) => setTimeout(r, 5))
      if (msgid) await new Promise((r) => setTimeout(r, 100))
      while ((await worker.runOnce()) > 0) {}
    },
    shown: (chat) => fake.shown(chat),
    close: () => connection.stop(),
  }
}

for (const kind of databaseKinds()) {
  describe.each(['callback', 'connection'] as const)(`a WeCom site by %s (${kind})`, (mode) => {
    let store: DbStore
    let fake: FakeWecom | undefined
    let site: WecomSite
    const clock = new ManualClock('2026-12-01T09:00:00+08:00')

    beforeEach(async () => {
      store = await freshStore(kind)
      clock.set('2026-12-01T09:00:00+08:00')
      const direct: ReadonlySet<Platform> =
        mode === 'connection' ? new Set([...DIRECT_CAPABLE, 'wecom']) : DIRECT_CAPABLE
      const deps: ChatDeps = {
        store,
        clock,
        admins: new Set(['wecom:admin']),
        commands: COMMANDS,
        directCapable: direct,
      }
      if (mode === 'connection') fake = await fakeWecom()
      site =
        mode === 'callback' ? await callbackSite(store, deps) : await connectionSite(store, deps, fake as FakeWecom)
    })
    afterEach(async () => {
      await site.close()
      await fake?.close()
      fake = undefined
      await store.close()
    })

    it('runs the set-up, a join, a check-in and a filing with the same replies', async () => {
      await site.say('admin', '/group bind 香公馆')
      await site.say('admin', '/agency add 链家')
      expect(site.shown(GROUP)).toEqual([
        '本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A1',
        '已添加分销“链家”，轮排第 1 位；还可添加 19 家（R1）。证据 A2',
      ])
      await site.say('admin', '/staff add 李四 agent 链家', 'direct')
      const [added] = site.shown('admin')
      expect(added).toMatch(
        /^已添加分销销售 李四（链家）。请本人用自己的聊天账号私聊机器人发送：\n\/join [A-Z2-9]{8}\n加入码一次有效，2026-12-04 09:00 前使用。证据 A3$/,
      )
      const code = /\/join (\w+)/.exec(added ?? '')?.[1]
      await site.say('lisi', `/join ${code}`, 'direct')
      expect(site.shown('lisi')).toEqual(['欢迎 李四！你已作为分销销售（链家）加入。发送“帮助”查看你可以使用的命令。'])

      clock.set('2026-12-01T10:00:00+08:00')
      await site.say('lisi', '签到')
      await site.say('lisi', '报备 张三 13812345678')
      const group = site.shown(GROUP)
      expect(group.slice(2)).toEqual([
        '李四（链家）签到成功：12-01。证据 A5',
        '报备成功 F1：张三 138****5678 归 链家，保护期至 12-15（12-16 00:00 失效）。R12 报备保护。证据 A6',
      ])
      // Nobody in the group read the number; the agent's direct chat shows nothing more than the join.
      expect(group.join('\n')).not.toContain('13812345678')
    })

    it('sends a join code typed for in the group to the admin directly over the connection; by callback refuses it', async () => {
      await site.say('admin', '/group bind 香公馆')
      await site.say('admin', '/agency add 链家')
      await site.say('admin', '/staff add 李四 agent 链家')
      const group = site.shown(GROUP).slice(2)
      if (mode === 'connection') {
        expect(group).toEqual(['已添加分销销售 李四（链家）。加入码已私信发给管理员，请转交本人。证据 A3'])
        expect(site.shown('admin')).toEqual([
          expect.stringMatching(
            /^已添加分销销售 李四（链家）。请本人用自己的聊天账号私聊机器人发送：\n\/join [A-Z2-9]{8}\n/,
          ),
        ])
      } else {
        expect(group).toEqual([
          '加入码只能私发给管理员，而本平台的机器人不能在群外私信你。请私聊机器人发送：/staff add 李四 agent 链家（本次未做任何改动）',
        ])
        expect(await store.db.staff.count()).toBe(0)
      }
      expect(group.join('\n')).not.toMatch(/\/join [A-Z2-9]{8}/)
    })

    /** 链家's 李四 files 张三; a day later 我爱我家's 周五 files the same number: a collision (R12). */
    async function collisionSite() {
      await site.say('admin', '/group bind 香公馆')
      await site.say('admin', '/agency add 链家')
      await site.say('admin', '/agency add 我爱我家')
      for (const [who, add] of [
        ['sec', '/staff add 王秘书 secretary'],
        ['lisi', '/staff add 李四 agent 链家'],
        ['zhouwu', '/staff add 周五 agent 我爱我家'],
      ] as const) {
        await site.say('admin', add, 'direct')
        const code = /\/join (\w+)/.exec(site.shown('admin').at(-1) ?? '')?.[1]
        await site.say(who, `/join ${code}`, 'direct')
      }
      await site.say('lisi', '报备 张三 13812345678')
      clock.set('2026-12-02T11:00:00+08:00')
      await site.say('zhouwu', '报备 张三 13812345678')
    }

    it('tells the secretary of a collision directly over the connection, and only the group by callback', async () => {
      await collisionSite()
      expect(site.shown(GROUP).slice(3)).toEqual([
        '报备成功 F1：张三 138****5678 归 链家，保护期至 12-15（12-16 00:00 失效）。R12 报备保护。证据 A10',
        // by callback the notice goes to the group, where the command was typed: one message, answer then notice
        '报备未成功：该客户在其他分销的保护期内，保护期至 12-15（R12 先到访者：撞单归第一到访者）。证据 A11' +
          (mode === 'callback'
            ? '\n\n【撞单】我爱我家 周五 报备客户 138****5678 时撞单：该客户已在其他分销保护期至 12-15（R12）。证据 A11，详情请现场经理查看。'
            : ''),
      ])
      const welcome = '欢迎 王秘书！你已作为案场秘书加入。发送“帮助”查看你可以使用的命令。'
      // By callback the robot cannot write to a person, and without a push-robot key not even to the group.
      expect(site.shown('sec')).toEqual(
        mode === 'connection'
          ? [
              welcome,
              '【撞单】客户 张三 13812345678\n原分销：链家（F1），报备于 2026-12-01 09:00，保护期至 12-15\n撞单方：我爱我家 周五，2026-12-02 11:00\n裁定：R12 先到访者，客户归原分销。证据 A11',
            ]
          : [welcome],
      )
    })

    it('撞单 in a group: counts there, the full view sent directly over the connection, asked for by callback', async () => {
      await collisionSite()
      clock.set('2026-12-02T12:00:00+08:00')
      await site.say('sec', '撞单')
      const full = [
        '【撞单 2026-12】1 起：',
        '1. 客户 张三 13812345678',
        '   原分销：链家 李四（F1），2026-12-01 09:00 起，保护期至 12-15',
        '   撞单方：我爱我家 周五，2026-12-02 11:00',
        '   裁定：R12 先到访者，客户归原分销。证据 A11',
      ].join('\n')
      if (mode === 'connection') {
        expect(site.shown(GROUP).at(-1)).toBe('【撞单 2026-12】共 1 起。明细含客户信息，已私信发给你。')
        expect(site.shown('sec').at(-1)).toBe(full)
      } else {
        expect(site.shown(GROUP).at(-1)).toBe('【撞单 2026-12】共 1 起。明细含客户信息，请私聊机器人发送：撞单 2026-12')
        await site.say('sec', '撞单 2026-12', 'direct')
        expect(site.shown('sec').at(-1)).toBe(full)
      }
    })

    it('runs a message WeCom delivers twice once', async () => {
      await site.say('admin', '/group bind 香公馆', 'group', 'msg-twice')
      await site.say('admin', '/group bind 香公馆', 'group', 'msg-twice')
      expect(site.shown(GROUP)).toEqual([
        '本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A1',
      ])
    })

    it(
      mode === 'connection'
        ? 'pushes an announcement to the group with no push-robot key'
        : 'needs the group push-robot key to push an announcement',
      async () => {
        await site.say('admin', '/group bind 香公馆')
        if (mode === 'callback') await site.say('admin', `/group wecom-key ${PUSH_KEY}`)
        await site.say('admin', '公告 明天上午9点开盘，请各分销提前到场')
        // typed in the group it goes to: one message there, the answer and the announcement
        expect(site.shown(GROUP).slice(-1)).toEqual([
          `公告已发布到 1 个群。证据 ${mode === 'callback' ? 'A3' : 'A2'}\n\n【公告】明天上午9点开盘，请各分销提前到场\n—— 管理员`,
        ])
      },
    )
  })
}

describe.each(databaseKinds())('WeCom long connection while it is down (%s)', (kind) => {
  it('keeps what was queued meanwhile and sends it, once, when the connection is back (the outbox resends)', async () => {
    const store = await freshStore(kind)
    const fake = await fakeWecom()
    const clock = new ManualClock('2026-12-01T09:00:00+08:00')
    const direct = new Set<Platform>([...DIRECT_CAPABLE, 'wecom'])
    const deps: ChatDeps = { store, clock, admins: new Set(['wecom:admin']), commands: COMMANDS, directCapable: direct }
    const connection = createWecomConnection({
      config: { botId: WECOM_BOT_ID, secret: WECOM_SECRET, wsUrl: fake.url },
      receive: (m) => handleMessage(deps, m).then((r) => r.receipt),
      log: () => {},
      reconnectBaseMs: 300,
    })
    const worker = createOutboxWorker({
      queue: outboxQueue(store.run),
      senders: { wecom: createWecomConnectionSender(connection) },
      pacing: { wecom: perMinute(connectionPacing) },
      clock,
      workerId: 'w',
      canSend: (p) => p !== 'wecom' || connection.canSend(),
    })
    const until = async (ok: () => boolean) => {
      const end = Date.now() + 5_000
      while (!ok()) {
        if (Date.now() > end) throw new Error('timed out')
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    try {
      await connection.start()
      await until(() => connection.canSend())
      fake.say('/group bind 香公馆', 'admin', GROUP, 'msg-bind')
      for (let i = 0; i < 100 && fake.shown(GROUP).length === 0; i++) {
        await worker.runOnce()
        await new Promise((r) => setTimeout(r, 20))
      }
      expect(fake.shown(GROUP)).toHaveLength(1)

      fake.dropAll()
      await until(() => !connection.canSend())
      // Queued while nobody holds the connection (a reminder, a notice from the console…).
      await handleMessage(deps, {
        platform: 'wecom',
        eventId: 'msg-announce',
        chat: { kind: 'direct', id: 'admin' },
        sender: { userId: 'admin' },
        text: '公告 班车8:30从地铁站发车',
        mentionsBot: false,
      })
      expect(await worker.runOnce()).toBe(0) // claimed, and released for later: not failed, not counted
      const waiting = await store.db.outbox.findMany({ where: { sentAt: null }, orderBy: { id: 'asc' } })
      expect(waiting.map((m) => [m.targetKind, m.targetId, m.attempts, m.failedAt])).toEqual([
        ['direct', 'admin', 0, null],
        ['group', GROUP, 0, null],
      ])

      await until(() => connection.canSend())
      // This instance skips those chats for 3 s after releasing them (another instance would take them at once).
      clock.advance(2_999)
      expect(await worker.runOnce()).toBe(0)
      clock.advance(1)
      while ((await worker.runOnce()) > 0) {}
      expect(fake.shown(GROUP)).toEqual([
        '本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A1',
        '【公告】班车8:30从地铁站发车\n—— 管理员',
      ])
      expect(fake.shown('admin')).toEqual(['公告已发布到 1 个群。证据 A2'])
      expect(await store.db.outbox.count({ where: { sentAt: null } })).toBe(0)
    } finally {
      await connection.stop()
      await fake.close()
      await store.close()
    }
  })
})
