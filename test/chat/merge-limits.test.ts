import { describe, expect, it } from 'vitest'
import { createOneBotSender } from '../../src/adapters/onebot/sender.ts'
import { createTelegramSender } from '../../src/adapters/telegram/sender.ts'
import { createWecomSender } from '../../src/adapters/wecom/sender.ts'
import type { QueuedMessage } from '../../src/app/ports.ts'
import type { Sender } from '../../src/chat/incoming.ts'
import { mergeForChat } from '../../src/chat/merge.ts'
import type { Platform } from '../../src/domain/platform.ts'

const senders: [Platform, Sender, number, 'utf16' | 'utf8'][] = [
  [
    'telegram',
    createTelegramSender({ token: '1:x', webhookSecret: undefined, botUsername: 'b', apiRoot: undefined }),
    4096,
    'utf16',
  ],
  ['wecom', createWecomSender({ token: 't', aesKey: 'k', receiveId: '', botName: undefined } as never), 2048, 'utf8'],
  [
    'onebot',
    createOneBotSender({ apiUrl: 'http://127.0.0.1:1', accessToken: undefined, secret: undefined }),
    2900,
    'utf16',
  ],
]

let id = 0
const answer = (platform: Platform, text: string, name: string): QueuedMessage => ({
  id: ++id,
  projectId: 1,
  platform,
  target: { kind: 'group', id: '42' },
  text,
  attempts: 0,
  createdAt: new Date(0),
  priority: 0,
  replyTo: { userId: String(id), name },
})
const size = (t: string, unit: 'utf16' | 'utf8') => (unit === 'utf8' ? Buffer.byteLength(t) : t.length)

describe.each(senders)('merging for %s', (platform, sender, max, unit) => {
  it(`splits only between answers, each message at most ${max} ${unit === 'utf8' ? 'bytes' : 'characters'}`, () => {
    const limit = sender.limit?.({ kind: 'group', id: '42' })
    expect(limit).toEqual({ max, unit })
    // 200 answers of about 60 characters (CJK: 3 bytes each in UTF-8), in order
    const queued = Array.from({ length: 200 }, (_, i) =>
      answer(platform, `报备成功 F${i}：客户${'甲'.repeat(50)}`, `经纪人${i}`),
    )
    const batches = mergeForChat(queued, limit ?? { max, unit })
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.flatMap((b) => b.ids)).toEqual(queued.map((m) => m.id))
    for (const b of batches) {
      expect(size(b.delivery.text, unit)).toBeLessThanOrEqual(max)
      // every answer is whole and names its sender
      for (const m of queued.filter((q) => b.ids.includes(q.id)))
        expect(b.delivery.text).toContain(`@${m.replyTo?.name} ${m.text}`)
    }
    // and no room was wasted: the next answer would not have fit
    const [first, second] = batches
    const next = queued.find((q) => q.id === second?.ids[0])
    expect(size(`${first?.delivery.text}\n\n@${next?.replyTo?.name} ${next?.text}`, unit)).toBeGreaterThan(max)
  })
})
