import { describe, expect, it } from 'vitest'
import { chatHarness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runs, schedulerFor } from './support.ts'

const nothing = { sent: 0, late: 0, dropped: 0, applied: 0 }

describe.each(databaseKinds())('catch-up after downtime (%s)', (kind) => {
  it('applies each missed transition once, sends live reminders late once, drops stale ones', async () => {
    const h = await chatHarness(kind, '2026-11-28T10:00:00+08:00')
    try {
      await standardSite(h)
      await h.say('lj1', '报备 乙客户 13900000001') // ends 12-13 00:00; reminder 12-11 09:00
      h.clock.set('2026-11-29T09:00:00+08:00')
      await h.say('lj1', '签到')
      await h.say('wa1', '签到')
      h.clock.set('2026-12-01T15:40:00+08:00')
      await h.say('lj1', '签到')
      await h.say('wa1', '签到') // both: last check-in 12-01 → given up 12-05 00:00
      await h.say('lj1', '报备 甲客户 13800000002') // ends 12-16 00:00; reminder 12-14 09:00
      await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
      await h.say('lj1', '定金 3-1-1201 13800000002 小定') // ends 12-04 00:00; reminder 12-03 09:00
      await h.say('mgr', '批准 D1')
      await h.say('mgr', '/schedule add "0 8,20 * * *" 班车8:30、20:30从地铁站发车')

      h.clock.set('2026-12-01T15:45:00+08:00')
      const before = schedulerFor(h, 'before')
      const first = await before.start()
      await before.stop()
      expect(first['month-close']).toEqual({ ...nothing, applied: 1 }) // November, the project's first month
      expect(first['daily-brief']).toEqual({ ...nothing, late: 1 }) // today's 09:00 brief, caught up at 15:45
      for (const job of ['forfeits', 'hold-reminders', 'hold-ends', 'protection-reminders', 'announcements'])
        expect(first[job]).toEqual(nothing)

      // Down from 12-01 15:45 to 12-12 08:10.
      h.clock.set('2026-12-12T08:10:00+08:00')
      const after = schedulerFor(h, 'after')
      const caught = await after.start()
      await after.stop()
      expect(caught).toEqual({
        forfeits: nothing, // 12-02 to 12-11 the bot was down: nobody could check in, so those days are excused (R1)
        'hold-reminders': { ...nothing, dropped: 1 }, // the hold ended 12-04: telling it "ends tonight" would mislead
        'hold-ends': { ...nothing, applied: 1 },
        'masked-lapses': nothing,
        'protection-reminders': { ...nothing, late: 1 }, // 乙客户 is protected until 12-13 00:00: still worth saying
        announcements: { ...nothing, late: 1 }, // today's 08:00, ten minutes late
        'month-close': nothing,
        // the briefs of 12-05 to 12-11 (a week back) are over: recorded, not sent; today's is not due until 09:00
        'daily-brief': { ...nothing, dropped: 7 },
        'settlement-overdue': nothing, // November's statements are overdue on 12-31
        prune: nothing,
      })
      expect(await h.store.db.unit.findFirstOrThrow({ select: { status: true } })).toEqual({ status: 'available' })
      expect(await h.store.db.staff.count({ where: { role: 'agent', status: 'forfeited' } })).toBe(0)
      expect(await pushed(h, '保护期提醒')).toEqual([
        'direct:lj1 （补发，原定 2026-12-11 09:00）【保护期提醒】链家：客户 乙客户 13900000001（F1）的保护期至 12-12，12-13 00:00 结束，还剩 1 天（R12）。到期后其他分销可以报备该客户；带客到访可续保。',
      ])
      expect(await pushed(h, '今晚开封')).toEqual([])
      expect(await pushed(h, '【自动开封】')).toHaveLength(1)
      expect(await pushed(h, '【公告】')).toEqual([
        'group:g1 （补发，原定 2026-12-12 08:00）【公告】班车8:30、20:30从地铁站发车',
      ])
      // Within the one-day lookback, yesterday 20:00 is superseded by today's 08:00: recorded, not sent.
      expect(await runs(h, 'announcement')).toEqual([
        { key: 'announcement:T1:2026-12-11T12:00:00.000Z', outcome: 'dropped' },
        { key: 'announcement:T1:2026-12-12T00:00:00.000Z', outcome: 'late' },
      ])
      expect(await runs(h, 'hold-reminder')).toEqual([
        { key: 'hold-reminder:D1:2026-12-03T01:00:00.000Z', outcome: 'dropped' },
      ])

      // A second instance starting at the same moment finds nothing left to do.
      const again = schedulerFor(h, 'again')
      const second = await again.start()
      await again.stop()
      for (const report of Object.values(second)) expect(report).toEqual(nothing)
      const outboxSize = (await h.outbox()).length

      // Back on time: 甲客户's reminder goes out at its moment, without 补发.
      h.clock.set('2026-12-13T10:00:00+08:00')
      expect(await h.say('lj1', '签到')).toMatch(/签到成功/)
      h.clock.set('2026-12-14T09:00:00+08:00')
      const later = schedulerFor(h, 'later')
      const onTime = await later.runAll()
      expect(onTime['protection-reminders']).toEqual({ ...nothing, sent: 1 })
      expect(onTime['daily-brief']).toEqual({ ...nothing, sent: 1, dropped: 2 }) // 12-12 and 12-13 missed, 12-14 on time
      expect((await pushed(h, '保护期提醒'))[1]).toMatch(
        /^direct:lj1 【保护期提醒】链家：客户 甲客户 13800000002（F2）/,
      )
      // the check-in reply, the reminder and the manager's brief; today's 08:00 bus was missed by over half an hour
      // the brief carries the day's audit head (SPEC.md "Audit")
      expect((await pushed(h, '【每日简报')).at(-1)).toMatch(
        /^direct:mgr 【每日简报 2026-12-14】[\s\S]*\n审计链头：第 \d+ 条/,
      )
      expect((await h.outbox()).length).toBe(outboxSize + 3)
    } finally {
      await h.close()
    }
  })
})
