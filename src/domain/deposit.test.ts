import { describe, expect, it } from 'vitest'
import {
  approveDeposit,
  approveRefund,
  type Deposit,
  type DepositRequest,
  decideDeposit,
  depositStatusAt,
  expireDeposit,
  holdReminderAt,
  isHoldLive,
  parseDepositKind,
  rejectDeposit,
  rejectRefund,
  requestRefund,
} from './deposit.ts'
import type { Ownership } from './filing.ts'
import { DEFAULT_SETTINGS } from './settings.ts'
import type { Unit } from './unit.ts'

const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

// SPEC: small deposit paid 2026-12-01 15:40 local → released 2026-12-04 00:00 local
const PAID = at('2026-12-01T07:40:00Z')
const END = at('2026-12-03T16:00:00.000Z')

const unit = (over: Partial<Unit> = {}): Unit => ({
  id: 5,
  code: '3-1-1201',
  areaCm2: 8950,
  listPriceFen: 168_000_000,
  floorPriceFen: 160_000_000,
  basement: false,
  status: 'available',
  depositId: null,
  heldUntil: null,
  ...over,
})
const heldBy = (depositId: number, until = END) => unit({ status: 'held', depositId, heldUntil: until })

const protection = (agencyId: number, until: Date, dealCode: string | null = null): Ownership => ({
  agencyId,
  filingId: 1,
  since: at('2026-11-20T02:00:00Z'),
  until,
  dealCode,
})

const request = (over: Partial<DepositRequest> = {}): DepositRequest => ({
  unit: unit(),
  ownership: protection(1, at('2026-12-10T16:00:00Z')),
  requesterAgencyId: 1,
  kind: 'small',
  now: PAID,
  ...over,
})

const deposit = (over: Partial<Deposit> = {}): Deposit => ({
  id: 7,
  unitId: 5,
  agencyId: 1,
  requesterAgencyId: 1,
  kind: 'small',
  amountFen: 100_000,
  status: 'approved',
  recordedAt: PAID,
  heldUntil: END,
  ...over,
})

describe('decideDeposit (R14/R15)', () => {
  it('SPEC: a small deposit 2026-12-01 15:40 holds until 12-04 00:00 local, 1000 yuan, reminder 12-03 09:00', () => {
    expect(decideDeposit(request(), DEFAULT_SETTINGS, SH)).toEqual({
      ok: true,
      value: {
        kind: 'small',
        amountFen: 100_000,
        recordedAt: PAID,
        heldUntil: END,
        reminderAt: at('2026-12-03T01:00:00Z'),
        agencyId: 1,
        attribution: 'protection',
        mismatch: null,
        status: 'pending',
      },
    })
  })
  it('a big deposit: 10000 yuan, 7 days', () => {
    const r = decideDeposit(request({ kind: 'big' }), DEFAULT_SETTINGS, SH)
    expect(r.ok && [r.value.amountFen, r.value.heldUntil, r.value.reminderAt]).toEqual([
      1_000_000,
      at('2026-12-07T16:00:00Z'),
      at('2026-12-07T01:00:00Z'),
    ])
  })
  it('across local midnight and a month end: recorded 11-30 23:59:59.999 vs 12-01 00:00 local', () => {
    const before = decideDeposit(request({ now: at('2026-11-30T15:59:59.999Z') }), DEFAULT_SETTINGS, SH)
    const after = decideDeposit(request({ now: at('2026-11-30T16:00:00.000Z') }), DEFAULT_SETTINGS, SH)
    expect(before.ok && before.value.heldUntil).toEqual(at('2026-12-02T16:00:00Z'))
    expect(after.ok && after.value.heldUntil).toEqual(at('2026-12-03T16:00:00Z'))
  })
  it('amounts and days come from settings', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      deposits: { big: { amountFen: 2_000_000, holdDays: 10 }, small: { amountFen: 50_000, holdDays: 2 } },
    }
    const r = decideDeposit(request(), settings, SH)
    expect(r.ok && [r.value.amountFen, r.value.heldUntil]).toEqual([50_000, at('2026-12-02T16:00:00Z')])
  })
  it('no second hold: a live hold is refused up to its last millisecond (R14)', () => {
    const r = decideDeposit(request({ unit: heldBy(6), now: ms(END, -1) }), DEFAULT_SETTINGS, SH)
    expect(r).toEqual({
      ok: false,
      error: { code: 'unit.not-available', rule: 'R14', unitCode: '3-1-1201', status: 'held', heldUntil: END },
    })
  })
  it('a lapsed hold takes a new deposit from its end instant', () => {
    expect(decideDeposit(request({ unit: heldBy(6), now: END }), DEFAULT_SETTINGS, SH).ok).toBe(true)
  })
  it('subscribed, signed and locked units are refused', () => {
    for (const status of ['subscribed', 'signed', 'locked'] as const) {
      const r = decideDeposit(request({ unit: unit({ status }) }), DEFAULT_SETTINGS, SH)
      expect(!r.ok && r.error.code).toBe('unit.not-available')
    }
  })
  it('R13: the deal goes to the protecting agency; the manager is told when it is not the requester’s', () => {
    const r = decideDeposit(request({ ownership: protection(2, at('2026-12-10T16:00:00Z')) }), DEFAULT_SETTINGS, SH)
    expect(r.ok && [r.value.agencyId, r.value.attribution, r.value.mismatch]).toEqual([
      2,
      'protection',
      { ownerAgencyId: 2, requesterAgencyId: 1 },
    ])
  })
  it('protection of another agency at its end − 1 ms still decides; at its end the requester’s agency gets it', () => {
    const until = at('2026-12-05T16:00:00Z')
    const before = decideDeposit(request({ ownership: protection(2, until), now: ms(until, -1) }), DEFAULT_SETTINGS, SH)
    const atEnd = decideDeposit(request({ ownership: protection(2, until), now: until }), DEFAULT_SETTINGS, SH)
    expect(before.ok && before.value.agencyId).toBe(2)
    expect(atEnd.ok && [atEnd.value.agencyId, atEnd.value.attribution, atEnd.value.mismatch]).toEqual([
      1,
      'requester',
      null,
    ])
  })
  it('a deal-locked customer stays with the deal agency', () => {
    const r = decideDeposit(
      request({ ownership: protection(3, at('2026-01-01T00:00:00Z'), 'D2') }),
      DEFAULT_SETTINGS,
      SH,
    )
    expect(r.ok && r.value.agencyId).toBe(3)
  })
  it('nobody protects the customer: the requester’s agency, recorded as such', () => {
    const r = decideDeposit(request({ ownership: null }), DEFAULT_SETTINGS, SH)
    expect(r.ok && [r.value.agencyId, r.value.attribution, r.value.mismatch]).toEqual([1, 'requester', null])
  })
  it('recorded by the secretary (no agency): the protecting agency, no mismatch; nobody protecting → agency required', () => {
    const owned = decideDeposit(request({ requesterAgencyId: null }), DEFAULT_SETTINGS, SH)
    expect(owned.ok && [owned.value.agencyId, owned.value.mismatch]).toEqual([1, null])
    expect(decideDeposit(request({ requesterAgencyId: null, ownership: null }), DEFAULT_SETTINGS, SH)).toEqual({
      ok: false,
      error: { code: 'agency.required' },
    })
  })
})

describe('holdReminderAt: 09:00 local on the hold’s last day', () => {
  const oneDay = (recorded: Date) => holdReminderAt(recorded, at('2026-12-01T16:00:00Z'), DEFAULT_SETTINGS, SH)
  it('a one-day hold recorded before 09:00 gets a reminder at 09:00 the same day', () => {
    expect(oneDay(at('2026-12-01T00:59:59.999Z'))).toEqual(at('2026-12-01T01:00:00Z'))
  })
  it('recorded at or after 09:00 on its last day: no reminder', () => {
    expect(oneDay(at('2026-12-01T01:00:00Z'))).toBeNull()
    expect(oneDay(at('2026-12-01T01:00:00.001Z'))).toBeNull()
  })
  it('the reminder time comes from settings', () => {
    expect(holdReminderAt(PAID, END, { holdReminderTime: { hour: 18, minute: 30 } }, SH)).toEqual(
      at('2026-12-03T10:30:00Z'),
    )
  })
})

describe('live hold and status as of an instant', () => {
  it('pending and approved deposits hold until end − 1 ms, read as released at the end', () => {
    for (const status of ['pending', 'approved'] as const) {
      expect(isHoldLive(deposit({ status }), ms(END, -1))).toBe(true)
      expect(isHoldLive(deposit({ status }), END)).toBe(false)
      expect(depositStatusAt(deposit({ status }), ms(END, -1))).toBe(status)
      expect(depositStatusAt(deposit({ status }), END)).toBe('released')
      expect(depositStatusAt(deposit({ status }), ms(END, 1))).toBe('released')
    }
  })
  it('closed deposits stay as they are', () => {
    for (const status of ['rejected', 'refunded', 'released', 'subscribed'] as const) {
      expect(isHoldLive(deposit({ status }), PAID)).toBe(false)
      expect(depositStatusAt(deposit({ status }), ms(END, 1))).toBe(status)
    }
  })
})

describe('approve / reject (R15)', () => {
  it('approves a pending deposit until end − 1 ms', () => {
    expect(approveDeposit(deposit({ status: 'pending' }), ms(END, -1))).toEqual({ ok: true, value: deposit() })
  })
  it('at the hold end it can no longer be approved (R14)', () => {
    expect(approveDeposit(deposit({ status: 'pending' }), END)).toEqual({
      ok: false,
      error: { code: 'deposit.hold-ended', rule: 'R14', depositId: 7, heldUntil: END },
    })
  })
  it('only a pending deposit can be approved or rejected', () => {
    expect(approveDeposit(deposit(), PAID)).toEqual({
      ok: false,
      error: { code: 'deposit.not-pending', depositId: 7, status: 'approved' },
    })
    expect(rejectDeposit(deposit({ status: 'rejected' }), heldBy(7))).toEqual({
      ok: false,
      error: { code: 'deposit.not-pending', depositId: 7, status: 'rejected' },
    })
  })
  it('rejection releases the unit', () => {
    expect(rejectDeposit(deposit({ status: 'pending' }), heldBy(7))).toEqual({
      ok: true,
      value: { deposit: deposit({ status: 'rejected' }), unit: unit(), released: true },
    })
  })
  it('rejecting after the hold lapsed and the unit was taken by another deposit leaves that hold alone', () => {
    const other = heldBy(8, at('2026-12-10T16:00:00Z'))
    expect(rejectDeposit(deposit({ status: 'pending' }), other)).toEqual({
      ok: true,
      value: { deposit: deposit({ status: 'rejected' }), unit: other, released: false },
    })
  })
})

describe('expireDeposit (R14 保留期满房源自动开封)', () => {
  it('nothing at end − 1 ms', () => {
    expect(expireDeposit(deposit(), heldBy(7), ms(END, -1))).toBeNull()
  })
  it('at the end an approved or pending hold is released with its unit', () => {
    for (const status of ['approved', 'pending'] as const) {
      expect(expireDeposit(deposit({ status }), heldBy(7), END)).toEqual({
        deposit: deposit({ status: 'released' }),
        unit: unit(),
        released: true,
      })
    }
  })
  it('a late sweep releases the same way', () => {
    expect(expireDeposit(deposit(), heldBy(7), at('2027-01-01T00:00:00Z'))?.released).toBe(true)
  })
  it('subscribed, refunded, rejected and already released deposits are left alone', () => {
    for (const status of ['subscribed', 'refunded', 'rejected', 'released'] as const)
      expect(expireDeposit(deposit({ status }), unit({ status: 'subscribed', depositId: 7 }), END)).toBeNull()
  })
})

describe('refunds (R15 退定)', () => {
  it('a live approved deposit without subscription may ask for a refund', () => {
    expect(
      requestRefund(deposit(), [{ id: 1, status: 'rejected' }], [{ id: 1, depositId: 7, status: 'rejected' }], PAID),
    ).toEqual({
      ok: true,
      value: { depositId: 7, status: 'pending' },
    })
  })
  it('until end − 1 ms; at the end the hold has ended', () => {
    expect(requestRefund(deposit(), [], [], ms(END, -1)).ok).toBe(true)
    expect(requestRefund(deposit(), [], [], END)).toEqual({
      ok: false,
      error: { code: 'deposit.hold-ended', rule: 'R14', depositId: 7, heldUntil: END },
    })
  })
  it('a pending deposit is rejected, not refunded', () => {
    expect(requestRefund(deposit({ status: 'pending' }), [], [], PAID)).toEqual({
      ok: false,
      error: { code: 'refund.not-refundable', depositId: 7, status: 'pending' },
    })
  })
  it('not with a pending, approved or signed subscription', () => {
    for (const status of ['pending', 'approved', 'signed'] as const)
      expect(requestRefund(deposit(), [{ id: 3, status }], [], PAID)).toEqual({
        ok: false,
        error: { code: 'refund.subscription-exists', depositId: 7, subscriptionId: 3, status },
      })
  })
  it('once at a time', () => {
    expect(requestRefund(deposit(), [], [{ id: 2, depositId: 7, status: 'pending' }], PAID)).toEqual({
      ok: false,
      error: { code: 'refund.already-requested', depositId: 7, refundId: 2 },
    })
  })
  it('approval refunds the deposit and releases the unit', () => {
    expect(approveRefund({ id: 2, depositId: 7, status: 'pending' }, deposit(), heldBy(7))).toEqual({
      ok: true,
      value: {
        refund: { id: 2, depositId: 7, status: 'approved' },
        deposit: deposit({ status: 'refunded' }),
        unit: unit(),
        released: true,
      },
    })
  })
  it('approval still refunds a deposit whose hold ended meanwhile', () => {
    const r = approveRefund({ id: 2, depositId: 7, status: 'pending' }, deposit({ status: 'released' }), unit())
    expect(r.ok && [r.value.deposit.status, r.value.released]).toEqual(['refunded', false])
  })
  it('not for a deposit subscribed meanwhile, not twice', () => {
    expect(
      approveRefund({ id: 2, depositId: 7, status: 'pending' }, deposit({ status: 'subscribed' }), unit()),
    ).toEqual({
      ok: false,
      error: { code: 'refund.not-refundable', depositId: 7, status: 'subscribed' },
    })
    expect(approveRefund({ id: 2, depositId: 7, status: 'approved' }, deposit(), heldBy(7))).toEqual({
      ok: false,
      error: { code: 'refund.not-pending', refundId: 2, status: 'approved' },
    })
  })
  it('rejection keeps the deposit', () => {
    expect(rejectRefund({ id: 2, depositId: 7, status: 'pending' })).toEqual({
      ok: true,
      value: { id: 2, depositId: 7, status: 'rejected' },
    })
    expect(rejectRefund({ id: 2, depositId: 7, status: 'rejected' }).ok).toBe(false)
  })
})

describe('parseDepositKind', () => {
  it('大定 / 小定', () => {
    expect(parseDepositKind('大定')).toEqual({ ok: true, value: 'big' })
    expect(parseDepositKind(' 小定 ')).toEqual({ ok: true, value: 'small' })
    expect(parseDepositKind('中定')).toEqual({ ok: false, error: { code: 'deposit.kind-invalid', input: '中定' } })
  })
})
