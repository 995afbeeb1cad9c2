import { describe, expect, it } from 'vitest'
import { buildReport, fairness, type PeriodRecords, perMille } from './report.ts'

const t = (n: number) => new Date(Date.UTC(2026, 11, 1) + n * 60_000)
const A = { id: 1, name: '链家', seq: 1, active: true }
const B = { id: 2, name: '我爱我家', seq: 2, active: true }
const C = { id: 3, name: '中原', seq: 3, active: true }

const empty: PeriodRecords = {
  filings: [],
  visits: [],
  deposits: [],
  subscriptions: [],
  signings: [],
  collisions: [],
  turns: [],
  fines: [],
}

const turn = (id: number, agencyId: number, outcome: 'assigned' | 'skipped' | 'owner' = 'assigned') => ({
  id,
  agencyId,
  outcome,
  reason: outcome === 'skipped' ? 'no-check-in' : null,
  leadKind: id % 2 ? ('walk-in' as const) : ('call' as const),
  at: t(id),
})

describe('报表', () => {
  it('counts each stage from its records, rates over the stage before', () => {
    const r = buildReport([B, A], {
      ...empty,
      filings: [1, 2, 3, 4].map((i) => ({ code: `F${i}`, agencyId: 1, at: t(i) })),
      visits: [
        { code: 'V1', agencyId: 1, at: t(5) },
        { code: 'V2', agencyId: 1, at: t(6) },
        { code: 'V3', agencyId: 1, at: t(7) },
      ],
      deposits: [
        { code: 'D1', agencyId: 1, at: t(8), status: 'approved' },
        { code: 'D2', agencyId: 1, at: t(9), status: 'rejected' },
        { code: 'D3', agencyId: 2, at: t(9), status: 'pending' },
      ],
      subscriptions: [
        { code: 'S1', agencyId: 1, at: t(10), status: 'signed' },
        { code: 'S2', agencyId: 1, at: t(11), status: 'rejected' },
      ],
      signings: [{ code: 'C1', agencyId: 1, at: t(12) }],
      collisions: [{ code: 'A7', ownerAgencyId: 1, challengerAgencyId: 2, at: t(3) }],
      fines: [
        { code: 'P1', agencyId: 2, amountFen: 20_000, reversal: false, at: t(1) },
        { code: 'P2', agencyId: 2, amountFen: -20_000, reversal: true, at: t(2) },
        { code: 'P3', agencyId: 2, amountFen: 5_000, reversal: false, at: t(3) },
      ],
    })
    const [a, b] = r.lines
    expect(a?.name).toBe('链家') // rotation order
    expect(a?.funnel).toEqual({
      filings: ['F1', 'F2', 'F3', 'F4'],
      visits: ['V1', 'V2', 'V3'],
      deposits: ['D1'],
      subscriptions: ['S1'],
      signings: ['C1'],
    })
    expect(a?.rates).toEqual({ visits: 750, deposits: 333, subscriptions: 1000, signings: 1000 })
    expect(a?.overall).toBe(250)
    expect(a?.collisionsWon).toEqual(['A7'])
    expect(b?.collisionsLost).toEqual(['A7'])
    expect(b?.funnel.deposits).toEqual(['D3'])
    expect(b?.rates.deposits).toBeNull()
    expect(b?.overall).toBeNull()
    expect(b?.fines).toEqual({ count: 2, netFen: 5_000, codes: ['P1', 'P2', 'P3'] })
    expect(r.bySignings).toEqual([
      { agencyId: 1, name: '链家', rank: 1 },
      { agencyId: 2, name: '我爱我家', rank: 2 },
    ])
    expect(r.byConversion).toEqual([{ agencyId: 1, name: '链家', rank: 1 }])
  })

  it('equal figures share a rank', () => {
    const r = buildReport([A, B, C], {
      ...empty,
      filings: [
        { code: 'F1', agencyId: 1, at: t(1) },
        { code: 'F2', agencyId: 2, at: t(1) },
        { code: 'F3', agencyId: 3, at: t(1) },
        { code: 'F4', agencyId: 3, at: t(1) },
      ],
      signings: [
        { code: 'C1', agencyId: 1, at: t(2) },
        { code: 'C2', agencyId: 2, at: t(2) },
      ],
    })
    expect(r.bySignings.map((x) => [x.name, x.rank])).toEqual([
      ['链家', 1],
      ['我爱我家', 1],
      ['中原', 3],
    ])
    expect(r.byConversion.map((x) => [x.name, x.rank])).toEqual([
      ['链家', 1],
      ['我爱我家', 1],
      ['中原', 3],
    ])
  })

  it('walk-ins and calls dealt, protected leads, skips with their reasons', () => {
    const r = buildReport([A, B], {
      ...empty,
      turns: [turn(1, 1), turn(2, 2, 'skipped'), turn(3, 1), turn(4, 2, 'owner')],
    })
    expect(r.lines[0]).toMatchObject({ dealt: { walkIn: 2, call: 0 }, toOwner: 0, skipped: [] })
    expect(r.lines[1]).toMatchObject({
      dealt: { walkIn: 0, call: 0 },
      toOwner: 1,
      skipped: [{ reason: 'no-check-in', count: 1 }],
    })
  })

  it('per mille rounds half up', () => {
    expect(perMille(1, 3)).toBe(333)
    expect(perMille(2, 3)).toBe(667)
    expect(perMille(1, 0)).toBeNull()
    expect(perMille(5, 4)).toBe(1250)
  })
})

describe('rotation fairness (R3)', () => {
  it('a perfect rotation: everyone at the mean, the longest wait one less than the agencies', () => {
    const f = fairness(
      [A, B, C],
      [1, 2, 3, 1, 2, 3].map((a, i) => turn(i + 1, a)),
    )
    expect(f).toMatchObject({ total: 6, agencies: 3, meanTenths: 20 })
    expect(f.perAgency.map((p) => [p.dealt, p.diffTenths, p.longestGap])).toEqual([
      [2, 0, 2],
      [2, 0, 2],
      [2, 0, 2],
    ])
  })

  it('an agency skipped waits longer; dealt against the mean in tenths', () => {
    // 中原 skipped twice (nobody checked in), so 链家 and 我爱我家 share the leads
    const turns = [turn(1, 1), turn(2, 2), turn(3, 3, 'skipped'), turn(4, 1), turn(5, 2), turn(6, 3), turn(7, 1)]
    const f = fairness([A, B, C], turns)
    expect(f.total).toBe(6)
    expect(f.meanTenths).toBe(20)
    expect(f.perAgency.map((p) => [p.name, p.dealt, p.diffTenths, p.longestGap])).toEqual([
      ['链家', 3, 10, 2],
      ['我爱我家', 2, 0, 2],
      ['中原', 1, -10, 4],
    ])
    expect(f.longestGap).toEqual({ agencyId: 3, name: '中原', leads: 4 })
  })

  it('a dismissed agency counts only if it was dealt a lead; nothing dealt, no gap', () => {
    const gone = { ...C, active: false }
    expect(fairness([A, B, gone], [turn(1, 1)]).agencies).toBe(2)
    expect(fairness([A, B, gone], [turn(1, 3)]).agencies).toBe(3)
    expect(fairness([A, B], []).longestGap).toBeNull()
    expect(fairness([], []).meanTenths).toBe(0)
  })
})
