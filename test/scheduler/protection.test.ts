import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

describe.each(databaseKinds())('protection reminder, 2 days before the end at 09:00 (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('reminds the owning agency at 09:00 two days before, not a millisecond earlier, and once', async () => {
    h.clock.set('2026-12-01T10:00:00+08:00')
    await h.say('lj1', '报备 张三 13812345678') // F1, protected through 12-15 (ends 12-16 00:00)
    const s = schedulerFor(h)
    h.clock.set('2026-12-14T08:59:59.999+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0 })
    expect(await pushed(h, '保护期提醒')).toEqual([])

    h.clock.set('2026-12-14T09:00:00.000+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 1, late: 0 })
    expect(await pushed(h, '保护期提醒')).toEqual([
      'direct:lj1 【保护期提醒】链家：客户 张三 13812345678（F1）的保护期至 12-15，12-16 00:00 结束，还剩 2 天（R12）。到期后其他分销可以报备该客户；带客到访可续保。',
    ])
    h.clock.set('2026-12-14T09:00:10+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-15T09:00:00+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0 })
    expect(await pushed(h, '保护期提醒')).toHaveLength(1)
    expect(await runs(h, 'protection-reminder')).toEqual([
      { key: 'protection-reminder:customer-1:2026-12-14T01:00:00.000Z', outcome: 'sent' },
    ])
  })

  it('reminds again for a renewed protection, and not for the end the visit replaced', async () => {
    h.clock.set('2026-12-01T10:00:00+08:00')
    await h.say('lj1', '报备 张三 13812345678')
    const s = schedulerFor(h)
    await runJob(s, h, 'protection-reminders')
    h.clock.set('2026-12-13T15:00:00+08:00')
    await h.say('sec', '到访 13812345678') // renewed from 12-13: ends 12-28 00:00
    h.clock.set('2026-12-14T09:00:00+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0, dropped: 0 })
    h.clock.set('2026-12-26T08:59:59.999+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-26T09:00:00+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 1 })
    expect(await pushed(h, '保护期提醒')).toEqual([
      'direct:lj1 【保护期提醒】链家：客户 张三 13812345678（F1）的保护期至 12-27，12-28 00:00 结束，还剩 2 天（R12）。到期后其他分销可以报备该客户；带客到访可续保。',
    ])
  })

  it('crosses a month end: a protection ending 01-01 00:00 is reminded 12-30 09:00', async () => {
    h.clock.set('2026-12-17T18:30:00+08:00')
    await h.say('wa1', '报备 王五 13912345678') // ends 2027-01-01 00:00
    const s = schedulerFor(h)
    h.clock.set('2026-12-30T08:59:59.999+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-30T09:00:00+08:00')
    expect(await runJob(s, h, 'protection-reminders')).toMatchObject({ sent: 1 })
    expect((await pushed(h, '保护期提醒'))[0]).toContain('的保护期至 12-31，01-01 00:00 结束，还剩 2 天')
  })
})

describe.each(databaseKinds())('protection reminder in a group (%s)', (kind) => {
  it('masks the number where an agent can only be reached in the group (WeCom)', async () => {
    const h = await chatHarness(kind, '2026-12-01T09:00:00+08:00', 'wecom')
    try {
      await standardSite(h)
      h.clock.set('2026-12-01T10:00:00+08:00')
      await h.say('lj1', '报备 张三 13812345678')
      const s = schedulerFor(h)
      h.clock.set('2026-12-14T09:00:00+08:00')
      await runJob(s, h, 'protection-reminders')
      expect(await pushed(h, '保护期提醒')).toEqual([
        'group:g1 【保护期提醒】链家：客户 张三 138****5678（F1）的保护期至 12-15，12-16 00:00 结束，还剩 2 天（R12）。到期后其他分销可以报备该客户；带客到访可续保。',
      ])
    } finally {
      await h.close()
    }
  })
})
