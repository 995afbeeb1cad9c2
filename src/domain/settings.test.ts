import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type RuleSettings, settingsProblems } from './settings.ts'

describe('settingsProblems', () => {
  it('the defaults are usable', () => {
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([])
  })
  it('names every value that is not a whole number in range', () => {
    const bad: RuleSettings = {
      ...DEFAULT_SETTINGS,
      protectionDays: 0,
      holdReminderTime: { hour: 24, minute: 0 },
      commission: { ...DEFAULT_SETTINGS.commission, fullRateBp: 1.6 },
      fines: {
        ...DEFAULT_SETTINGS.fines,
        unitFen: { ...DEFAULT_SETTINGS.fines.unitFen, 培训: 100.5, 复印: -50 },
      },
    }
    expect(settingsProblems(bad)).toEqual([
      'protectionDays',
      'holdReminderTime.hour',
      'commission.fullRateBp',
      'fines.unitFen.培训',
      'fines.unitFen.复印',
    ])
  })
  it('a fine amount may be null (set by the manager); other values may not', () => {
    const s = {
      ...DEFAULT_SETTINGS,
      fines: { ...DEFAULT_SETTINGS.fines, unitFen: { ...DEFAULT_SETTINGS.fines.unitFen, 培训: null } },
    }
    expect(settingsProblems(s)).toEqual([])
    expect(settingsProblems({ ...DEFAULT_SETTINGS, maxAgencies: null as unknown as number })).toEqual(['maxAgencies'])
  })
})
