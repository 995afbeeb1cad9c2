import { describe, expect, it } from 'vitest'
import type { Deposit } from './deposit.ts'
import {
  approveSubscription,
  decideSubscription,
  rejectSubscription,
  type Subscription,
  type SubscriptionRequest,
  signContract,
} from './subscription.ts'
import type { Unit } from './unit.ts'

const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

const PAID = at('2026-12-01T07:40:00Z')
const END = at('2026-12-03T16:00:00.000Z')
const NOW = at('2026-12-02T03:00:00Z')

const unit = (over: Partial<Unit> = {}): Unit => ({
  id: 5,
  code: '3-1-1201',
  areaCm2: 8950,
  listPriceFen: 168_000_000,
  floorPriceFen: 160_000_000,
  basement: false,
  status: 'held',
  depositId: 7,
  heldUntil: END,
  ...over,
})
const deposit = (over: Partial<Deposit> = {}): Deposit => ({
  id: 7,
  unitId: 5,
  agencyId: 2,
  requesterAgencyId: 1,
  kind: 'small',
  amountFen: 100_000,
  status: 'approved',
  recordedAt: PAID,
  heldUntil: END,
  ...over,
})
const request = (over: Partial<SubscriptionRequest> = {}): SubscriptionRequest => ({
  deposit: deposit(),
  unit: unit(),
  priceFen: 165_000_000,
  subscriptions: [],
  now: NOW,
  ...over,
})
const sub = (over: Partial<Subscription> = {}): Subscription => ({
  id: 3,
  depositId: 7,
  unitId: 5,
  agencyId: 2,
  priceFen: 165_000_000,
  status: 'pending',
  ...over,
})

describe('decideSubscription (R8, R21)', () => {
  it('a form on a live approved deposit is pending, attributed to the deposit’s agency', () => {
    expect(decideSubscription(request())).toEqual({
      ok: true,
      value: { depositId: 7, unitId: 5, agencyId: 2, priceFen: 165_000_000, aboveList: false, status: 'pending' },
    })
  })
  it('R8: the floor price itself is fine; one fen below is refused', () => {
    expect(decideSubscription(request({ priceFen: 160_000_000 })).ok).toBe(true)
    expect(decideSubscription(request({ priceFen: 159_999_999 }))).toEqual({
      ok: false,
      error: { code: 'subscription.below-floor', rule: 'R8', priceFen: 159_999_999, floorPriceFen: 160_000_000 },
    })
  })
  it('above the list price is allowed but flagged for the manager', () => {
    const r = decideSubscription(request({ priceFen: 168_000_001 }))
    expect(r.ok && r.value.aboveList).toBe(true)
    const atList = decideSubscription(request({ priceFen: 168_000_000 }))
    expect(atList.ok && atList.value.aboveList).toBe(false)
  })
  it('the hold must be live: end − 1 ms yes, at the end refused (R14)', () => {
    expect(decideSubscription(request({ now: ms(END, -1) })).ok).toBe(true)
    expect(decideSubscription(request({ now: END }))).toEqual({
      ok: false,
      error: { code: 'deposit.hold-ended', rule: 'R14', depositId: 7, heldUntil: END },
    })
  })
  it('the deposit must be approved first', () => {
    expect(decideSubscription(request({ deposit: deposit({ status: 'pending' }) }))).toEqual({
      ok: false,
      error: { code: 'subscription.deposit-not-approved', depositId: 7, status: 'pending' },
    })
    expect(decideSubscription(request({ deposit: deposit({ status: 'refunded' }) }))).toEqual({
      ok: false,
      error: { code: 'subscription.deposit-not-approved', depositId: 7, status: 'refunded' },
    })
  })
  it('the unit must still be held by the deposit', () => {
    expect(decideSubscription(request({ unit: unit({ depositId: 8 }) }))).toEqual({
      ok: false,
      error: { code: 'subscription.unit-not-held', depositId: 7, unitCode: '3-1-1201', status: 'held' },
    })
  })
  it('one open form per deposit; a rejected one does not count', () => {
    expect(decideSubscription(request({ subscriptions: [{ id: 3, status: 'pending' }] }))).toEqual({
      ok: false,
      error: { code: 'subscription.exists', depositId: 7, subscriptionId: 3, status: 'pending' },
    })
    expect(decideSubscription(request({ subscriptions: [{ id: 3, status: 'rejected' }] })).ok).toBe(true)
  })
})

describe('approveSubscription / rejectSubscription', () => {
  it('approval turns unit and deposit subscribed; the unit no longer expires', () => {
    expect(approveSubscription(sub(), deposit(), unit(), ms(END, -1))).toEqual({
      ok: true,
      value: {
        subscription: sub({ status: 'approved' }),
        deposit: deposit({ status: 'subscribed' }),
        unit: unit({ status: 'subscribed', heldUntil: null }),
      },
    })
  })
  it('a pending form does not stop the clock: at the hold end approval is refused', () => {
    expect(approveSubscription(sub(), deposit(), unit(), END)).toEqual({
      ok: false,
      error: { code: 'deposit.hold-ended', rule: 'R14', depositId: 7, heldUntil: END },
    })
  })
  it('only a pending form can be approved or rejected', () => {
    expect(approveSubscription(sub({ status: 'approved' }), deposit(), unit(), NOW)).toEqual({
      ok: false,
      error: { code: 'subscription.not-pending', subscriptionId: 3, status: 'approved' },
    })
    expect(rejectSubscription(sub())).toEqual({ ok: true, value: sub({ status: 'rejected' }) })
    expect(rejectSubscription(sub({ status: 'signed' })).ok).toBe(false)
  })
})

describe('signContract (签约; R4 month of signing)', () => {
  const subscribed = unit({ status: 'subscribed', heldUntil: null })
  it('signs an approved subscription’s unit', () => {
    const now = at('2026-12-10T06:00:00Z')
    expect(signContract(sub({ status: 'approved' }), subscribed, now, SH)).toEqual({
      ok: true,
      value: {
        subscription: sub({ status: 'signed' }),
        unit: { ...subscribed, status: 'signed' },
        contract: {
          subscriptionId: 3,
          unitId: 5,
          agencyId: 2,
          priceFen: 165_000_000,
          basement: false,
          signedAt: now,
          localMonth: '2026-12',
        },
      },
    })
  })
  it('23:59:59.999 local on the last day counts in that month; 00:00 local in the next', () => {
    const before = signContract(sub({ status: 'approved' }), subscribed, at('2026-12-31T15:59:59.999Z'), SH)
    const after = signContract(sub({ status: 'approved' }), subscribed, at('2026-12-31T16:00:00.000Z'), SH)
    expect(before.ok && before.value.contract.localMonth).toBe('2026-12')
    expect(after.ok && after.value.contract.localMonth).toBe('2027-01')
  })
  it('a pending or signed subscription cannot be signed', () => {
    expect(signContract(sub(), subscribed, NOW, SH)).toEqual({
      ok: false,
      error: { code: 'signing.not-approved', subscriptionId: 3, status: 'pending' },
    })
    expect(signContract(sub({ status: 'signed' }), subscribed, NOW, SH).ok).toBe(false)
  })
  it('a unit that is not subscribed by that deposit cannot be signed', () => {
    expect(signContract(sub({ status: 'approved' }), unit(), NOW, SH)).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'held', to: 'signed' },
    })
  })
})
