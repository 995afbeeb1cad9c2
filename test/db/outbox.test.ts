import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OutboundMessage } from '../../src/app/ports.ts'
import type { Sender, SendOutcome } from '../../src/chat/incoming.ts'
import { createOutboxWorker } from '../../src/chat/outbox-worker.ts'
import { outboxQueue } from '../../src/db/outbox-queue.ts'
import type { DbStore } from '../../src/db/store.ts'
import { ManualClock } from '../support/clock.ts'
import { databaseKinds, freshStore } from '../support/databases.ts'

const group = (text: string, id = 'g1'): OutboundMessage => ({
  platform: 'onebot',
  target: { kind: 'group', id },
  text,
})

describe.each(databaseKinds())('the outbox (%s)', (kind) => {
  let store: DbStore
  let clock: ManualClock
  let delivered: string[]
  let answers: SendOutcome[]
  const sender: Sender = {
    platform: 'onebot',
    async send(m) {
      const outcome = answers.shift() ?? { kind: 'sent' }
      if (outcome.kind === 'sent') delivered.push(m.text)
      return outcome
    },
  }
  const worker = (pacing = 20, workerId = 'w1') =>
    createOutboxWorker({
      queue: outboxQueue(store.run, store.provider),
      senders: { onebot: sender },
      pacing: { onebot: pacing },
      clock,
      workerId,
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

  it('sends the messages of each chat in order (chats in parallel) and marks each one sent', async () => {
    await enqueue(group('一'), group('二'), group('三', 'g2'))
    expect(await worker().runOnce()).toBe(3)
    expect(delivered.filter((t) => t !== '三')).toEqual(['一', '二'])
    expect(delivered).toContain('三')
    expect((await row('二')).sentAt?.toISOString()).toBe(clock.now().toISOString())
    expect(await worker().runOnce()).toBe(0)
  })

  it('paces each chat: past the per-minute limit the rest of that chat waits, other chats do not', async () => {
    await enqueue(group('1'), group('2'), group('3'), group('other', 'g2'))
    const w = worker(2)
    await w.runOnce()
    expect(delivered.sort()).toEqual(['1', '2', 'other'])
    expect((await row('3')).availableAt.getTime()).toBe(clock.now().getTime() + 60_000)
    // while g1 waits, its new messages are not even claimed; other chats go on
    await enqueue(group('4'), group('more', 'g2'))
    expect(await w.runOnce()).toBe(1)
    expect(delivered).toContain('more')
    expect((await row('4')).claimedBy).toBeNull()
    clock.advance(59_999)
    expect(await w.runOnce()).toBe(0)
    clock.advance(1)
    await w.runOnce()
    expect(delivered.filter((t) => t === '3' || t === '4')).toEqual(['3', '4'])
  })

  it('retries with backoff on a temporary failure and keeps the chat in order', async () => {
    await enqueue(group('first'), group('second'))
    answers = [{ kind: 'retry', afterMs: 5_000, reason: '429' }]
    const w = worker()
    await w.runOnce()
    expect(delivered).toEqual([])
    const first = await row('first')
    expect(first.attempts).toBe(1)
    expect(first.availableAt.getTime()).toBe(clock.now().getTime() + 5_000)
    expect((await row('second')).availableAt.getTime()).toBe(clock.now().getTime() + 5_000)
    clock.advance(5_000)
    await w.runOnce()
    expect(delivered).toEqual(['first', 'second'])
  })

  it('records a permanent failure once and does not retry it', async () => {
    await enqueue(group('gone'))
    answers = [{ kind: 'failed', reason: 'chat not found' }]
    await worker().runOnce()
    const r = await row('gone')
    expect(r.failedAt).not.toBeNull()
    expect(r.lastError).toBe('chat not found')
    clock.advance(3_600_000)
    expect(await worker().runOnce()).toBe(0)
  })

  it('lets another worker take over a claim only after the lease runs out', async () => {
    await enqueue(group('claimed'))
    const queue = outboxQueue(store.run, store.provider)
    expect(await queue.claim('crashed', clock.now(), 30_000, 10)).toHaveLength(1)
    expect(await queue.claim('w2', new Date(clock.now().getTime() + 29_999), 30_000, 10)).toHaveLength(0)
    const taken = await queue.claim('w2', new Date(clock.now().getTime() + 30_001), 30_000, 10)
    expect(taken.map((m) => m.text)).toEqual(['claimed'])
  })
})
