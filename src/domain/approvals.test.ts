import { describe, expect, it } from 'vitest'
import { approvalQueue, type PendingApproval } from './approvals.ts'

const item = (code: string, since: string, heldUntil: string): PendingApproval => ({
  kind: code.startsWith('D') ? 'deposit' : code.startsWith('S') ? 'subscription' : 'refund',
  id: Number(code.slice(1)),
  code,
  unitCode: '3-1-1201',
  agencyName: '链家',
  amountFen: 100_000,
  since: new Date(since),
  heldUntil: new Date(heldUntil),
})

describe('待审批', () => {
  const now = new Date('2026-12-03T09:00:00+08:00')
  const items = [
    item('S1', '2026-12-02T10:00:00+08:00', '2026-12-08T00:00:00+08:00'),
    item('D2', '2026-12-01T15:40:00+08:00', '2026-12-04T00:00:00+08:00'),
    item('R1', '2026-12-02T10:00:00+08:00', '2026-12-04T09:00:00+08:00'),
    item('D9', '2026-11-28T10:00:00+08:00', '2026-12-03T09:00:00+08:00'),
  ]

  it('oldest first; a hold already over is no longer waiting', () => {
    expect(approvalQueue(items, now, 24).map((i) => i.code)).toEqual(['D2', 'R1', 'S1'])
    const before = new Date(now.getTime() - 1)
    expect(approvalQueue(items, before, 24).map((i) => i.code)).toEqual(['D9', 'D2', 'R1', 'S1'])
  })

  it('flags a hold ending within the hours set, the boundary included', () => {
    const q = approvalQueue(items, now, 24)
    expect(q.map((i) => [i.code, i.urgent])).toEqual([
      ['D2', true],
      ['R1', true], // exactly 24 h left
      ['S1', false],
    ])
    expect(approvalQueue(items, new Date(now.getTime() - 1), 24).find((i) => i.code === 'R1')?.urgent).toBe(false)
  })
})
