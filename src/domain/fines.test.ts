import { describe, expect, it } from 'vitest'
import {
  commissionForfeit,
  countedFines,
  decideFine,
  decideReversal,
  escalationsOf,
  FINE_CATALOGUE,
  FINE_CODES,
  type FineEntry,
  type FineRequest,
  parseFineCode,
  standingWarnings,
} from './fines.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const S = DEFAULT_SETTINGS
const at = (iso: string) => new Date(iso)

let nextId = 1
const entry = (over: Partial<FineEntry>): FineEntry => ({
  id: nextId++,
  agencyId: 1,
  staffId: 11,
  code: '培训',
  quantity: 1,
  amountFen: 10_000,
  issuedAt: at('2026-12-05T02:00:00Z'),
  reversesId: null,
  ...over,
})
const reversal = (of: FineEntry, issuedAt = at('2026-12-06T02:00:00Z')) =>
  entry({ ...of, id: nextId++, amountFen: of.amountFen === 0 ? 0 : -of.amountFen, reversesId: of.id, issuedAt })
const fine = (req: Partial<FineRequest> & Pick<FineRequest, 'code'>, ledger: FineEntry[] = []) =>
  decideFine({ agencyId: 1, staffId: 11, ...req }, ledger, S)
const value = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
  return r.value
}

describe('catalogue (SPEC.md fines table)', () => {
  it('every code with its seed rule and its default amount in fen', () => {
    const table = FINE_CODES.map((c) => [c, FINE_CATALOGUE[c].rule, S.fines.unitFen[c]])
    expect(table).toEqual([
      ['培训', 'R5', 10_000],
      ['不配合', 'R6', null],
      ['态度', 'R7', 20_000],
      ['抢客', 'R9', 10_000],
      ['派单', 'R11', 100_000],
      ['捣乱', 'R13', 1_000_000],
      ['大厅', 'R16', 20_000],
      ['水杯', 'R16', 5_000],
      ['谈判桌', 'R19', 5_000],
      ['工服', 'R20', 20_000],
      ['复印', 'R18', 50],
    ])
  })
  it('parseFineCode', () => {
    expect(parseFineCode(' 态度 ')).toEqual({ ok: true, value: '态度' })
    expect(parseFineCode('迟到')).toEqual({ ok: false, error: { code: 'fine.unknown-code', input: '迟到' } })
  })
})

describe('amounts and quantities', () => {
  it('fixed amounts per occurrence', () => {
    expect(value(fine({ code: '培训' }))).toEqual({
      code: '培训',
      rule: 'R5',
      agencyId: 1,
      staffId: 11,
      quantity: 1,
      amountFen: 10_000,
      occurrence: 1,
      warningOnly: false,
      escalation: null,
      warning: null,
    })
    expect(value(fine({ code: '抢客', staffId: null })).amountFen).toBe(10_000)
    expect(value(fine({ code: '大厅' })).amountFen).toBe(20_000)
    expect(value(fine({ code: '水杯' })).amountFen).toBe(5_000)
  })
  it('复印: 0.5 yuan per page', () => {
    expect(value(fine({ code: '复印', quantity: 37 }))).toMatchObject({ quantity: 37, amountFen: 1_850 })
    expect(value(fine({ code: '复印' }))).toMatchObject({ quantity: 1, amountFen: 50 })
  })
  it('派单: 1000 yuan per customer received', () => {
    expect(value(fine({ code: '派单', quantity: 3 }))).toMatchObject({ quantity: 3, amountFen: 300_000 })
  })
  it('quantity must be a whole number from 1 to the maximum', () => {
    expect(fine({ code: '复印', quantity: S.fines.maxQuantity }).ok).toBe(true)
    for (const q of [0, -1, 1.5, S.fines.maxQuantity + 1, Number.NaN])
      expect(fine({ code: '复印', quantity: q })).toEqual({
        ok: false,
        error: { code: 'fine.quantity-invalid', fineCode: '复印', max: S.fines.maxQuantity },
      })
  })
  it('a quantity for a fine counted once is refused (1 is accepted)', () => {
    expect(fine({ code: '培训', quantity: 2 })).toEqual({
      ok: false,
      error: { code: 'fine.quantity-not-allowed', fineCode: '培训' },
    })
    expect(fine({ code: '培训', quantity: 1 }).ok).toBe(true)
  })
  it('不配合: the manager sets the amount, and must', () => {
    expect(value(fine({ code: '不配合', amountFen: 50_000 }))).toMatchObject({ amountFen: 50_000, escalation: null })
    expect(fine({ code: '不配合' })).toEqual({ ok: false, error: { code: 'fine.amount-required', fineCode: '不配合' } })
    expect(fine({ code: '不配合', amountFen: 0 })).toEqual({
      ok: false,
      error: { code: 'fine.amount-required', fineCode: '不配合' },
    })
  })
  it('an amount for a catalogue-priced fine is refused', () => {
    expect(fine({ code: '培训', amountFen: 5_000 })).toEqual({
      ok: false,
      error: { code: 'fine.amount-not-allowed', fineCode: '培训' },
    })
  })
  it('amounts come from settings', () => {
    const settings = { fines: { ...S.fines, unitFen: { ...S.fines.unitFen, 培训: 20_000 } } }
    expect(value(decideFine({ code: '培训', agencyId: 1, staffId: null }, [], settings)).amountFen).toBe(20_000)
  })
})

describe('态度 (R7): 200 each, 3rd for the same agent disqualifies and forfeits the month', () => {
  it('needs an agent', () => {
    expect(fine({ code: '态度', staffId: null })).toEqual({
      ok: false,
      error: { code: 'fine.agent-required', fineCode: '态度' },
    })
  })
  it('1st: nothing more; 2nd: the warning; 3rd: the escalation', () => {
    const first = entry({ code: '态度', amountFen: 20_000 })
    const second = entry({ code: '态度', amountFen: 20_000 })
    expect(value(fine({ code: '态度' }))).toMatchObject({ occurrence: 1, escalation: null, warning: null })
    expect(value(fine({ code: '态度' }, [first]))).toMatchObject({
      occurrence: 2,
      escalation: null,
      warning: { code: '态度', agencyId: 1, staffId: 11, count: 2, next: 'agent-disqualified', at: 3 },
    })
    expect(value(fine({ code: '态度' }, [first, second]))).toMatchObject({
      occurrence: 3,
      amountFen: 20_000,
      warning: null,
      escalation: { kind: 'agent-disqualified', rule: 'R7', agencyId: 1, staffId: 11, commission: 'forfeited' },
    })
  })
  it('counts per agent: another agent’s fines do not count', () => {
    const others = [entry({ code: '态度', staffId: 12 }), entry({ code: '态度', staffId: 12 })]
    expect(value(fine({ code: '态度' }, others))).toMatchObject({ occurrence: 1, escalation: null, warning: null })
  })
  it('a reversed fine no longer counts', () => {
    const first = entry({ code: '态度' })
    const second = entry({ code: '态度' })
    const r = value(fine({ code: '态度' }, [first, second, reversal(first)]))
    expect(r).toMatchObject({ occurrence: 2, escalation: null, warning: { count: 2 } })
  })
})

describe('派单 (R11): 1000 per customer; 2nd for the agency dismisses it and confiscates the commission', () => {
  it('1st: the warning; 2nd: the escalation', () => {
    expect(value(fine({ code: '派单', staffId: null }))).toMatchObject({
      occurrence: 1,
      escalation: null,
      warning: { code: '派单', agencyId: 1, count: 1, next: 'agency-dismissed', at: 2 },
    })
    const first = entry({ code: '派单', amountFen: 100_000, staffId: null })
    expect(value(fine({ code: '派单', staffId: 12 }, [first]))).toMatchObject({
      occurrence: 2,
      warning: null,
      escalation: { kind: 'agency-dismissed', rule: 'R11', agencyId: 1, commission: 'confiscated' },
    })
  })
  it('counts per agency, not per agent; another agency’s do not count', () => {
    const otherAgency = entry({ code: '派单', agencyId: 2 })
    expect(value(fine({ code: '派单' }, [otherAgency])).occurrence).toBe(1)
  })
  it('after a reversal the next one is the 1st again', () => {
    const first = entry({ code: '派单' })
    expect(value(fine({ code: '派单' }, [first, reversal(first)]))).toMatchObject({ occurrence: 1, escalation: null })
  })
})

describe('捣乱, 不配合, 谈判桌, 工服', () => {
  it('捣乱 (R13): 10000 and the agency dismissed; the commission is kept', () => {
    expect(value(fine({ code: '捣乱' }))).toMatchObject({
      amountFen: 1_000_000,
      escalation: { kind: 'agency-dismissed', rule: 'R13', agencyId: 1, commission: null },
    })
  })
  it('不配合 (R6) marked serious: the agency dismissed, the month forfeited', () => {
    expect(value(fine({ code: '不配合', amountFen: 50_000, severe: true }))).toMatchObject({
      escalation: { kind: 'agency-dismissed', rule: 'R6', agencyId: 1, commission: 'forfeited' },
    })
    expect(fine({ code: '培训', severe: true })).toEqual({
      ok: false,
      error: { code: 'fine.severe-not-allowed', fineCode: '培训' },
    })
  })
  it('谈判桌 (R19): 1st a warning of 0, then 50 each, per agency', () => {
    expect(value(fine({ code: '谈判桌' }))).toMatchObject({ amountFen: 0, warningOnly: true, occurrence: 1 })
    const warned = entry({ code: '谈判桌', amountFen: 0, staffId: 12 })
    expect(value(fine({ code: '谈判桌' }, [warned]))).toMatchObject({ amountFen: 5_000, warningOnly: false })
    const second = entry({ code: '谈判桌', amountFen: 5_000 })
    expect(value(fine({ code: '谈判桌' }, [warned, second]))).toMatchObject({ amountFen: 5_000, occurrence: 3 })
    expect(value(fine({ code: '谈判桌', agencyId: 2 }, [warned])).warningOnly).toBe(true)
  })
  it('谈判桌: a reversed warning leaves the next one a warning again', () => {
    const warned = entry({ code: '谈判桌', amountFen: 0 })
    expect(value(fine({ code: '谈判桌' }, [warned, reversal(warned)])).warningOnly).toBe(true)
  })
  it('工服 (R20): 200 once per agent', () => {
    expect(value(fine({ code: '工服' })).amountFen).toBe(20_000)
    const charged = entry({ code: '工服', amountFen: 20_000 })
    expect(fine({ code: '工服' }, [charged])).toEqual({
      ok: false,
      error: { code: 'fine.uniform-already-charged', rule: 'R20', staffId: 11, fineId: charged.id },
    })
    expect(fine({ code: '工服', staffId: 12 }, [charged]).ok).toBe(true)
    expect(fine({ code: '工服' }, [charged, reversal(charged)]).ok).toBe(true)
    expect(fine({ code: '工服', staffId: null })).toEqual({
      ok: false,
      error: { code: 'fine.agent-required', fineCode: '工服' },
    })
  })
})

describe('reversal (冲正)', () => {
  it('a new entry with the negated amount referencing the original', () => {
    const original = entry({ code: '培训' })
    expect(decideReversal(original.id, [original], S)).toEqual({
      ok: true,
      value: {
        reversesId: original.id,
        agencyId: 1,
        staffId: 11,
        code: '培训',
        quantity: 1,
        amountFen: -10_000,
        undoes: [],
      },
    })
  })
  it('a warning of 0 reverses to 0, not −0', () => {
    const warned = entry({ code: '谈判桌', amountFen: 0 })
    const r = value(decideReversal(warned.id, [warned], S))
    expect(Object.is(r.amountFen, 0)).toBe(true)
  })
  it('once only; never a reversal; an unknown id is not found', () => {
    const original = entry({})
    const rev = reversal(original)
    expect(decideReversal(original.id, [original, rev], S)).toEqual({
      ok: false,
      error: { code: 'reversal.already-reversed', fineId: original.id, reversalId: rev.id },
    })
    expect(decideReversal(rev.id, [original, rev], S)).toEqual({
      ok: false,
      error: { code: 'reversal.of-reversal', fineId: rev.id },
    })
    expect(decideReversal(999_999, [original], S)).toEqual({
      ok: false,
      error: { code: 'reversal.not-found', fineId: 999_999 },
    })
  })
  it('reversing the escalating fine reports the escalation it undoes', () => {
    const a = entry({ code: '态度' })
    const b = entry({ code: '态度' })
    const c = entry({ code: '态度' })
    const r = value(decideReversal(c.id, [a, b, c], S))
    expect(r.undoes).toEqual([
      {
        fineId: c.id,
        escalation: { kind: 'agent-disqualified', rule: 'R7', agencyId: 1, staffId: 11, commission: 'forfeited' },
      },
    ])
  })
  it('reversing an earlier fine takes the later escalating one below the limit', () => {
    const a = entry({ code: '派单', issuedAt: at('2026-12-01T02:00:00Z') })
    const b = entry({ code: '派单', issuedAt: at('2026-12-05T02:00:00Z') })
    const r = value(decideReversal(a.id, [a, b], S))
    expect(r.undoes.map((u) => u.fineId)).toEqual([b.id])
  })
})

describe('ledger views', () => {
  it('countedFines: originals without reversal, optionally as of an instant', () => {
    const a = entry({ issuedAt: at('2026-12-01T02:00:00Z') })
    const ra = reversal(a, at('2026-12-10T02:00:00Z'))
    const b = entry({ issuedAt: at('2026-12-12T02:00:00Z') })
    const ledger = [a, ra, b]
    expect(countedFines(ledger).map((e) => e.id)).toEqual([b.id])
    expect(countedFines(ledger, at('2026-12-10T02:00:00Z')).map((e) => e.id)).toEqual([a.id])
    expect(countedFines(ledger, at('2026-12-10T02:00:00.001Z')).map((e) => e.id)).toEqual([])
  })
  it('escalationsOf orders by instant, then id', () => {
    const late = entry({ code: '捣乱', issuedAt: at('2026-12-09T00:00:00Z') })
    const early = entry({ code: '捣乱', issuedAt: at('2026-12-02T00:00:00Z') })
    expect(escalationsOf([late, early], S).map((x) => x.fine.id)).toEqual([early.id, late.id])
  })
  it('standingWarnings: one step before an escalation, per agent for 态度 and per agency for 派单', () => {
    const ledger = [
      entry({ code: '态度', staffId: 11 }),
      entry({ code: '态度', staffId: 11 }),
      entry({ code: '态度', staffId: 12 }),
      entry({ code: '派单', agencyId: 1 }),
      entry({ code: '派单', agencyId: 2 }),
      entry({ code: '派单', agencyId: 2 }),
    ]
    expect(standingWarnings(ledger, at('2027-01-01T00:00:00Z'), S)).toEqual([
      { code: '态度', agencyId: 1, staffId: 11, count: 2, next: 'agent-disqualified', at: 3 },
      { code: '派单', agencyId: 1, count: 1, next: 'agency-dismissed', at: 2 },
    ])
    expect(standingWarnings(ledger, at('2026-12-05T02:00:00Z'), S)).toEqual([])
  })
})

describe('commissionForfeit (how escalations reach commission.ts)', () => {
  const third = (issuedAt: Date) => [
    entry({ code: '态度', issuedAt: at('2026-11-03T02:00:00Z') }),
    entry({ code: '态度', issuedAt: at('2026-11-10T02:00:00Z') }),
    entry({ code: '态度', issuedAt }),
  ]
  it('the 3rd 态度 forfeits the month it was issued in — local month, Asia/Shanghai', () => {
    // 23:59:59.999 local on 11-30 is November; 00:00 local on 12-01 is December
    const nov = third(at('2026-11-30T15:59:59.999Z'))
    const dec = third(at('2026-11-30T16:00:00.000Z'))
    const forfeit = (ledger: FineEntry[], m: string) => commissionForfeit(ledger, m, S, SH)
    expect(forfeit(nov, '2026-11')).toMatchObject({ kind: 'forfeited', code: '态度', rule: 'R7' })
    expect(forfeit(nov, '2026-12')).toBeNull()
    expect(forfeit(dec, '2026-11')).toBeNull()
    expect(forfeit(dec, '2026-12')).toMatchObject({ kind: 'forfeited', fineId: dec[2]?.id })
  })
  it('the 2nd 派单 confiscates; 捣乱 dismisses without touching the commission', () => {
    const flyers = [entry({ code: '派单', issuedAt: at('2026-11-02T02:00:00Z') }), entry({ code: '派单' })]
    expect(commissionForfeit(flyers, '2026-12', S, SH)).toMatchObject({ kind: 'confiscated', rule: 'R11' })
    expect(commissionForfeit([entry({ code: '捣乱' })], '2026-12', S, SH)).toBeNull()
  })
  it('a reversal in the same month lifts it; one in a later month does not rewrite the closed month', () => {
    const ledger = third(at('2026-11-20T02:00:00Z'))
    const last = ledger[2] as FineEntry
    expect(commissionForfeit([...ledger, reversal(last, at('2026-11-30T15:59:59.999Z'))], '2026-11', S, SH)).toBeNull()
    expect(
      commissionForfeit([...ledger, reversal(last, at('2026-11-30T16:00:00.000Z'))], '2026-11', S, SH),
    ).toMatchObject({ kind: 'forfeited' })
  })
})
