import { describe, expect, it } from 'vitest'
import {
  commissionRateBp,
  dismissalProposal,
  monthlyStatement,
  parseStatementMonth,
  projectOneMoreSigning,
  type SignedContract,
  statementSeries,
} from './commission.ts'
import type { FineEntry } from './fines.ts'
import { formatFen } from './money.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const S = DEFAULT_SETTINGS
const at = (iso: string) => new Date(iso)
const yuan = (n: number) => n * 100

let nextId = 1
const contract = (priceYuan: number, signedAt: string, over: Partial<SignedContract> = {}): SignedContract => ({
  id: nextId++,
  agencyId: 1,
  priceFen: yuan(priceYuan),
  basement: false,
  signedAt: at(signedAt),
  ...over,
})
const fineEntry = (over: Partial<FineEntry>): FineEntry => ({
  id: nextId++,
  agencyId: 1,
  staffId: 11,
  code: '培训',
  quantity: 1,
  amountFen: 10_000,
  issuedAt: at('2026-12-10T02:00:00Z'),
  reversesId: null,
  ...over,
})
const december = (contracts: SignedContract[], fines: FineEntry[] = [], carryInFen = 0) =>
  monthlyStatement({ agencyId: 1, month: '2026-12', contracts, fines, carryInFen }, S, SH)

describe('worked examples (R4)', () => {
  it('1,200,000 + 1,350,000 + a 150,000 basement unit and one 培训 fine → 43,100.00 at 1.6%', () => {
    const s = december(
      [
        contract(1_200_000, '2026-12-03T03:00:00Z'),
        contract(1_350_000, '2026-12-12T03:00:00Z'),
        contract(150_000, '2026-12-20T03:00:00Z', { basement: true }),
      ],
      [fineEntry({ code: '培训', amountFen: 10_000 })],
    )
    expect(s).toMatchObject({
      countedUnits: 2,
      basementUnits: 1,
      targetMet: true,
      rateBp: 160,
      totalPriceFen: yuan(2_700_000),
      grossFen: yuan(43_200),
      commissionFen: yuan(43_200),
      finesFen: yuan(100),
      carryInFen: 0,
      netFen: yuan(43_100),
      payableFen: yuan(43_100),
      carryOutFen: 0,
      forfeit: null,
      warnings: [],
    })
    expect(formatFen(s.netFen)).toBe('43,100.00')
  })
  it('one 2,000,000 signing and one 派单 fine (1 customer) → 29,000.00 at 1.5%, warned that a 2nd 派单 dismisses', () => {
    const s = december(
      [contract(2_000_000, '2026-12-08T03:00:00Z')],
      [fineEntry({ code: '派单', quantity: 1, amountFen: 100_000 })],
    )
    expect(s).toMatchObject({
      countedUnits: 1,
      targetMet: false,
      rateBp: 150,
      grossFen: yuan(30_000),
      finesFen: yuan(1_000),
      netFen: yuan(29_000),
      warnings: [{ code: '派单', agencyId: 1, count: 1, next: 'agency-dismissed', at: 2 }],
    })
    expect(formatFen(s.netFen)).toBe('29,000.00')
  })
  it('a basement unit does not lift the rate: one flat + one basement is 1.5% on both', () => {
    const s = december([
      contract(1_000_000, '2026-12-03T03:00:00Z'),
      contract(150_000, '2026-12-04T03:00:00Z', { basement: true }),
    ])
    expect([s.countedUnits, s.rateBp, s.grossFen]).toEqual([1, 150, yuan(17_250)])
  })
  it('no signing, no fine: all zero at the reduced rate', () => {
    expect(december([])).toMatchObject({ rateBp: 150, totalPriceFen: 0, grossFen: 0, netFen: 0, payableFen: 0 })
  })
})

describe('rate and rounding', () => {
  it('the target and rates come from settings', () => {
    expect(commissionRateBp(1, S)).toBe(150)
    expect(commissionRateBp(2, S)).toBe(160)
    expect(commissionRateBp(5, S)).toBe(160)
    const three = { commission: { ...S.commission, monthlyTarget: 3, fullRateBp: 200 } }
    expect(commissionRateBp(2, three)).toBe(150)
    expect(commissionRateBp(3, three)).toBe(200)
  })
  it('once per month on the total, half-up to the fen', () => {
    // 1,000,000.33 × 1.5% = 15,000.00495 → 15,000.00; 1,000,000.34 × 1.5% = 15,000.0051 → 15,000.01
    const down = december([{ ...contract(0, '2026-12-03T03:00:00Z'), priceFen: 100_000_033 }])
    const up = december([{ ...contract(0, '2026-12-03T03:00:00Z'), priceFen: 100_000_034 }])
    expect(down.grossFen).toBe(1_500_000)
    expect(up.grossFen).toBe(1_500_001)
  })
})

describe('month boundary in Asia/Shanghai', () => {
  const other = contract(1_000_000, '2026-11-10T03:00:00Z')
  const lastMs = contract(1_500_000, '2026-11-30T15:59:59.999Z') // 11-30 23:59:59.999 local
  const firstMs = contract(1_500_000, '2026-11-30T16:00:00.000Z') // 12-01 00:00 local
  const month = (m: string, cs: SignedContract[]) =>
    monthlyStatement({ agencyId: 1, month: m, contracts: cs, fines: [], carryInFen: 0 }, S, SH)

  it('signed 23:59:59.999 local on the last day: November reaches the target', () => {
    expect(month('2026-11', [other, lastMs])).toMatchObject({ countedUnits: 2, rateBp: 160, grossFen: yuan(40_000) })
    expect(month('2026-12', [other, lastMs]).countedUnits).toBe(0)
  })
  it('signed 00:00 local on the 1st: it counts in December, November stays under target', () => {
    expect(month('2026-11', [other, firstMs])).toMatchObject({ countedUnits: 1, rateBp: 150, grossFen: yuan(15_000) })
    expect(month('2026-12', [other, firstMs])).toMatchObject({ countedUnits: 1, grossFen: yuan(22_500) })
  })
  it('a fine issued at 23:59:59.999 local on the last day is deducted in that month', () => {
    const late = fineEntry({ issuedAt: at('2026-11-30T15:59:59.999Z') })
    const s = (m: string) =>
      monthlyStatement({ agencyId: 1, month: m, contracts: [], fines: [late], carryInFen: 0 }, S, SH)
    expect(s('2026-11').finesFen).toBe(10_000)
    expect(s('2026-12').finesFen).toBe(0)
  })
})

describe('carry-over of a negative balance', () => {
  it('a month with more fines than commission carries the negative balance into the next', () => {
    const contracts = [
      contract(500_000, '2026-11-05T03:00:00Z'), // 7,500 at 1.5%
      contract(1_000_000, '2026-12-05T03:00:00Z'), // 15,000 at 1.5%
    ]
    const fines = [fineEntry({ code: '捣乱', amountFen: yuan(10_000), issuedAt: at('2026-11-20T02:00:00Z') })]
    const [nov, dec, jan] = statementSeries({ agencyId: 1, from: '2026-11', to: '2027-01', contracts, fines }, S, SH)
    expect(nov).toMatchObject({ grossFen: yuan(7_500), finesFen: yuan(10_000), netFen: yuan(-2_500) })
    expect(nov).toMatchObject({ payableFen: 0, carryOutFen: yuan(-2_500) })
    expect(dec).toMatchObject({ grossFen: yuan(15_000), carryInFen: yuan(-2_500), netFen: yuan(12_500) })
    expect(dec).toMatchObject({ payableFen: yuan(12_500), carryOutFen: 0 })
    expect(jan).toMatchObject({ carryInFen: 0, netFen: 0 })
  })
  it('a negative balance keeps carrying through empty months', () => {
    const fines = [fineEntry({ amountFen: yuan(300), issuedAt: at('2026-11-20T02:00:00Z') })]
    const series = statementSeries({ agencyId: 1, from: '2026-11', to: '2027-02', contracts: [], fines }, S, SH)
    expect(series.map((s) => [s.month, s.carryInFen, s.netFen])).toEqual([
      ['2026-11', 0, yuan(-300)],
      ['2026-12', yuan(-300), yuan(-300)],
      ['2027-01', yuan(-300), yuan(-300)],
      ['2027-02', yuan(-300), yuan(-300)],
    ])
  })
  it('a positive carry-in is ignored: only a negative balance carries', () => {
    expect(december([], [], yuan(500)).carryInFen).toBe(0)
  })
  it('a reversal of last month’s fine is credited in the month it is entered', () => {
    const original = fineEntry({ amountFen: 10_000, issuedAt: at('2026-11-20T02:00:00Z') })
    const rev = fineEntry({ amountFen: -10_000, reversesId: original.id, issuedAt: at('2026-12-02T02:00:00Z') })
    const s = december([contract(1_000_000, '2026-12-05T03:00:00Z')], [original, rev])
    expect([s.finesFen, s.netFen]).toEqual([-10_000, yuan(15_100)])
  })
})

describe('forfeited and confiscated months', () => {
  const rude = (day: string) => fineEntry({ code: '态度', amountFen: 20_000, issuedAt: at(day) })
  it('the 3rd 态度 forfeits the month: commission 0, the fines still deducted and carried', () => {
    const fines = [rude('2026-11-02T02:00:00Z'), rude('2026-12-02T02:00:00Z'), rude('2026-12-09T02:00:00Z')]
    const s = december(
      [contract(1_200_000, '2026-12-03T03:00:00Z'), contract(1_350_000, '2026-12-12T03:00:00Z')],
      fines,
    )
    expect(s).toMatchObject({
      grossFen: yuan(40_800),
      forfeit: { kind: 'forfeited', code: '态度', rule: 'R7' },
      commissionFen: 0,
      finesFen: yuan(400),
      netFen: yuan(-400),
      carryOutFen: yuan(-400),
    })
  })
  it('the 2nd 派单 confiscates', () => {
    const fines = [
      fineEntry({ code: '派单', amountFen: 100_000, issuedAt: at('2026-11-02T02:00:00Z') }),
      fineEntry({ code: '派单', amountFen: 100_000, issuedAt: at('2026-12-02T02:00:00Z') }),
    ]
    const s = december([contract(2_000_000, '2026-12-03T03:00:00Z')], fines)
    expect(s).toMatchObject({ forfeit: { kind: 'confiscated' }, commissionFen: 0, netFen: yuan(-1_000), warnings: [] })
  })
  it('fines of other agencies are ignored', () => {
    const s = december([contract(2_000_000, '2026-12-03T03:00:00Z')], [fineEntry({ agencyId: 2 })])
    expect(s.finesFen).toBe(0)
  })
  it('contracts of other agencies are ignored', () => {
    expect(december([contract(2_000_000, '2026-12-03T03:00:00Z', { agencyId: 2 })]).totalPriceFen).toBe(0)
  })
})

describe('projectOneMoreSigning (再签1套 → …)', () => {
  it('one signing of 2,000,000 at 1.5%; one more at 1,500,000 lifts the rate to 1.6%: +26,000', () => {
    const s = december([contract(2_000_000, '2026-12-08T03:00:00Z')])
    expect(projectOneMoreSigning(s, yuan(1_500_000), S)).toEqual({
      priceFen: yuan(1_500_000),
      rateBpBefore: 150,
      rateBpAfter: 160,
      commissionBeforeFen: yuan(30_000),
      commissionAfterFen: yuan(56_000),
      deltaFen: yuan(26_000),
    })
  })
  it('at target already the rate stays and the delta is the price × 1.6%', () => {
    const s = december([contract(1_200_000, '2026-12-03T03:00:00Z'), contract(1_350_000, '2026-12-12T03:00:00Z')])
    const p = projectOneMoreSigning(s, yuan(1_000_000), S)
    expect([p.rateBpBefore, p.rateBpAfter, p.deltaFen]).toEqual([160, 160, yuan(16_000)])
  })
  it('from nothing, one signing stays at 1.5%', () => {
    const p = projectOneMoreSigning(december([]), yuan(1_000_000), S)
    expect([p.rateBpAfter, p.deltaFen]).toEqual([150, yuan(15_000)])
  })
  it('in a forfeited month one more signing changes nothing', () => {
    const fines = ['2026-12-01T02:00:00Z', '2026-12-02T02:00:00Z', '2026-12-03T02:00:00Z'].map((d) =>
      fineEntry({ code: '态度', issuedAt: at(d) }),
    )
    const p = projectOneMoreSigning(december([], fines), yuan(1_000_000), S)
    expect(p.deltaFen).toBe(0)
  })
})

describe('dismissalProposal (R4 连续2月没有完成任务劝退)', () => {
  const input = (contracts: SignedContract[], activeSince = '2026-01-15') => ({
    agencyId: 1,
    closedMonth: '2026-12',
    activeSince,
    contracts,
  })
  it('two months in a row under target → proposed to the manager', () => {
    const contracts = [contract(1_000_000, '2026-11-05T03:00:00Z'), contract(1_000_000, '2026-12-05T03:00:00Z')]
    expect(dismissalProposal(input(contracts), S, SH)).toEqual({
      agencyId: 1,
      rule: 'R4',
      months: ['2026-11', '2026-12'],
    })
  })
  it('a month at target breaks the run', () => {
    const contracts = [
      contract(1_000_000, '2026-11-05T03:00:00Z'),
      contract(1_000_000, '2026-11-06T03:00:00Z'),
      contract(1_000_000, '2026-12-05T03:00:00Z'),
    ]
    expect(dismissalProposal(input(contracts), S, SH)).toBeNull()
  })
  it('basement units do not count toward the target', () => {
    const contracts = [
      contract(1_000_000, '2026-11-05T03:00:00Z'),
      contract(150_000, '2026-11-06T03:00:00Z', { basement: true }),
      contract(1_000_000, '2026-12-05T03:00:00Z'),
      contract(1_000_000, '2026-12-06T03:00:00Z'),
    ]
    expect(dismissalProposal({ ...input(contracts), closedMonth: '2026-11' }, S, SH)).toEqual({
      agencyId: 1,
      rule: 'R4',
      months: ['2026-10', '2026-11'],
    })
  })
  it('the 2nd signing at 23:59:59.999 local on 12-31 saves December; at 00:00 on 01-01 it does not', () => {
    const base = [contract(1_000_000, '2026-12-05T03:00:00Z')]
    const inTime = [...base, contract(1_000_000, '2026-12-31T15:59:59.999Z')]
    const late = [...base, contract(1_000_000, '2026-12-31T16:00:00.000Z')]
    expect(dismissalProposal(input(inTime), S, SH)).toBeNull()
    expect(dismissalProposal(input(late), S, SH)?.months).toEqual(['2026-11', '2026-12'])
  })
  it('only full months count: joined on 11-01 counts, joined on 11-02 does not', () => {
    expect(dismissalProposal(input([], '2026-11-01'), S, SH)).not.toBeNull()
    expect(dismissalProposal(input([], '2026-11-02'), S, SH)).toBeNull()
  })
  it('across a year end', () => {
    expect(dismissalProposal({ ...input([]), closedMonth: '2027-01' }, S, SH)?.months).toEqual(['2026-12', '2027-01'])
  })
  it('the number of months comes from settings', () => {
    const three = { commission: { ...S.commission, dismissAfterMonthsUnder: 3 } }
    expect(dismissalProposal(input([]), three, SH)?.months).toEqual(['2026-10', '2026-11', '2026-12'])
  })
})

describe('parseStatementMonth', () => {
  it('accepts the usual ways to write a month', () => {
    for (const s of ['2026-11', '2026-11 ', '2026/11', '2026年11月', '202611', '２０２６-１１']) {
      expect([s, parseStatementMonth(s)]).toEqual([s, { ok: true, value: '2026-11' }])
    }
    expect(parseStatementMonth('2026-1')).toEqual({ ok: true, value: '2026-01' })
  })
  it('refuses impossible months and garbage', () => {
    for (const s of ['2026-13', '2026-00', '26-11', 'next', '', '2026-111'])
      expect(parseStatementMonth(s)).toEqual({ ok: false, error: { code: 'month.invalid', input: s } })
  })
})
