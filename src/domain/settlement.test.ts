import { describe, expect, it } from 'vitest'
import { decidePayment, decidePaymentReversal, monthSettlement, overdueAt, type PaymentEntry } from './settlement.ts'

const pay = (id: number, amountFen: number, reversesId: number | null = null): PaymentEntry => ({
  id,
  agencyId: 1,
  month: '2026-11',
  amountFen,
  paidAt: new Date('2026-12-05T02:00:00Z'),
  reversesId,
})

describe('monthSettlement', () => {
  it('paid is the sum of payments and reversals of that month; outstanding what remains', () => {
    const other = { ...pay(9, 500), month: '2026-10' }
    const s = monthSettlement('2026-11', 1_800_000, [pay(1, 1_000_000), pay(2, -1_000_000, 1), pay(3, 300_000), other])
    expect(s).toMatchObject({ paidFen: 300_000, outstandingFen: 1_500_000 })
    expect(s.payments.map((p) => p.id)).toEqual([1, 2, 3])
  })
})

describe('decidePayment', () => {
  const s = monthSettlement('2026-11', 1_800_000, [pay(1, 1_000_000)])
  it('takes up to what is owed, not a fen more', () => {
    expect(decidePayment(s, 800_000, '2026-12', '链家').ok).toBe(true)
    expect(decidePayment(s, 800_001, '2026-12', '链家')).toMatchObject({
      ok: false,
      error: { code: 'settlement.over' },
    })
  })
  it('refuses the running month and a month with nothing owed', () => {
    expect(decidePayment(s, 1, '2026-11', '链家')).toMatchObject({ error: { code: 'settlement.month-open' } })
    const paid = monthSettlement('2026-11', 1_000_000, [pay(1, 1_000_000)])
    expect(decidePayment(paid, 1, '2026-12', '链家')).toMatchObject({ error: { code: 'settlement.nothing-owed' } })
  })
})

describe('decidePaymentReversal', () => {
  it('once, never of a reversal', () => {
    expect(decidePaymentReversal(pay(1, 10), null, 1).ok).toBe(true)
    expect(decidePaymentReversal(pay(1, 10), pay(2, -10, 1), 1)).toMatchObject({
      error: { code: 'settlement.already-reversed', reversalId: 2 },
    })
    expect(decidePaymentReversal(pay(2, -10, 1), null, 2)).toMatchObject({ error: { code: 'settlement.of-reversal' } })
    expect(decidePaymentReversal(null, null, 5)).toMatchObject({ error: { code: 'settlement.not-found' } })
  })
})

describe('overdueAt', () => {
  it('00:00 local N days after the month closed: November + 30 days → 12-31 00:00 Shanghai', () => {
    expect(overdueAt('2026-11', 30, 'Asia/Shanghai')).toEqual(new Date('2026-12-30T16:00:00Z'))
    expect(overdueAt('2026-12', 30, 'Asia/Shanghai')).toEqual(new Date('2027-01-30T16:00:00Z'))
  })
})
