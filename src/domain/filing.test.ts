import { describe, expect, it } from 'vitest'
import { decideFiling, decideVisit, isProtected, type Ownership, protectionReminderAt } from './filing.ts'

const SH = 'Asia/Shanghai'
const DAYS = 15
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

// Agency 1 filed on 2026-12-01 at 10:00 local: protected through 12-15, ends 2026-12-16 00:00 local.
const FILED = at('2026-12-01T02:00:00Z')
const END = at('2026-12-15T16:00:00Z')
const owned = (over: Partial<Ownership> = {}): Ownership => ({
  agencyId: 1,
  filingId: 7,
  since: FILED,
  until: END,
  dealCode: null,
  ...over,
})

describe('isProtected', () => {
  it('nobody owns an unknown customer', () => {
    expect(isProtected(null, FILED)).toBe(false)
  })
  it('protected until the last millisecond before the end; free at the end and after', () => {
    expect(isProtected(owned(), ms(END, -1))).toBe(true)
    expect(isProtected(owned(), END)).toBe(false)
    expect(isProtected(owned(), ms(END, 1))).toBe(false)
  })
  it('rule 5: a deal lock never lapses', () => {
    expect(isProtected(owned({ dealCode: 'D3' }), at('2030-01-01T00:00:00Z'))).toBe(true)
  })
})

describe('decideFiling (R12)', () => {
  it('rule 1: a new customer is claimed for 15 days counting the filing day as day 1', () => {
    const v = decideFiling(null, 1, FILED, DAYS, SH)
    expect(v).toEqual({ kind: 'claim', until: END, previous: null })
  })
  it('rule 1: filed at 23:59:59.999 local the protection still ends 15 days after that date', () => {
    const v = decideFiling(null, 1, at('2026-12-01T15:59:59.999Z'), DAYS, SH)
    expect(v.kind === 'claim' && v.until.toISOString()).toBe('2026-12-15T16:00:00.000Z')
  })
  it('rule 1: filed at 00:00 local of the next day ends a day later', () => {
    const v = decideFiling(null, 1, at('2026-12-01T16:00:00.000Z'), DAYS, SH)
    expect(v.kind === 'claim' && v.until.toISOString()).toBe('2026-12-16T16:00:00.000Z')
  })
  it('rule 2: another agency filing at end − 1 ms is a collision under R12; the first agency keeps the customer', () => {
    const v = decideFiling(owned(), 2, ms(END, -1), DAYS, SH)
    expect(v).toEqual({ kind: 'collision', owner: owned(), rule: 'R12' })
  })
  it('rule 4: at the end instant the next agency owns the customer (R12 "15天后归新约访者所有")', () => {
    const v = decideFiling(owned(), 2, END, DAYS, SH)
    expect(v).toEqual({ kind: 'claim', until: at('2026-12-30T16:00:00Z'), previous: owned() })
  })
  it('rule 4: and at end + 1 ms', () => {
    expect(decideFiling(owned(), 2, ms(END, 1), DAYS, SH).kind).toBe('claim')
  })
  it('rule 3: the same agency filing again is already-owned and does not renew', () => {
    const v = decideFiling(owned(), 1, at('2026-12-10T02:00:00Z'), DAYS, SH)
    expect(v).toEqual({ kind: 'already-owned', owner: owned() })
  })
  it('rule 3 → 4: the same agency after its protection ended claims anew', () => {
    const v = decideFiling(owned(), 1, END, DAYS, SH)
    expect(v.kind).toBe('claim')
  })
  it('rule 5: a customer with a live deal stays locked long after the protection; a collision cites R13', () => {
    const locked = owned({ dealCode: 'D3' })
    const v = decideFiling(locked, 2, at('2027-03-01T00:00:00Z'), DAYS, SH)
    expect(v).toEqual({ kind: 'collision', owner: locked, rule: 'R13' })
  })
  it('rule 5: the deal agency itself re-filing a locked customer is already-owned', () => {
    const locked = owned({ dealCode: 'S2' })
    expect(decideFiling(locked, 1, at('2027-03-01T00:00:00Z'), DAYS, SH).kind).toBe('already-owned')
  })
  it('the protection length is an input (a later settings change does not move an existing end)', () => {
    const v = decideFiling(null, 1, FILED, 30, SH)
    expect(v.kind === 'claim' && v.until.toISOString()).toBe('2026-12-30T16:00:00.000Z')
    expect(isProtected(owned(), END)).toBe(false) // the stored end stays what it was
  })
})

describe('decideVisit (rule 3)', () => {
  it('a visit renews the owner’s protection from the visit day as day 1', () => {
    const v = decideVisit(owned(), at('2026-12-10T02:00:00Z'), DAYS, SH)
    expect(v).toEqual({ kind: 'renew', until: at('2026-12-24T16:00:00Z'), previousUntil: END })
  })
  it('a visit on the last day (end − 1 ms) still renews', () => {
    const v = decideVisit(owned(), ms(END, -1), DAYS, SH)
    expect(v).toEqual({ kind: 'renew', until: at('2026-12-29T16:00:00Z'), previousUntil: END })
  })
  it('a visit at the end instant finds nobody protecting the customer', () => {
    expect(decideVisit(owned(), END, DAYS, SH)).toEqual({ kind: 'not-protected', previous: owned() })
  })
  it('a visit for an unknown customer is not-protected', () => {
    expect(decideVisit(null, FILED, DAYS, SH)).toEqual({ kind: 'not-protected', previous: null })
  })
  it('a renewal never shortens: a longer existing protection is kept', () => {
    const long = owned({ until: at('2027-01-31T16:00:00Z') })
    const v = decideVisit(long, at('2026-12-10T02:00:00Z'), DAYS, SH)
    expect(v).toEqual({ kind: 'renew', until: long.until, previousUntil: long.until })
  })
  it('a renewal never shortens even when the configured period was cut to 1 day', () => {
    const v = decideVisit(owned(), at('2026-12-02T02:00:00Z'), 1, SH)
    expect(v.kind === 'renew' && v.until).toEqual(END)
  })
  it('a deal-locked customer’s visit renews too (the lock stays)', () => {
    const locked = owned({ dealCode: 'D3', until: at('2026-11-01T00:00:00Z') })
    const v = decideVisit(locked, at('2026-12-10T02:00:00Z'), DAYS, SH)
    expect(v.kind).toBe('renew')
  })
})

describe('protectionReminderAt (2 days before protection ends)', () => {
  const S = { protectionReminderDays: 2, protectionReminderTime: { hour: 9, minute: 0 } }
  it('a protection ending 12-16 00:00 local is reminded 12-14 09:00 local', () => {
    expect(protectionReminderAt(FILED, END, S, SH)).toEqual(at('2026-12-14T01:00:00Z'))
  })
  it('across a year end: ending 2027-01-02 00:00 → 2026-12-31 09:00', () => {
    expect(protectionReminderAt(FILED, at('2027-01-01T16:00:00Z'), S, SH)).toEqual(at('2026-12-31T01:00:00Z'))
  })
  it('no reminder when the protection started after that instant (end − 1 ms of the window: still one)', () => {
    const reminder = at('2026-12-14T01:00:00Z')
    expect(protectionReminderAt(ms(reminder, -1), END, S, SH)).toEqual(reminder)
    expect(protectionReminderAt(reminder, END, S, SH)).toBeNull()
  })
  it('days and time come from settings', () => {
    const s = { protectionReminderDays: 1, protectionReminderTime: { hour: 18, minute: 30 } }
    expect(protectionReminderAt(FILED, END, s, SH)).toEqual(at('2026-12-15T10:30:00Z'))
  })
})
