import { describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

const status = async (h: Harness, name: string) => (await h.store.db.staff.findFirstOrThrow({ where: { name } })).status

describe.each(databaseKinds())('the 3-day no-check-in rule at the start of each day (%s)', (kind) => {
  async function site(start: string): Promise<Harness> {
    const h = await chatHarness(kind, start)
    await standardSite(h)
    return h
  }

  it('forfeits at the start of the 4th day, not on the 3rd missed day, and tells the group and the agent once', async () => {
    const h = await site('2026-12-01T09:00:00+08:00')
    try {
      await h.say('lj1', '签到') // 12-01; then 12-02, 12-03, 12-04 missed
      for (const d of ['02', '04']) {
        h.clock.set(`2026-12-${d}T09:00:00+08:00`)
        await h.say('wa1', '签到') // 12-01 and 12-03 missed: never three in a row
      }
      const s = schedulerFor(h)
      h.clock.set('2026-12-04T23:59:59.999+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 0 })
      expect(await status(h, '李四')).toBe('active')

      h.clock.set('2026-12-05T00:00:00.000+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 1 })
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 0 })
      expect(await status(h, '李四')).toBe('forfeited')
      expect(await status(h, '周五')).toBe('active')
      const told = await pushed(h, '自动放弃】')
      expect(told).toHaveLength(2)
      expect(told[0]).toMatch(
        /^direct:lj1 【自动放弃】链家 李四 连续3天（12-02 至 12-04）未签到，按 R1 自 2026-12-05 00:00 起视为自动放弃，暂停使用分销命令。如需恢复，请管理员发送：\/员工 启用 李四。证据 A\d+$/,
      )
      expect(told[1]).toBe(told[0]?.replace('direct:lj1', 'group:g1'))
      expect(await h.say('lj1', '签到')).toBe(
        '你因连续3天未签到已被视为自动放弃（R1），暂不能使用分销命令。请联系管理员重新启用。',
      )
      const audit = await h.store.db.auditEntry.findMany({ where: { action: 'staff.forfeit' } })
      expect(audit.map((a) => [a.actor, a.subject])).toEqual([['scheduler:test', '李四']])
    } finally {
      await h.close()
    }
  })

  it('does not let a check-in made after the forfeit instant undo it', async () => {
    const h = await site('2026-12-01T09:00:00+08:00')
    try {
      await h.say('lj1', '签到')
      h.clock.set('2026-12-05T00:00:30+08:00')
      expect(await h.say('lj1', '签到')).toMatch(/签到成功：12-05/) // before the scheduler's tick
      const s = schedulerFor(h)
      h.clock.set('2026-12-05T00:01:00+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 2 }) // 李四, and 周五 who never checked in
      expect(await status(h, '李四')).toBe('forfeited')
    } finally {
      await h.close()
    }
  })

  it('counts again from a re-activation: a new forfeit gets a new key', async () => {
    const h = await site('2026-12-01T09:00:00+08:00')
    try {
      await h.say('lj1', '签到')
      const s = schedulerFor(h)
      h.clock.set('2026-12-05T00:00:00+08:00')
      await runJob(s, h, 'forfeits')
      h.clock.set('2026-12-05T10:00:00+08:00')
      expect(await h.say('admin', '/staff activate 李四')).toMatch(/李四/)
      h.clock.set('2026-12-06T09:00:00+08:00')
      await runJob(s, h, 'forfeits') // the bot runs every day (a day it never ran would be excused)
      h.clock.set('2026-12-07T23:59:59.999+08:00')
      await runJob(s, h, 'forfeits')
      expect(await status(h, '李四')).toBe('active')
      h.clock.set('2026-12-08T00:00:00+08:00')
      await runJob(s, h, 'forfeits')
      expect(await status(h, '李四')).toBe('forfeited')
      expect((await runs(h, 'forfeit')).map((r) => r.key)).toEqual([
        'forfeit:staff-4:2026-12-03T16:00:00.000Z', // 周五: 12-01..12-03 missed
        'forfeit:staff-3:2026-12-04T16:00:00.000Z',
        'forfeit:staff-3:2026-12-07T16:00:00.000Z',
      ])
    } finally {
      await h.close()
    }
  })

  it('crosses a month end: last check-in 11-27 → given up at 12-01 00:00', async () => {
    const h = await site('2026-11-26T09:00:00+08:00')
    try {
      h.clock.set('2026-11-27T09:00:00+08:00')
      await h.say('lj1', '签到')
      for (const d of ['11-28', '11-30']) {
        h.clock.set(`2026-${d}T09:00:00+08:00`)
        await h.say('wa1', '签到')
      }
      const s = schedulerFor(h)
      h.clock.set('2026-11-30T23:59:59.999+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 0 })
      h.clock.set('2026-12-01T00:00:00+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 1 })
      expect((await pushed(h, '自动放弃】'))[1]).toMatch(
        /^group:g1 【自动放弃】链家 李四 连续3天（11-28 至 11-30）未签到，按 R1 自 2026-12-01 00:00 起/,
      )
    } finally {
      await h.close()
    }
  })

  it('does not count days the bot was down: nobody could check in (R1 is about agents who could)', async () => {
    const h = await site('2026-12-01T09:00:00+08:00')
    try {
      await h.say('lj1', '签到') // 12-01
      await h.say('wa1', '签到')
      const s = schedulerFor(h)
      h.clock.set('2026-12-02T09:00:00+08:00')
      await runJob(s, h, 'forfeits') // running on 12-02; then down 12-03 to 12-05
      await h.say('wa1', '签到')
      h.clock.set('2026-12-06T10:00:00+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 0 }) // back: only 12-02 was a missed day
      expect(await status(h, '李四')).toBe('active')
      h.clock.set('2026-12-07T09:00:00+08:00')
      await runJob(s, h, 'forfeits')
      h.clock.set('2026-12-07T23:59:59.999+08:00')
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 0 })
      h.clock.set('2026-12-08T00:00:00.000+08:00')
      // missed 12-02, 12-06, 12-07 (the outage in between excused) → 12-08 00:00; 周五 missed 12-06, 12-07 only
      expect(await runJob(s, h, 'forfeits')).toMatchObject({ applied: 1 })
      expect(await status(h, '李四')).toBe('forfeited')
      expect(await status(h, '周五')).toBe('active')
      const told = await pushed(h, '自动放弃】')
      expect(told[0]).toMatch(/连续3天（12-02 至 12-07）未签到/)
    } finally {
      await h.close()
    }
  })
})
