import { describe, expect, it } from 'vitest'
import { briefDatesDue, briefDueAt, briefTiming } from './brief.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const S = DEFAULT_SETTINGS
const at = (s: string) => new Date(s)
const LONG_AGO = at('2026-01-01T00:00:00+08:00')

describe('the daily brief', () => {
  it('is due at 09:00 local, not at 08:59:59.999', () => {
    expect(briefDueAt('2026-12-12', S, SH)).toEqual(at('2026-12-12T09:00:00+08:00'))
    expect(briefDatesDue(null, LONG_AGO, at('2026-12-12T08:59:59.999+08:00'), S, SH, 7)).toEqual([])
    expect(briefDatesDue(null, LONG_AGO, at('2026-12-12T09:00:00+08:00'), S, SH, 7)).toEqual(['2026-12-12'])
    expect(briefDatesDue('2026-12-12', LONG_AGO, at('2026-12-12T09:00:00+08:00'), S, SH, 7)).toEqual([])
  })

  it('follows the setting', () => {
    const s = { dailyBriefTime: { hour: 7, minute: 30 } }
    expect(briefDueAt('2026-12-12', s, SH)).toEqual(at('2026-12-12T07:30:00+08:00'))
  })

  it('after downtime: the missed days since the last handled one, within the lookback', () => {
    const now = at('2026-12-12T10:00:00+08:00')
    expect(briefDatesDue('2026-12-10', LONG_AGO, now, S, SH, 7)).toEqual(['2026-12-11', '2026-12-12'])
    expect(briefDatesDue('2026-11-01', LONG_AGO, now, S, SH, 2)).toEqual(['2026-12-10', '2026-12-11', '2026-12-12'])
  })

  it('never for a moment before the project existed', () => {
    const created = at('2026-12-12T09:30:00+08:00')
    expect(briefDatesDue(null, created, at('2026-12-12T10:00:00+08:00'), S, SH, 7)).toEqual([])
    expect(briefDatesDue(null, created, at('2026-12-13T09:00:00+08:00'), S, SH, 7)).toEqual(['2026-12-13'])
  })

  it('is sent on time, late after 5 minutes, dropped once its day is over', () => {
    const late = 5 * 60_000
    expect(briefTiming('2026-12-12', at('2026-12-12T09:05:00+08:00'), S, SH, late)).toBe('sent')
    expect(briefTiming('2026-12-12', at('2026-12-12T09:05:00.001+08:00'), S, SH, late)).toBe('late')
    expect(briefTiming('2026-12-12', at('2026-12-12T23:59:59.999+08:00'), S, SH, late)).toBe('late')
    expect(briefTiming('2026-12-12', at('2026-12-13T00:00:00+08:00'), S, SH, late)).toBe('dropped')
  })
})
