import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../domain/settings.ts'
import { parseSettings } from './settings.ts'

describe('parseSettings', () => {
  it('lays valid overrides over the defaults', () => {
    const s = parseSettings(JSON.stringify({ protectionDays: 20, deposits: { small: { holdDays: 4 } } }))
    expect(s.protectionDays).toBe(20)
    expect(s.deposits.small).toEqual({ amountFen: 100_000, holdDays: 4 })
    expect(s.deposits.big).toEqual(DEFAULT_SETTINGS.deposits.big)
  })

  it('ignores unknown keys, wrong types, out-of-range values and broken JSON', () => {
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings(JSON.stringify({ protectionDays: '20', bogus: 1 }))).toEqual(DEFAULT_SETTINGS)
    expect(parseSettings(JSON.stringify({ protectionDays: -3 })).protectionDays).toBe(DEFAULT_SETTINGS.protectionDays)
    expect(parseSettings(JSON.stringify({ protectionDays: 2.5 })).protectionDays).toBe(DEFAULT_SETTINGS.protectionDays)
  })

  it('takes a number or null where the default is null (an amount the manager sets), nothing else', () => {
    expect(parseSettings(JSON.stringify({ fines: { unitFen: { 不配合: 50_000 } } })).fines.unitFen.不配合).toBe(50_000)
    expect(parseSettings(JSON.stringify({ fines: { unitFen: { 不配合: { a: 1 } } } })).fines.unitFen.不配合).toBeNull()
  })
})
