import { describe, expect, it } from 'vitest'
import { type AttendanceRecord, decideCheckIn, forfeitAt, forfeitsDue } from './attendance.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

describe('decideCheckIn (R1: once per local day)', () => {
  it('the first check-in of the day is recorded for the local date', () => {
    expect(decideCheckIn(null, at('2026-12-01T01:00:00Z'), SH)).toEqual({ kind: 'checked-in', localDate: '2026-12-01' })
    expect(decideCheckIn('2026-11-30', at('2026-12-01T01:00:00Z'), SH)).toEqual({
      kind: 'checked-in',
      localDate: '2026-12-01',
    })
  })
  it('a second one the same local day is "already", up to 23:59:59.999 local', () => {
    expect(decideCheckIn('2026-12-01', at('2026-12-01T15:59:59.999Z'), SH)).toEqual({
      kind: 'already',
      localDate: '2026-12-01',
    })
  })
  it('at 00:00 local (16:00Z) it is a new day', () => {
    expect(decideCheckIn('2026-12-01', at('2026-12-01T16:00:00.000Z'), SH)).toEqual({
      kind: 'checked-in',
      localDate: '2026-12-02',
    })
  })
  it('08:00 local is still the previous UTC date but the local day decides', () => {
    // 2026-12-02 07:00 local = 2026-12-01T23:00Z
    expect(decideCheckIn('2026-12-01', at('2026-12-01T23:00:00Z'), SH).kind).toBe('checked-in')
  })
})

describe('forfeitAt / forfeitsDue (R1: 3 consecutive days without check-in)', () => {
  const agent = (over: Partial<AttendanceRecord> = {}): AttendanceRecord => ({
    staffId: 1,
    lastCheckIn: '2026-12-01',
    activeSince: '2026-11-01',
    ...over,
  })
  // last check-in 12-01 → missed 12-02, 12-03, 12-04 → forfeited at 12-05 00:00 local = 12-04T16:00Z
  const AT = at('2026-12-04T16:00:00.000Z')

  it('last check-in 12-01 → forfeited at 12-05 00:00 local', () => {
    expect(forfeitAt(agent(), DEFAULT_SETTINGS, SH)).toEqual(AT)
  })
  it('not yet at 12-04 23:59:59.999 local; due at 00:00 and after', () => {
    expect(forfeitsDue([agent()], ms(AT, -1), DEFAULT_SETTINGS, SH)).toEqual([])
    const due = { staffId: 1, forfeitAt: AT, firstMissed: '2026-12-02', lastMissed: '2026-12-04' }
    expect(forfeitsDue([agent()], AT, DEFAULT_SETTINGS, SH)).toEqual([due])
    expect(forfeitsDue([agent()], ms(AT, 1), DEFAULT_SETTINGS, SH)).toEqual([due])
  })
  it('a catch-up run days later finds the same instant', () => {
    expect(forfeitsDue([agent()], at('2026-12-20T00:00:00Z'), DEFAULT_SETTINGS, SH)[0]?.forfeitAt).toEqual(AT)
  })
  it('a check-in on the third missed day resets the count', () => {
    expect(forfeitsDue([agent({ lastCheckIn: '2026-12-04' })], AT, DEFAULT_SETTINGS, SH)).toEqual([])
  })
  it('across a month end and a year end', () => {
    expect(forfeitAt(agent({ lastCheckIn: '2026-11-29' }), DEFAULT_SETTINGS, SH)).toEqual(at('2026-12-02T16:00:00Z'))
    expect(forfeitAt(agent({ lastCheckIn: '2026-12-30' }), DEFAULT_SETTINGS, SH)).toEqual(at('2027-01-02T16:00:00Z'))
  })
  it('a new agent who never checked in: the day they joined counts as a missed day', () => {
    const fresh = agent({ lastCheckIn: null, activeSince: '2026-12-01' })
    // missed 12-01, 12-02, 12-03 → forfeited at 12-04 00:00 local
    const when = at('2026-12-03T16:00:00Z')
    expect(forfeitAt(fresh, DEFAULT_SETTINGS, SH)).toEqual(when)
    expect(forfeitsDue([fresh], ms(when, -1), DEFAULT_SETTINGS, SH)).toEqual([])
    expect(forfeitsDue([fresh], when, DEFAULT_SETTINGS, SH)).toEqual([
      { staffId: 1, forfeitAt: when, firstMissed: '2026-12-01', lastMissed: '2026-12-03' },
    ])
  })
  it('a re-activated agent counts from the re-activation day, not from an old check-in', () => {
    const back = agent({ lastCheckIn: '2026-11-10', activeSince: '2026-12-10' })
    expect(forfeitAt(back, DEFAULT_SETTINGS, SH)).toEqual(at('2026-12-12T16:00:00Z'))
  })
  it('a check-in on the re-activation day counts', () => {
    const back = agent({ lastCheckIn: '2026-12-10', activeSince: '2026-12-10' })
    expect(forfeitAt(back, DEFAULT_SETTINGS, SH)).toEqual(at('2026-12-13T16:00:00Z'))
  })
  it('the number of days comes from settings', () => {
    expect(forfeitAt(agent(), { forfeitAfterDays: 5 }, SH)).toEqual(at('2026-12-06T16:00:00Z'))
  })
  it('only the due agents are returned', () => {
    const due = forfeitsDue(
      [
        agent({ staffId: 1 }),
        agent({ staffId: 2, lastCheckIn: '2026-12-03' }),
        agent({ staffId: 3, lastCheckIn: null }),
      ],
      AT,
      DEFAULT_SETTINGS,
      SH,
    )
    expect(due.map((d) => d.staffId)).toEqual([1, 3])
  })
})

describe('days the bot was down (excused)', () => {
  const tz = 'Asia/Shanghai'
  const settings = { forfeitAfterDays: 3 }
  const agent = { staffId: 1, lastCheckIn: '2026-12-01', activeSince: '2026-11-01' }
  const down =
    (...days: string[]) =>
    (d: string) =>
      days.includes(d)

  it('neither count as missed nor break the run', () => {
    // 12-02 missed, 12-03 and 12-04 down, 12-05 and 12-06 missed → forfeited 12-07 00:00
    const at = forfeitAt(agent, settings, tz, down('2026-12-03', '2026-12-04'))
    expect(at.toISOString()).toBe('2026-12-06T16:00:00.000Z')
    const ms = at.getTime()
    expect(forfeitsDue([agent], new Date(ms - 1), settings, tz, down('2026-12-03', '2026-12-04'))).toEqual([])
    expect(forfeitsDue([agent], new Date(ms), settings, tz, down('2026-12-03', '2026-12-04'))).toEqual([
      { staffId: 1, forfeitAt: at, firstMissed: '2026-12-02', lastMissed: '2026-12-06' },
    ])
  })

  it('change nothing when there are none', () => {
    expect(forfeitAt(agent, settings, tz, down()).toISOString()).toBe(forfeitAt(agent, settings, tz).toISOString())
  })
})
