import { describe, expect, it } from 'vitest'
import { firesOn, firingsBetween, nextFiring, parseCron } from './cron.ts'

const SH = 'Asia/Shanghai'
const spec = (s: string) => {
  const r = parseCron(s)
  if (!r.ok) throw new Error(`invalid: ${s}`)
  return r.value
}
const iso = (ds: Date[]) => ds.map((d) => d.toISOString())

describe('parseCron', () => {
  it('reads lists, ranges, steps, names and Sunday as 0 or 7', () => {
    const s = spec('*/15 8-18/2 1,15 jan-mar mon-fri')
    expect(s.minutes).toEqual([0, 15, 30, 45])
    expect(s.hours).toEqual([8, 10, 12, 14, 16, 18])
    expect([...s.days]).toEqual([1, 15])
    expect([...s.months]).toEqual([1, 2, 3])
    expect([...s.weekdays].sort()).toEqual([1, 2, 3, 4, 5])
    expect([...spec('0 0 * * 7').weekdays]).toEqual([0])
    expect(spec('5/20 * * * *').minutes).toEqual([5, 25, 45])
    expect(spec('@daily').minutes).toEqual([0])
  })

  it('refuses a wrong field count and names the bad field', () => {
    expect(parseCron('0 8 * *')).toEqual({ ok: false, error: { code: 'cron.invalid', input: '0 8 * *', field: null } })
    expect(parseCron('0 0 8 * * *')).toMatchObject({ ok: false, error: { field: null } })
    expect(parseCron('60 8 * * *')).toMatchObject({ ok: false, error: { field: 'minute' } })
    expect(parseCron('0 24 * * *')).toMatchObject({ ok: false, error: { field: 'hour' } })
    expect(parseCron('0 8 0 * *')).toMatchObject({ ok: false, error: { field: 'day' } })
    expect(parseCron('0 8 * 13 *')).toMatchObject({ ok: false, error: { field: 'month' } })
    expect(parseCron('0 8 * * 8')).toMatchObject({ ok: false, error: { field: 'weekday' } })
    expect(parseCron('0 8 * * fri-mon')).toMatchObject({ ok: false, error: { field: 'weekday' } })
    expect(parseCron('0 8 * * */0')).toMatchObject({ ok: false, error: { field: 'weekday' } })
    expect(parseCron('班车 8 * * *')).toMatchObject({ ok: false, error: { field: 'minute' } })
  })

  it('fires on a day matching either day field when both are restricted (Vixie cron)', () => {
    const s = spec('0 8 1 * 1') // the 1st, and every Monday
    expect(firesOn(s, '2026-12-01')).toBe(true) // Tuesday the 1st
    expect(firesOn(s, '2026-12-07')).toBe(true) // Monday
    expect(firesOn(s, '2026-12-08')).toBe(false)
    expect(firesOn(spec('0 8 * * 1'), '2026-12-01')).toBe(false)
  })
})

describe('firingsBetween (Asia/Shanghai)', () => {
  it('includes the end instant, excludes the start, in order', () => {
    const s = spec('0 8 * * 1-5')
    // Fri 2026-12-04 08:00 … Tue 12-08 08:00: Friday, Monday and Tuesday
    const got = firingsBetween(s, new Date('2026-12-04T07:59:59.999+08:00'), new Date('2026-12-08T08:00:00+08:00'), SH)
    expect(iso(got)).toEqual(['2026-12-04T00:00:00.000Z', '2026-12-07T00:00:00.000Z', '2026-12-08T00:00:00.000Z'])
    const none = firingsBetween(s, new Date('2026-12-04T08:00:00+08:00'), new Date('2026-12-04T08:00:59+08:00'), SH)
    expect(none).toEqual([])
  })

  it('crosses midnight and a month end, and keeps only the latest `limit`', () => {
    const s = spec('30 23,0 * * *')
    const got = firingsBetween(s, new Date('2026-12-31T23:00:00+08:00'), new Date('2027-01-01T00:30:00+08:00'), SH)
    expect(iso(got)).toEqual(['2026-12-31T15:30:00.000Z', '2026-12-31T16:30:00.000Z'])
    const last = firingsBetween(
      spec('* * * * *'),
      new Date('2026-12-01T00:00:00Z'),
      new Date('2026-12-02T00:00:00Z'),
      SH,
      1,
    )
    expect(iso(last)).toEqual(['2026-12-02T00:00:00.000Z'])
  })

  it('keeps wall time across a daylight-saving change (America/New_York)', () => {
    const got = firingsBetween(
      spec('0 8 * * *'),
      new Date('2026-03-07T00:00:00Z'),
      new Date('2026-03-09T23:00:00Z'),
      'America/New_York',
    )
    expect(iso(got)).toEqual(['2026-03-07T13:00:00.000Z', '2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z'])
  })
})

describe('nextFiring', () => {
  it('finds the next minute, and null for an expression that never fires', () => {
    expect(nextFiring(spec('0 8 * * 1-5'), new Date('2026-12-04T08:00:00+08:00'), SH)?.toISOString()).toBe(
      '2026-12-07T00:00:00.000Z',
    )
    expect(nextFiring(spec('0 0 29 2 *'), new Date('2026-12-01T00:00:00+08:00'), SH)?.toISOString()).toBe(
      '2028-02-28T16:00:00.000Z',
    )
    expect(nextFiring(spec('0 0 30 2 *'), new Date('2026-12-01T00:00:00+08:00'), SH)).toBeNull()
  })
})
