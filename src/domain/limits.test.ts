import { describe, expect, it } from 'vitest'
import { checkAgencyLimit, checkAgentLimit } from './limits.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

describe('R1 limits', () => {
  it('the 20th agency may join; the 21st is refused', () => {
    expect(checkAgencyLimit(19, DEFAULT_SETTINGS)).toEqual({ ok: true, value: { remaining: 0 } })
    expect(checkAgencyLimit(20, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      error: { code: 'limit.agencies', rule: 'R1', max: 20 },
    })
    expect(checkAgencyLimit(0, DEFAULT_SETTINGS)).toEqual({ ok: true, value: { remaining: 19 } })
  })
  it('an agency has at most 2 active agents', () => {
    expect(checkAgentLimit(1, DEFAULT_SETTINGS)).toEqual({ ok: true, value: { remaining: 0 } })
    expect(checkAgentLimit(2, DEFAULT_SETTINGS)).toEqual({
      ok: false,
      error: { code: 'limit.agents', rule: 'R1', max: 2 },
    })
  })
  it('limits come from settings', () => {
    expect(checkAgencyLimit(20, { maxAgencies: 25 }).ok).toBe(true)
    expect(checkAgentLimit(2, { maxAgentsPerAgency: 3 }).ok).toBe(true)
    expect(checkAgentLimit(3, { maxAgentsPerAgency: 3 })).toEqual({
      ok: false,
      error: { code: 'limit.agents', rule: 'R1', max: 3 },
    })
  })
})
