import { type Batch, mergeForChat } from '../../src/chat/merge.ts'
import { outboxQueue } from '../../src/db/outbox-queue.ts'

type Run = Parameters<typeof outboxQueue>[0]

/**
 * Takes everything due from the outbox as the worker would — chat by chat, merged (mergeForChat) — marks it sent,
 * and returns the deliveries a sender would be given, in order.
 */
export async function takeDeliveries(store: { run: Run }, now: Date): Promise<Batch[]> {
  const queue = outboxQueue(store.run)
  const out: Batch[] = []
  for (const chat of await queue.dueChats(now, 100, new Set())) {
    const got = await queue.claimChat(chat, 'test', now, 30_000)
    if (!got || 'waitUntil' in got || got.messages.length === 0) continue
    out.push(...mergeForChat(got.messages, { max: 4096, unit: 'utf16' }))
    await queue.sent(
      got.key,
      'test',
      got.messages.map((m) => m.id),
      now,
      got.pace,
      chat.platform,
    )
    await queue.release(got.key, 'test', now)
  }
  return out
}
