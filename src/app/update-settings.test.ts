import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../domain/settings.ts'
import { parseSettingValue, SETTING_SPECS, settingSpec } from './update-settings.ts'

/** Every leaf of the settings (`deposits.big.holdDays`, `dailyBriefTime.hour`), as dotted paths. */
function leaves(v: unknown, path = ''): string[] {
  if (v === null || typeof v !== 'object') return [path]
  return Object.entries(v).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k))
}

describe('the /设置 settings list', () => {
  it('covers every setting of RuleSettings (a new setting needs a key, a unit and a label here)', () => {
    const covered = (leaf: string) =>
      SETTING_SPECS.some((s) => s.key === leaf || (s.unit === 'clock' && leaf.startsWith(`${s.key}.`)))
    expect(leaves(DEFAULT_SETTINGS).filter((leaf) => !covered(leaf))).toEqual([])
  })

  it('reads values in the unit people use, at the edges of what each unit allows', () => {
    const spec = (key: string) => settingSpec(key) ?? expect.fail(key)
    expect(parseSettingValue(spec('protectionDays'), '20天')).toBe(20)
    expect(parseSettingValue(spec('protectionDays'), '20.5')).toBeUndefined()
    expect(parseSettingValue(spec('commission.fullRateBp'), '1.7%')).toBe(170)
    expect(parseSettingValue(spec('commission.fullRateBp'), '1.75')).toBe(175)
    expect(parseSettingValue(spec('commission.fullRateBp'), '170', true)).toBe(170)
    expect(parseSettingValue(spec('commission.fullRateBp'), '1.755%')).toBeUndefined()
    expect(parseSettingValue(spec('dailyBriefTime'), '8:30')).toBe(510)
    expect(parseSettingValue(spec('dailyBriefTime'), '8点半')).toBe(510)
    expect(parseSettingValue(spec('dailyBriefTime'), '8:60')).toBeUndefined()
    expect(parseSettingValue(spec('deposits.big.amountFen'), '1万')).toBe(1_000_000)
    expect(parseSettingValue(spec('fines.unitFen.不配合'), '由经理定')).toBeNull()
    expect(parseSettingValue(spec('fines.unitFen.态度'), '由经理定')).toBeUndefined()
  })
})
