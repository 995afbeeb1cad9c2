import { describe, expect, it } from 'vitest'
import type { QueuedMessage } from '../../src/app/ports.ts'
import { mergeForChat } from '../../src/chat/merge.ts'

let id = 0
const queued = (text: string, extra: Partial<QueuedMessage> = {}): QueuedMessage => ({
  id: ++id,
  projectId: 1,
  platform: 'onebot',
  target: { kind: 'group', id: '42' },
  text,
  attempts: 0,
  createdAt: new Date(0),
  priority: 1,
  ...extra,
})
const PNG = Buffer.from('89504e470d0a1a0a', 'hex')
const limit = { max: 2900, unit: 'utf16' } as const

describe('merging messages that carry a picture, a file or buttons', () => {
  it('sends such a message alone, in its place, its parts turned into what a sender takes', () => {
    const before = queued('王五 签到成功', { priority: 0, replyTo: { userId: '1', name: '王五' } })
    const board = queued('销控（2026-12-01 15:40）共 3 套', {
      priority: 0,
      replyTo: { userId: '2', name: '李四', messageId: '77' },
      parts: [{ kind: 'image', mime: 'image/png', base64: PNG.toString('base64') }],
    })
    const after1 = queued('【公告】明早 9 点开会')
    const after2 = queued('【提醒】F3 保护期明天到期')
    const batches = mergeForChat([before, board, after1, after2], limit)

    expect(batches.map((b) => b.ids)).toEqual([[before.id], [board.id], [after1.id, after2.id]])
    expect(batches[0]?.delivery.text).toBe('王五 签到成功')
    expect(batches[1]?.delivery.text).toBe('销控（2026-12-01 15:40）共 3 套')
    expect(batches[1]?.delivery.parts).toEqual([
      { kind: 'quote', messageId: '77' },
      { kind: 'text', text: '销控（2026-12-01 15:40）共 3 套' },
      { kind: 'image', data: PNG, mime: 'image/png', name: 'board.png' },
    ])
    expect(batches[2]?.delivery.text).toBe('【公告】明早 9 点开会\n\n【提醒】F3 保护期明天到期')
  })

  it('buttons become one row, a file keeps its name, link and caption', () => {
    const request = queued('【待审批】D3 小定 3-1-1201', {
      target: { kind: 'direct', id: '9' },
      parts: [
        {
          kind: 'buttons',
          buttons: [
            { label: '批准', command: '/批准 D3' },
            { label: '驳回', command: '/驳回 D3' },
          ],
        },
      ],
    })
    const file = queued('已导出 佣金 2026-11：/files/abc', {
      target: { kind: 'direct', id: '9' },
      parts: [
        {
          kind: 'document',
          fileName: '佣金.xlsx',
          mime: 'application/octet-stream',
          base64: 'AAE=',
          link: '/files/abc',
          caption: '已导出 佣金 2026-11',
        },
      ],
    })
    const [a, b] = mergeForChat([request, file], limit)
    expect(a?.delivery.parts?.[1]).toEqual({
      kind: 'buttons',
      rows: [
        [
          { label: '批准', command: '/批准 D3' },
          { label: '驳回', command: '/驳回 D3' },
        ],
      ],
    })
    expect(b?.delivery.parts?.[1]).toEqual({
      kind: 'document',
      data: Buffer.from([0, 1]),
      mime: 'application/octet-stream',
      name: '佣金.xlsx',
      link: '/files/abc',
      caption: '已导出 佣金 2026-11',
    })
  })
})
