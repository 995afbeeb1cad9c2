import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OutboundMessage } from '../../src/app/ports.ts'
import type { Sender, SendOutcome } from '../../src/chat/incoming.ts'
import type { Delivery } from '../../src/chat/outbound.ts'
import { createOutboxWorker, type OutboxWorkerDeps } from '../../src/chat/outbox-worker.ts'
import { outboxQueue } from '../../src/db/outbox-queue.ts'
import type { DbStore } from '../../src/db/store.ts'
import { type PaceRule, perMinute } from '../../src/domain/pacing.ts'
import { ManualClock } from '../support/clock.ts'
import { databaseKinds, freshStore } from '../support/databases.ts'

const group = (text: string, id = 'g1'): OutboundMessage => ({
  platform: 'onebot',
  target: { kind: 'group', id },
  text,
})
const answer = (text: string, userId: string, name: string, id = 'g1'): OutboundMessage => ({
  ...group(text, id),
  priority: 0,
  replyTo: { userId, name, messageId: `m-${userId}` },
})

describe.each(databaseKinds())('the outbox (%s)', (kind) => {
  let store: DbStore
  let clock: ManualClock
  let delivered: Delivery[]
  let answers: SendOutcome[]
  const texts = () => delivered.map((d) => d.text)
  const sender: Sender = {
    platform: 'onebot',
    async send(m) {
      const outcome = answers.shift() ?? { kind: 'sent' }
      if (outcome.kind === 'sent') delivered.push(m)
      return outcome
    },
    limit: () => ({ max: 3000, unit: 'utf16' }),
  }
  const worker = (pacing: PaceRule = perMinute(20), more: Partial<OutboxWorkerDeps> = {}) =>
    createOutboxWorker({
      queue: outboxQueue(store.run),
      senders: { onebot: sender },
      pacing: { onebot: pacing },
      clock,
      workerId: 'w1',
      random: () => 0.5,
      ...more,
    })
  const enqueue = (...messages: OutboundMessage[]) =>
    store.transaction((tx) => tx.outbox.enqueue(null, messages, clock.now()))
  const row = (text: string) => store.db.outbox.findFirstOrThrow({ where: { text } })

  beforeEach(async () => {
    store = await freshStore(kind)
    clock = new ManualClock('2026-12-01T09:00:00+08:00')
    delivered = []
    answers = []
  })
  afterEach(() => store.close())

  it('merges what waits for one chat into one message, in order, each answer naming its sender', async () => {
    await enqueue(answer('签到成功', '1001', '张三'), answer('报备成功 F1', '1002', '李四'), group('别的群', 'g2'))
    expect(await worker().runOnce()).toBe(3)
    const g1 = delivered.find((d) => d.target.id === 'g1')
    expect(g1?.text).toBe('@张三 签到成功\n\n@李四 报备成功 F1')
    expect(g1?.parts).toEqual([
      { kind: 'mention', userId: '1001', name: '张三', text: '@张三 ' },
      { kind: 'text', text: '签到成功\n\n' },
      { kind: 'mention', userId: '1002', name: '李四', text: '@李四 ' },
      { kind: 'text', text: '报备成功 F1' },
    ])
    expect(texts()).toContain('别的群')
    expect((await row('签到成功')).sentAt?.toISOString()).toBe(clock.now().toISOString())
    expect(await worker().runOnce()).toBe(0)
  })

  it('quotes the command a lone answer replies to', async () => {
    await enqueue(answer('签到成功', '1001', '张三'))
    await worker().runOnce()
    expect(delivered[0]?.parts).toEqual([
      { kind: 'quote', messageId: 'm-1001' },
      { kind: 'text', text: '签到成功' },
    ])
    expect(delivered[0]?.text).toBe('签到成功')
  })

  it('puts a direct answer before the broadcasts and reminders waiting for the same chat', async () => {
    await enqueue(group('【公告】开盘'), group('【提醒】保护期'))
    await enqueue(answer('签到成功', '1001', '张三'))
    await worker().runOnce()
    expect(texts()).toEqual(['@张三 签到成功\n\n【公告】开盘\n\n【提醒】保护期'])
  })

  it('splits only between messages, under the platform limit', async () => {
    const long = (c: string) => c.repeat(1400)
    await enqueue(group(long('一')), group(long('二')), group(long('三')))
    const w = worker()
    expect(await w.runOnce()).toBe(2)
    clock.advance(3_000) // the second message of the two waits for its slot
    expect(await w.runOnce()).toBe(1)
    // 1400 + 2 + 1400 fits in 3000; a third would not
    expect(texts()).toEqual([`${long('一')}\n\n${long('二')}`, long('三')])
    for (const t of texts()) expect(t.length).toBeLessThanOrEqual(3000)
  })

  it('paces a chat at the boundary: the 20th message of a minute goes, the 21st waits until the 1st is 60 s old', async () => {
    const w = worker({ burst: 20, everyMs: 1, perWindow: 20, windowMs: 60_000 })
    for (let i = 1; i <= 20; i++) {
      await enqueue(group(`第${i}条`))
      expect(await w.runOnce()).toBe(1)
    }
    expect(texts()).toHaveLength(20)
    await enqueue(group('第21条'))
    clock.advance(59_999)
    expect(await w.runOnce()).toBe(0)
    expect((await store.db.outboxChat.findFirstOrThrow()).nextAt.getTime()).toBe(clock.now().getTime() + 1)
    clock.advance(1)
    expect(await w.runOnce()).toBe(1)
    expect(texts().at(-1)).toBe('第21条')
  })

  it('sends one message per 3 s to a chat, merging what arrived meanwhile', async () => {
    const w = worker()
    await enqueue(answer('一', '1', 'A'))
    await w.runOnce()
    await enqueue(answer('二', '2', 'B'))
    clock.advance(2_999)
    expect(await w.runOnce()).toBe(0)
    clock.advance(1)
    expect(await w.runOnce()).toBe(1)
    await enqueue(answer('三', '3', 'C'), answer('四', '4', 'D'))
    clock.advance(2_999)
    expect(await w.runOnce()).toBe(0)
    clock.advance(1)
    expect(await w.runOnce()).toBe(2)
    expect(texts()).toEqual(['一', '二', '@C 三\n\n@D 四'])
  })

  it('a kick names its chats: one known to wait is left to its slot, a free one is delivered at once, neither searched for', async () => {
    const queue = outboxQueue(store.run)
    let searches = 0
    const counted = {
      ...queue,
      dueChats: (...a: Parameters<typeof queue.dueChats>) => {
        searches++
        return queue.dueChats(...a)
      },
    }
    const w = worker(undefined, { queue: counted, idleMs: 60_000 })
    const chat = (id: string) => ({ platform: 'onebot' as const, target: { kind: 'group' as const, id } })
    const turn = () => new Promise((r) => setImmediate(r))
    w.start()
    try {
      await vi.waitFor(() => expect(searches).toBe(1)) // the start's own look
      await enqueue(answer('一', '1', 'A'))
      w.kick([chat('g1')])
      await vi.waitFor(() => expect(texts()).toEqual(['一']))
      await turn()
      const before = searches
      // g1 just sent: its next slot is 3 s away, so a new message for it cannot go before the worker wakes for it
      await enqueue(answer('二', '2', 'B'))
      w.kick([chat('g1')])
      await turn()
      expect(texts()).toEqual(['一'])
      await enqueue(group('别的群', 'g2'))
      w.kick([chat('g2')])
      await vi.waitFor(() => expect(texts()).toEqual(['一', '别的群']))
      // each delivery's end looks for what came due meanwhile; the kicks themselves searched nothing
      expect(searches - before).toBeLessThanOrEqual(1)
      const after = searches
      w.kick()
      await vi.waitFor(() => expect(searches).toBeGreaterThan(after))
    } finally {
      await w.stop()
    }
  })

  it('with room for one delivery at a time, two chats kicked at once are both delivered, one after the other', async () => {
    const w = worker(undefined, { concurrency: 1, idleMs: 60_000 })
    const chat = (id: string) => ({ platform: 'onebot' as const, target: { kind: 'group' as const, id } })
    w.start()
    try {
      await enqueue(group('甲群', 'g1'), group('乙群', 'g2'))
      w.kick([chat('g1'), chat('g2')])
      await vi.waitFor(() => expect([...texts()].sort()).toEqual(['乙群', '甲群']))
    } finally {
      await w.stop()
    }
  })

  it('never gives up: a platform down for 3 hours gets every message once, in order, when it is back', async () => {
    const alerts: string[] = []
    const start = clock.now().getTime()
    let down = true
    const tries: number[] = []
    const flaky: Sender = {
      platform: 'onebot',
      async send(m) {
        tries.push(clock.now().getTime() - start)
        if (down) return { kind: 'retry', reason: 'HTTP 502' }
        delivered.push(m)
        return { kind: 'sent' }
      },
    }
    const w = worker(perMinute(20), {
      senders: { onebot: flaky },
      onPlatformDown: async (platform, since) => {
        alerts.push(`${platform} ${since.toISOString()}`)
      },
    })
    await enqueue(group('一'))
    for (let minute = 0; minute < 180; minute++) {
      if (minute === 30) await enqueue(group('二'))
      await w.runOnce()
      clock.advance(60_000)
    }
    // backoff doubles from 1 s and is capped at 10 minutes
    const gaps = tries.slice(1).map((t, i) => t - (tries[i] as number))
    expect(Math.max(...gaps)).toBeLessThanOrEqual(600_000)
    expect(gaps.at(-1)).toBe(600_000)
    expect(await store.db.outbox.count({ where: { failedAt: { not: null } } })).toBe(0)
    expect(alerts).toEqual([`onebot ${new Date(start).toISOString()}`])
    down = false
    for (let i = 0; i < 12 && texts().length === 0; i++) {
      await w.runOnce()
      clock.advance(60_000)
    }
    expect(texts()).toEqual(['一\n\n二'])
    expect(await store.db.outbox.count({ where: { sentAt: null } })).toBe(0)
    const health = await outboxQueue(store.run).health(clock.now())
    expect(health.failing).toEqual([])
  })

  it('waits out the sender’s own rate limit without counting it as a failure', async () => {
    await enqueue(group('稍等'))
    answers = [{ kind: 'retry', afterMs: 4_000, paced: true, reason: 'paced: WeCom limits each conversation' }]
    const w = worker()
    expect(await w.runOnce()).toBe(0)
    expect((await row('稍等')).attempts).toBe(0)
    expect((await outboxQueue(store.run).health(clock.now())).failing).toEqual([])
    clock.advance(3_999)
    expect(await w.runOnce()).toBe(0)
    clock.advance(1)
    expect(await w.runOnce()).toBe(1)
    expect(texts()).toEqual(['稍等'])
  })

  it('records a permanent failure, keeps it for /outbox, and sends it again on /outbox retry', async () => {
    await enqueue(group('gone'))
    answers = [{ kind: 'failed', reason: 'retcode 100' }]
    await worker().runOnce()
    const r = await row('gone')
    expect(r.failedAt).not.toBeNull()
    expect(r.lastError).toBe('retcode 100')
    clock.advance(3_600_000)
    expect(await worker().runOnce()).toBe(0)
    const status = await store.transaction((tx) => tx.outbox.status(clock.now()))
    expect(status).toMatchObject({ pending: 0, failed: 1, chats: [{ failed: 1, lastError: 'retcode 100' }] })
    expect(await store.transaction((tx) => tx.outbox.retryNow(clock.now()))).toBe(1)
    expect(await worker().runOnce()).toBe(1)
    expect(texts()).toEqual(['gone'])
  })

  it('refuses the result of a worker whose claim was taken over', async () => {
    await enqueue(group('一'))
    const queue = outboxQueue(store.run)
    const chat = { platform: 'onebot' as const, target: { kind: 'group' as const, id: 'g1' } }
    const a = await queue.claimChat(chat, 'a', clock.now(), 30_000)
    expect(a && 'messages' in a && a.messages.map((m) => m.text)).toEqual(['一'])
    expect(await queue.claimChat(chat, 'b', new Date(clock.now().getTime() + 29_999), 30_000)).toBeNull()
    const b = await queue.claimChat(chat, 'b', new Date(clock.now().getTime() + 30_001), 30_000)
    expect(b && 'messages' in b).toBe(true)
    const pace = { tokens: 0, at: null, recent: [] }
    expect(await queue.sent('onebot:group:g1', 'a', [1], clock.now(), pace, 'onebot')).toBe(false)
    expect((await row('一')).sentAt).toBeNull()
    expect(await queue.sent('onebot:group:g1', 'b', [(await row('一')).id], clock.now(), pace, 'onebot')).toBe(true)
  })
})
