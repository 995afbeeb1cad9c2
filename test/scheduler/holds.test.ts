import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

const REMINDER = '房源 3-1-1201 的定金 D1（链家）保留期今天结束，12-04 00:00 自动开封（R14）。如需认购请今天办理。'
const RELEASED =
  'group:g1 【自动开封】房源 3-1-1201 的定金 D1 保留期已于 12-04 00:00 结束，未认购，房源自动开封，重新可售（R14）。'

describe.each(databaseKinds())('a hold: last-day reminder at 09:00 and release at its end (%s)', (kind) => {
  let h: Harness
  const unitStatus = async () => (await h.store.db.unit.findFirstOrThrow({ where: { code: '3-1-1201' } })).status

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
    h.clock.set('2026-12-01T15:40:00+08:00')
    await h.say('lj1', '报备 张三 13812345678')
    expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定')).toMatch(/^定金 D1 已登记/) // 3 days: ends 12-04 00:00
    expect(await h.say('mgr', '批准 D1')).toMatch(/^已批准定金 D1/)
  })
  afterEach(() => h.close())

  it('reminds the agent and the group at 09:00 on the last day, not earlier, once', async () => {
    const s = schedulerFor(h)
    h.clock.set('2026-12-03T08:59:59.999+08:00')
    expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 0 })
    expect(await pushed(h, '今晚开封')).toEqual([])
    h.clock.set('2026-12-03T09:00:00+08:00')
    expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 1 })
    h.clock.set('2026-12-03T23:59:59.999+08:00')
    expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 0, dropped: 0 })
    expect(await pushed(h, '今晚开封')).toEqual([
      `direct:lj1 【今晚开封】${REMINDER}`,
      `group:g1 【今晚开封】${REMINDER}`,
    ])
    expect(await runs(h, 'hold-reminder')).toEqual([
      { key: 'hold-reminder:D1:2026-12-03T01:00:00.000Z', outcome: 'sent' },
    ])
  })

  it('releases the unit at 00:00 after the last day, not at 23:59:59.999, and tells the group once', async () => {
    const s = schedulerFor(h)
    h.clock.set('2026-12-03T23:59:59.999+08:00')
    expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
    expect(await unitStatus()).toBe('held')
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 1 })
    expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
    expect(await unitStatus()).toBe('available')
    expect(await pushed(h, '自动开封】')).toEqual([RELEASED])
    expect(await runs(h, 'hold-end')).toEqual([{ key: 'hold-end:D1:2026-12-03T16:00:00.000Z', outcome: 'applied' }])
  })

  it('neither reminds nor releases a hold that became a subscription', async () => {
    h.clock.set('2026-12-02T11:00:00+08:00')
    expect(await h.say('lj1', '认购 D1 1650000')).toMatch(/S1/)
    expect(await h.say('mgr', '批准 S1')).toMatch(/S1/)
    const s = schedulerFor(h)
    h.clock.set('2026-12-03T09:00:00+08:00')
    expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-04T00:00:00+08:00')
    expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
    expect(await unitStatus()).toBe('subscribed')
    expect(await pushed(h, '今晚开封】')).toEqual([])
    expect(await pushed(h, '自动开封】')).toEqual([])
  })
})

describe.each(databaseKinds())('a hold across a month end (%s)', (kind) => {
  it('reminds 12-31 09:00 and releases 01-01 00:00', async () => {
    const h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    try {
      await standardSite(h)
      await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
      h.clock.set('2026-12-29T15:40:00+08:00')
      await h.say('wa1', '报备 王五 13912345678')
      await h.say('wa1', '定金 3-1-1201 13912345678 小定') // pending still holds (R14 counts from recording)
      const s = schedulerFor(h)
      h.clock.set('2026-12-31T08:59:59.999+08:00')
      expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 0 })
      h.clock.set('2026-12-31T09:00:00+08:00')
      expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 1 })
      h.clock.set('2026-12-31T23:59:59.999+08:00')
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
      h.clock.set('2027-01-01T00:00:00+08:00')
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 1 })
      expect(await pushed(h, '开封】')).toEqual([
        'direct:wa1 【今晚开封】房源 3-1-1201 的定金 D1（我爱我家）保留期今天结束，01-01 00:00 自动开封（R14）。如需认购请今天办理。',
        'group:g1 【今晚开封】房源 3-1-1201 的定金 D1（我爱我家）保留期今天结束，01-01 00:00 自动开封（R14）。如需认购请今天办理。',
        'group:g1 【自动开封】房源 3-1-1201 的定金 D1 保留期已于 01-01 00:00 结束，未认购，房源自动开封，重新可售（R14）。',
      ])
    } finally {
      await h.close()
    }
  })
})
