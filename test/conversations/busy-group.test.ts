import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Sender } from '../../src/chat/incoming.ts'
import { DIRECT_CAPABLE } from '../../src/chat/notify.ts'
import { tellAdminsPlatformDown } from '../../src/chat/outbox-alert.ts'
import { createOutboxWorker, type OutboxWorkerDeps } from '../../src/chat/outbox-worker.ts'
import { outboxQueue } from '../../src/db/outbox-queue.ts'
import { perMinute } from '../../src/domain/pacing.ts'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('people typing on phones in a busy group (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('reads 报备赵六13755556666 without spaces like 报备 赵六 13755556666', async () => {
    expect(await h.say('lj1', '报备赵六13755556666')).toBe(
      '报备成功 F1：赵六 137****6666 归 链家，保护期至 12-15（12-16 00:00 失效）。R12 报备保护。证据 A12',
    )
    expect(await h.say('lj1', '报备 钱七13755557777')).toMatch(/^报备成功 F2：钱七 137\*\*\*\*7777 归 链家/)
    expect(await h.say('wa1', '报备 赵六 13755556666')).toMatch(/^报备未成功：该客户在其他分销的保护期内/)
  })

  it('suggests the command word for a near-miss one edit away, and runs nothing', async () => {
    expect(await h.say('lj1', '报被 张三 13812345678')).toBe('你是不是要发送“报备”？')
    expect(await h.say('lj1', '报张三 13812345678')).toBe('你是不是要发送“报备”？')
    expect(await h.say('lj1', '查客户 13812345678')).not.toMatch(/^报备成功/)
    expect(await h.store.db.filing.count()).toBe(0)
  })

  it('answers ordinary chatter in the group with nothing', async () => {
    const before = (await h.outbox()).length
    for (const chatter of ['收到', '签到表在哪', '大家好，今天开盘', '收到 3号楼', '好的👌', '签到了吗？'])
      expect(await h.say('lj1', chatter)).toBe('')
    expect((await h.outbox()).length).toBe(before)
  })

  it('sends one message to the group where a command also notifies that group', async () => {
    const w = createOutboxWorker({
      queue: outboxQueue(h.store.run),
      senders: { console: { platform: 'console', send: async () => ({ kind: 'sent' }) } },
      pacing: {},
      clock: h.clock,
      workerId: 'w',
    })
    while ((await w.runOnce()) > 0) {}
    const group: string[] = []
    const recording = createOutboxWorker({
      queue: outboxQueue(h.store.run),
      senders: {
        console: {
          platform: 'console',
          async send(m) {
            if (m.target.kind === 'group') group.push(m.text)
            return { kind: 'sent' }
          },
        },
      },
      pacing: {},
      clock: h.clock,
      workerId: 'w2',
    })
    await h.say(ADMIN, '公告 明天上午9点开盘')
    await recording.runOnce()
    expect(group).toEqual(['@admin 公告已发布到 1 个群。证据 A12\n\n【公告】明天上午9点开盘\n—— admin'])
  })
})

describe.each(databaseKinds())('the admin and the outbox (%s)', (kind) => {
  let h: Harness
  const shown: string[] = []
  const drain = async (senders: OutboxWorkerDeps['senders']) => {
    const w = createOutboxWorker({
      queue: outboxQueue(h.store.run),
      senders,
      pacing: {},
      clock: h.clock,
      workerId: 'w',
    })
    while ((await w.runOnce()) > 0) {}
  }
  const consoleSender: Sender = {
    platform: 'console',
    async send(m) {
      shown.push(m.text)
      return { kind: 'sent' }
    },
  }
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await drain({ console: consoleSender })
    shown.length = 0
  })
  afterEach(() => h.close())

  it('shows what fails and why with /outbox, and sends it again with /outbox retry', async () => {
    await h.store.transaction((tx) =>
      tx.outbox.enqueue(
        null,
        [{ platform: 'onebot', target: { kind: 'group', id: '880000001' }, text: '【公告】开盘' }],
        h.clock.now(),
      ),
    )
    await drain({ console: consoleSender })
    expect(await h.say(ADMIN, '/outbox', 'direct')).toBe(
      '发件箱：0 条等待发送，1 条发送失败。\n' +
        '· QQ 群 880000001：1 条失败（platform onebot is not configured）\n' +
        '发送“/发件箱 重发”把失败的消息立即重发。',
    )
    expect(await h.say(ADMIN, '/发件箱 再来', 'direct')).toBe(
      '用法：/发件箱 ｜ /发件箱 重发（也可写 /outbox、/outbox retry）\n例如：/发件箱',
    )
    expect(await h.say(ADMIN, '/发件箱 重发', 'direct')).toBe('已安排立即重发 1 条消息。')
    const qq: string[] = []
    await drain({
      console: consoleSender,
      onebot: {
        platform: 'onebot',
        async send(m) {
          qq.push(m.text)
          return { kind: 'sent' }
        },
      },
    })
    expect(qq).toEqual(['【公告】开盘'])
    expect(await h.say(ADMIN, '/outbox', 'direct')).toBe('发件箱是空的：所有消息都已发出。')
    expect(await h.say('lj1', '/outbox', 'direct')).toBe('无权使用此命令：仅限管理员。')
  })

  it('tells each admin directly, on a platform that works, that a platform has been failing', async () => {
    const since = new Date('2026-12-01T08:50:00+08:00')
    await tellAdminsPlatformDown(
      { store: h.store, admins: h.deps.admins, directCapable: DIRECT_CAPABLE, timezone: 'Asia/Shanghai' },
      'onebot',
      since,
      'send_group_msg: HTTP 502',
    )
    await drain({ console: consoleSender })
    expect(shown).toEqual([
      '【发送故障】QQ 从 2026-12-01 08:50 起一直发送失败（send_group_msg: HTTP 502）。消息都保留在发件箱里，恢复后按顺序补发。发送“/发件箱”查看，“/发件箱 重发”立即重试。',
    ])
  })
})

describe.each(databaseKinds())('a day of commands typed one after another in the group (%s)', (kind) => {
  it('answers each within 5 s, in a message that carries no other command’s answer', async () => {
    const h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    try {
      await standardSite(h)
      const shown: { text: string; at: number }[] = []
      const w = createOutboxWorker({
        queue: outboxQueue(h.store.run),
        senders: {
          console: {
            platform: 'console',
            async send(m) {
              if (m.target.kind === 'group') shown.push({ text: m.text, at: h.clock.now().getTime() })
              return { kind: 'sent' }
            },
          },
        },
        pacing: { console: perMinute(20) },
        clock: h.clock,
        workerId: 'w',
      })
      while ((await w.runOnce()) > 0) {}
      shown.length = 0
      const day: [string, string][] = [
        ['lj1', '签到'],
        ['wa1', '签到'],
        ['lj1', '报备 张三 13812345678'],
        ['wa1', '报备 张三 13812345678'],
        ['lj1', '报备赵六13755556666'],
        ['lj1', '查客户 13812345678'],
        ['sec', '到访 13812345678'],
        ['lj1', '我的客户'],
        ['mgr', '公告 下午3点开会'],
        ['lj1', '签到'],
        ['wa1', '帮助'],
      ]
      for (const [who, text] of day) {
        const typedAt = h.clock.now().getTime()
        const reply = await h.say(who, text)
        expect(reply).not.toBe('')
        const before = shown.length
        while (shown.length === before) {
          await w.runOnce()
          if (shown.length === before) h.clock.advance(250)
          expect(h.clock.now().getTime() - typedAt).toBeLessThanOrEqual(5_000)
        }
        expect(shown.length).toBe(before + 1)
        // its own answer (with the group's notice of the same event after it), nobody else's
        const got = shown.at(-1)?.text ?? ''
        expect(got.includes(reply)).toBe(true)
        for (const named of got.matchAll(/^@(\S+) /gm)) expect(named[1]).toBe(who)
        h.clock.advance(400) // the next person types
      }
    } finally {
      await h.close()
    }
  })
})
