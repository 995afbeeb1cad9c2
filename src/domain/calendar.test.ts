import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  daysBetween,
  instantAt,
  isLocalDate,
  isLocalMonth,
  lastDayBefore,
  localDateOf,
  localMonthOf,
  localTimeOf,
  monthOf,
  monthRange,
  periodEnd,
  shortDate,
  startOfDay,
} from './calendar.ts'

const SH = 'Asia/Shanghai'
const NY = 'America/New_York'
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

describe('localDateOf / localMonthOf across midnight in Asia/Shanghai (UTC+8)', () => {
  it('23:59:59.999 local is still the old day; 00:00 local is the new one', () => {
    expect(localDateOf(at('2026-12-01T15:59:59.999Z'), SH)).toBe('2026-12-01')
    expect(localDateOf(at('2026-12-01T16:00:00.000Z'), SH)).toBe('2026-12-02')
  })
  it('the local month turns at 00:00 local on the 1st, eight hours before UTC does', () => {
    expect(localMonthOf(at('2026-11-30T15:59:59.999Z'), SH)).toBe('2026-11')
    expect(localMonthOf(at('2026-11-30T16:00:00.000Z'), SH)).toBe('2026-12')
  })
  it('the local year turns at 00:00 local on 1 January', () => {
    expect(localDateOf(at('2026-12-31T15:59:59.999Z'), SH)).toBe('2026-12-31')
    expect(localDateOf(at('2026-12-31T16:00:00.000Z'), SH)).toBe('2027-01-01')
  })
  it('local wall time', () => {
    expect(localTimeOf(at('2026-12-01T07:40:00Z'), SH)).toEqual({ hour: 15, minute: 40 })
    expect(localTimeOf(at('2026-12-01T16:00:00Z'), SH)).toEqual({ hour: 0, minute: 0 })
  })
})

describe('instantAt', () => {
  it('Shanghai: 00:00 and 09:00 local', () => {
    expect(instantAt('2026-12-04', SH).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    expect(startOfDay('2026-12-04', SH).toISOString()).toBe('2026-12-03T16:00:00.000Z')
    expect(instantAt('2026-12-03', SH, 9, 0).toISOString()).toBe('2026-12-03T01:00:00.000Z')
  })
  it('New York standard time (UTC−5) and daylight time (UTC−4)', () => {
    expect(instantAt('2026-01-15', NY).toISOString()).toBe('2026-01-15T05:00:00.000Z')
    expect(instantAt('2026-07-15', NY).toISOString()).toBe('2026-07-15T04:00:00.000Z')
  })
  it('New York on the DST change days: midnight on either side of the switch', () => {
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST
    expect(instantAt('2026-03-08', NY).toISOString()).toBe('2026-03-08T05:00:00.000Z')
    expect(instantAt('2026-03-09', NY).toISOString()).toBe('2026-03-09T04:00:00.000Z')
    expect(instantAt('2026-11-01', NY).toISOString()).toBe('2026-11-01T04:00:00.000Z')
    expect(instantAt('2026-11-02', NY).toISOString()).toBe('2026-11-02T05:00:00.000Z')
  })
  it('New York: a wall time that occurs twice gives the first occurrence (EDT)', () => {
    expect(instantAt('2026-11-01', NY, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z')
  })
})

describe('periodEnd: N days, the first day counts as day 1, ends 00:00 local on D+N', () => {
  it('SPEC example: a 3-day hold paid 2026-12-01 15:40 local ends 2026-12-04 00:00 local', () => {
    const paid = at('2026-12-01T07:40:00Z') // 15:40 in Shanghai
    expect(periodEnd(paid, 3, SH).toISOString()).toBe('2026-12-03T16:00:00.000Z')
  })
  it('any moment of the first day gives the same end: 00:00:00.000 and 23:59:59.999 local', () => {
    const end = '2026-12-03T16:00:00.000Z'
    expect(periodEnd(at('2026-11-30T16:00:00.000Z'), 3, SH).toISOString()).toBe(end) // 12-01 00:00 local
    expect(periodEnd(at('2026-12-01T15:59:59.999Z'), 3, SH).toISOString()).toBe(end) // 12-01 23:59:59.999 local
  })
  it('one millisecond after local midnight starts a new day 1, so the end moves a day', () => {
    expect(periodEnd(at('2026-12-01T16:00:00.000Z'), 3, SH).toISOString()).toBe('2026-12-04T16:00:00.000Z')
  })
  it('a 15-day protection filed 2026-12-01 ends 2026-12-16 00:00 local', () => {
    expect(periodEnd(at('2026-12-01T02:00:00Z'), 15, SH).toISOString()).toBe('2026-12-15T16:00:00.000Z')
  })
  it('across a month end and a year end', () => {
    // filed 2026-11-20 → 15 days → ends 12-05 00:00
    expect(periodEnd(at('2026-11-20T01:00:00Z'), 15, SH).toISOString()).toBe('2026-12-04T16:00:00.000Z')
    // small deposit 2026-12-30 → ends 2027-01-02 00:00
    expect(periodEnd(at('2026-12-30T10:00:00Z'), 3, SH).toISOString()).toBe('2027-01-01T16:00:00.000Z')
    // protection filed 2026-12-20 → ends 2027-01-04 00:00
    expect(periodEnd(at('2026-12-20T10:00:00Z'), 15, SH).toISOString()).toBe('2027-01-03T16:00:00.000Z')
  })
  it('across February of a common year', () => {
    expect(periodEnd(at('2027-02-26T04:00:00Z'), 7, SH).toISOString()).toBe('2027-03-04T16:00:00.000Z')
  })
  it('is not Shanghai-specific: a 3-day hold in New York across the spring DST change', () => {
    // 2026-03-07 12:00 EST → ends 2026-03-10 00:00 EDT = 04:00Z (the period is one hour shorter than 72 h)
    const paid = at('2026-03-07T17:00:00Z')
    const end = periodEnd(paid, 3, NY)
    expect(end.toISOString()).toBe('2026-03-10T04:00:00.000Z')
    expect(localDateOf(ms(end, -1), NY)).toBe('2026-03-09')
    expect(localDateOf(end, NY)).toBe('2026-03-10')
  })
  it('New York across the autumn DST change', () => {
    const paid = at('2026-10-31T16:00:00Z') // 12:00 EDT
    expect(periodEnd(paid, 3, NY).toISOString()).toBe('2026-11-03T05:00:00.000Z')
  })
  it('the same instant gives different ends in different zones', () => {
    const paid = at('2026-12-01T20:00:00Z') // 12-02 04:00 in Shanghai, 12-01 15:00 in New York
    expect(periodEnd(paid, 1, SH).toISOString()).toBe('2026-12-02T16:00:00.000Z')
    expect(periodEnd(paid, 1, NY).toISOString()).toBe('2026-12-02T05:00:00.000Z')
  })
})

describe('lastDayBefore', () => {
  it('the last local date inside a period', () => {
    expect(lastDayBefore(at('2026-12-03T16:00:00Z'), SH)).toBe('2026-12-03')
    expect(lastDayBefore(at('2027-01-01T16:00:00Z'), SH)).toBe('2027-01-01')
    expect(lastDayBefore(at('2026-12-01T16:00:00Z'), SH)).toBe('2026-12-01')
  })
})

describe('date arithmetic on local dates', () => {
  it('addDays across month, year and leap day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
  })
  it('daysBetween', () => {
    expect(daysBetween('2026-12-01', '2026-12-04')).toBe(3)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(daysBetween('2026-12-04', '2026-12-01')).toBe(-3)
    expect(daysBetween('2026-03-07', '2026-03-10')).toBe(3)
  })
  it('addMonths across a year end, both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2027-01', -1)).toBe('2026-12')
    expect(addMonths('2026-11', 14)).toBe('2028-01')
  })
  it('monthRange is [00:00 local on the 1st, 00:00 local on the next 1st)', () => {
    const r = monthRange('2026-12', SH)
    expect(r.start.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(r.end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(localMonthOf(ms(r.end, -1), SH)).toBe('2026-12')
    expect(localMonthOf(r.end, SH)).toBe('2027-01')
  })
  it('monthRange in New York follows DST (March starts at EST, April at EDT)', () => {
    const r = monthRange('2026-03', NY)
    expect(r.start.toISOString()).toBe('2026-03-01T05:00:00.000Z')
    expect(r.end.toISOString()).toBe('2026-04-01T04:00:00.000Z')
  })
  it('monthOf and shortDate', () => {
    expect(monthOf('2026-12-31')).toBe('2026-12')
    expect(shortDate('2026-12-15')).toBe('12-15')
  })
})

describe('validators', () => {
  it('isLocalMonth', () => {
    expect(isLocalMonth('2026-12')).toBe(true)
    expect(isLocalMonth('2026-13')).toBe(false)
    expect(isLocalMonth('2026-00')).toBe(false)
    expect(isLocalMonth('2026-1')).toBe(false)
  })
  it('isLocalDate refuses impossible dates', () => {
    expect(isLocalDate('2026-12-31')).toBe(true)
    expect(isLocalDate('2028-02-29')).toBe(true)
    expect(isLocalDate('2027-02-29')).toBe(false)
    expect(isLocalDate('2026-02-30')).toBe(false)
    expect(isLocalDate('2026-12-1')).toBe(false)
    expect(isLocalDate('20261201')).toBe(false)
  })
})
