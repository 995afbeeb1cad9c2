import { describe, expect, it } from 'vitest'
import { firingsBetween, nextFiring, parseCron } from './cron.ts'
import { describeCron, readScheduleWords } from './schedule-words.ts'

const SH = 'Asia/Shanghai'

const read = (s: string) => {
  const r = readScheduleWords(s)
  if (!r?.ok) throw new Error(`not read: ${s} → ${JSON.stringify(r)}`)
  return { cron: r.value.cron, words: r.value.words, rest: s.slice(r.value.consumed).trim() }
}

describe('readScheduleWords', () => {
  it.each([
    ['每天 8:00 班车', '0 8 * * *', '每天 8:00'],
    ['每天8点 班车', '0 8 * * *', '每天 8:00'],
    ['每日 8点半 班车', '30 8 * * *', '每天 8:30'],
    ['工作日 8:30 班车', '30 8 * * 1-5', '工作日 8:30'],
    ['每个工作日 8点30分 班车', '30 8 * * 1-5', '工作日 8:30'],
    ['每周一 9:00 例会', '0 9 * * 1', '每周一 9:00'],
    ['每周一9:00 例会', '0 9 * * 1', '每周一 9:00'],
    ['星期三 下午3点 培训', '0 15 * * 3', '每周三 15:00'],
    ['每周一、三、五 9:00 例会', '0 9 * * 1,3,5', '每周一、三、五 9:00'],
    ['每周一三五 9:00 例会', '0 9 * * 1,3,5', '每周一、三、五 9:00'],
    ['周一至周四 9:00 例会', '0 9 * * 1-4', '每周一至四 9:00'],
    ['周五到周日 晚上8点 值班', '0 20 * * 0,5,6', '每周五至日 20:00'],
    ['周一至五 9:00 例会', '0 9 * * 1-5', '工作日 9:00'],
    ['周六日 9:30 开放日', '30 9 * * 0,6', '周六日 9:30'],
    ['周末 9:30 开放日', '30 9 * * 0,6', '周六日 9:30'],
    ['每周日 9:30 开放日', '30 9 * * 0', '每周日 9:30'],
    ['每月1日 10:00 月会', '0 10 1 * *', '每月1日 10:00'],
    ['每月1号 10:00 月会', '0 10 1 * *', '每月1日 10:00'],
    ['每月1日、15日 10:00 对账', '0 10 1,15 * *', '每月1日、15日 10:00'],
    ['每月1、15日 10:00 对账', '0 10 1,15 * *', '每月1日、15日 10:00'],
    ['每月1-5日 10:00 对账', '0 10 1-5 * *', '每月1日至5日 10:00'],
    ['每天 8:00、20:00 班车', '0 8,20 * * *', '每天 8:00、20:00'],
    ['每天 8:30 和 17:30 班车', '30 8,17 * * *', '每天 8:30、17:30'],
    ['每天 中午12点 午餐', '0 12 * * *', '每天 12:00'],
    ['每天 晚上12点 关门', '0 0 * * *', '每天 0:00'],
    ['每天 0:05 备份', '5 0 * * *', '每天 0:05'],
    ['每天 ８：００ 班车', '0 8 * * *', '每天 8:00'],
  ])('%s → %s', (input, cron, words) => {
    const r = read(input)
    expect(r.cron).toBe(cron)
    expect(r.words).toBe(words)
    expect(parseCron(r.cron).ok).toBe(true)
  })

  it('leaves the announcement text after the time, however it starts', () => {
    expect(read('每天 8:00 班车8:30从地铁站发车').rest).toBe('班车8:30从地铁站发车')
    expect(read('每天8点班车').rest).toBe('班车')
    expect(read('每天 8:00 8:30发车').rest).toBe('8:30发车')
    expect(read('工作日 8:30').rest).toBe('')
  })

  it('is null when the text does not start with days in words', () => {
    expect(readScheduleWords('"0 8 * * *" 班车')).toBeNull()
    expect(readScheduleWords('明天 8:00 班车')).toBeNull()
    expect(readScheduleWords('8:00 班车')).toBeNull()
  })

  it('refuses days without a valid time, times with different minutes, days that do not exist', () => {
    expect(readScheduleWords('每天 班车')).toEqual({
      ok: false,
      error: { code: 'schedule.words-time', input: '每天 班车' },
    })
    expect(readScheduleWords('每天 25:00 班车')?.ok).toBe(false)
    expect(readScheduleWords('每天 8:60 班车')).toMatchObject({ error: { code: 'schedule.words-time' } })
    expect(readScheduleWords('每天 8:00、20:30 班车')).toMatchObject({ error: { code: 'schedule.words-minutes' } })
    expect(readScheduleWords('每月32日 9:00 对账')).toMatchObject({ error: { code: 'schedule.words-days' } })
    expect(readScheduleWords('每月0日 9:00 对账')).toMatchObject({ error: { code: 'schedule.words-days' } })
    expect(readScheduleWords('周五至周一 9:00 例会')).toMatchObject({ error: { code: 'schedule.words-days' } })
  })

  it('fires where the words say: 工作日 8:30 skips the weekend', () => {
    const spec = parseCron(read('工作日 8:30 班车').cron)
    if (!spec.ok) throw new Error('cron')
    // 2026-12-04 is a Friday
    const from = new Date('2026-12-04T08:30:00+08:00')
    expect(nextFiring(spec.value, from, SH)).toEqual(new Date('2026-12-07T08:30:00+08:00'))
    expect(
      firingsBetween(spec.value, new Date('2026-11-30T00:00:00+08:00'), new Date('2026-12-07T00:00:00+08:00'), SH),
    ).toHaveLength(5)
  })
})

describe('describeCron', () => {
  const words = (cron: string) => {
    const spec = parseCron(cron)
    if (!spec.ok) throw new Error(cron)
    return describeCron(spec.value)
  }

  it('writes back every shape the reader produces', () => {
    for (const input of [
      '每天 8:00 x',
      '工作日 8:30 x',
      '每周一 9:00 x',
      '每月1日 10:00 x',
      '周六日 9:30 x',
      '每天 8:00、20:00 x',
    ]) {
      const r = read(input)
      expect(words(r.cron)).toBe(r.words)
    }
  })

  it('reads five-field cron typed by hand in the same words', () => {
    expect(words('0 8 * * 1-5')).toBe('工作日 8:00')
    expect(words('0 8 * * mon-fri')).toBe('工作日 8:00')
    expect(words('0 9 * * 0,6')).toBe('周六日 9:00')
    expect(words('0 9 * * 7')).toBe('每周日 9:00')
    expect(words('@daily')).toBe('每天 0:00')
    expect(words('0 9 * * *')).toBe('每天 9:00')
  })

  it('is null where words would mislead', () => {
    expect(words('*/15 * * * *')).toBeNull()
    expect(words('0 8 * 1 *')).toBeNull()
    expect(words('0 8 1 * 1')).toBeNull()
    expect(words('0 */2 * * *')).toBeNull()
  })
})
