import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

const nothing = { sent: 0, late: 0, dropped: 0, applied: 0 }

/**
 * 12-02: 赵六 filed with an 11-day protection (last day 12-12). 12-10: a 小定 on 3-1-1201 (last day 12-12, pending).
 * 12-11 (the brief's "yesterday"): two filings, a visit, a collision, a deposit approved, a subscription approved.
 * 12-12 08:30: 李四 checks in.
 */
async function site(h: Harness, atNineOnTheTenth?: () => Promise<unknown>) {
  await standardSite(h)
  await h.say('admin', '/staff add 孙经理 manager') // never joined: no chat account to write to
  for (const unit of ['3-1-1201', '3-1-1202']) await h.say('sec', `/unit add ${unit} 89.5 1680000 1600000`)
  await h.say('admin', '/config set protectionDays 11')
  h.clock.set('2026-12-02T10:00:00+08:00')
  await h.say('lj1', '报备 赵六 13700001111')
  await h.say('admin', '/config set protectionDays 15')
  h.clock.set('2026-12-10T09:00:00+08:00')
  await atNineOnTheTenth?.()
  h.clock.set('2026-12-10T10:00:00+08:00')
  await h.say('wa1', '报备 王五 13912345678')
  await h.say('wa1', '定金 3-1-1201 13912345678 小定')
  h.clock.set('2026-12-11T10:00:00+08:00')
  await h.say('lj1', '报备 张三 13812345678')
  await h.say('lj1', '报备 钱八 13600003333')
  await h.say('sec', '到访 13812345678')
  await h.say('wa1', '报备 张三 13812345678')
  await h.say('lj1', '定金 3-1-1202 13812345678 大定')
  await h.say('mgr', '批准 D2')
  await h.say('lj1', '认购 D2 1650000')
  await h.say('mgr', '批准 S1')
  h.clock.set('2026-12-12T08:30:00+08:00')
  await h.say('lj1', '签到')
}

describe.each(databaseKinds())('the managers’ daily brief (%s)', (kind) => {
  let h: Harness
  beforeEach(async (test) => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    const downtime = test.task.name.startsWith('after a day of downtime')
    // the downtime case: 12-10's brief went out, then no scheduler ran until 12-12 10:00
    await site(
      h,
      downtime
        ? async () => expect(await runJob(schedulerFor(h), h, 'daily-brief')).toEqual({ ...nothing, sent: 1 })
        : undefined,
    )
  })
  afterEach(() => h.close())

  const BRIEF = [
    '【每日简报 2026-12-12】香公馆',
    '昨日（12-11）：报备 2，到访 1，撞单 1，定金 1，认购 1，签约 0',
    '今日签到（截至 09:00）：1/2 人——链家 1/1，我爱我家 0/1',
    '今晚到期（12-13 00:00）：封房 1 套——3-1-1201 D1（我爱我家，待审批）；保护期 1 位——赵六 13700001111（链家）',
    '待审批：1 项，最早 D1（2026-12-10 10:00），1 项即将开封。发送“待审批”查看',
  ].join('\n')
  /** The audit head as the brief must show it, read from the database. */
  async function head() {
    const row = await h.store.db.auditHead.findFirstOrThrow()
    const last = await h.store.db.auditEntry.findFirstOrThrow({ where: { seq: row.seq } })
    const [seq, hash] = [row.seq, row.hash.slice(0, 12)]
    return `审计链头：第 ${seq} 条（A${last.id}），哈希 ${hash}。请把“第 ${seq} 条 ${hash}”记在数据库以外（如手机备忘录）；日后发送 /审计 校验 ${seq} ${hash} 可确认这段记录未被改动。`
  }

  it('at 09:00, not 08:59:59.999: to each manager directly, never to the groups, once', async () => {
    const s = schedulerFor(h)
    h.clock.set('2026-12-12T08:59:59.999+08:00')
    expect(await runJob(s, h, 'daily-brief')).toEqual(nothing)
    h.clock.set('2026-12-12T09:00:00+08:00')
    const expected = `direct:mgr ${BRIEF}\n${await head()}`
    expect(await runJob(s, h, 'daily-brief')).toEqual({ ...nothing, sent: 1 })
    h.clock.set('2026-12-12T18:00:00+08:00')
    expect(await runJob(s, h, 'daily-brief')).toEqual(nothing)
    // 孙经理 has no chat account bound: not told in the group instead (the brief names agencies and customers)
    expect(await pushed(h, '每日简报')).toEqual([expected])
    expect(await runs(h, 'daily-brief')).toEqual([{ key: 'daily-brief:project-1:2026-12-12', outcome: 'sent' }])
  })

  it('across a restart at 08:59:59: sent once, by whichever instance is up at 09:00', async () => {
    h.clock.set('2026-12-12T08:59:59+08:00')
    const before = schedulerFor(h, 'before')
    expect((await before.start())['daily-brief']).toEqual(nothing)
    await before.stop()
    h.clock.set('2026-12-12T09:00:00+08:00')
    const after = schedulerFor(h, 'after')
    expect((await after.start())['daily-brief']).toEqual({ ...nothing, sent: 1 })
    await after.stop()
    h.clock.set('2026-12-12T09:00:05+08:00')
    const again = schedulerFor(h, 'again')
    expect((await again.start())['daily-brief']).toEqual(nothing)
    await again.stop()
    expect(await pushed(h, '每日简报')).toHaveLength(1)
  })

  it('two instances at 09:00 at once: one brief', async () => {
    h.clock.set('2026-12-12T09:00:00+08:00')
    const [a, b] = [schedulerFor(h, 'a'), schedulerFor(h, 'b')]
    const reports = await Promise.all([runJob(a, h, 'daily-brief'), runJob(b, h, 'daily-brief')])
    expect(reports.map((r) => r.sent).sort()).toEqual([0, 1])
    expect(await pushed(h, '每日简报')).toHaveLength(1)
  })

  it('after a day of downtime: the missed day dropped, today’s caught up as 补发', async () => {
    const s = schedulerFor(h)
    h.clock.set('2026-12-12T10:00:00+08:00')
    // (only this job: the site's agents have not checked in for days, and the forfeit rule is not under test here)
    expect(await runJob(schedulerFor(h, 'back'), h, 'daily-brief')).toEqual({ ...nothing, dropped: 1, late: 1 })
    expect(await runs(h, 'daily-brief')).toEqual([
      { key: 'daily-brief:project-1:2026-12-10', outcome: 'sent' },
      { key: 'daily-brief:project-1:2026-12-11', outcome: 'dropped' },
      { key: 'daily-brief:project-1:2026-12-12', outcome: 'late' },
    ])
    const briefs = await pushed(h, '每日简报')
    expect(briefs).toHaveLength(2)
    expect(briefs[1]).toBe(
      `direct:mgr （补发，原定 2026-12-12 09:00）${BRIEF.replace('（截至 09:00）', '（截至 10:00）')}\n${await head()}`,
    )
    // down all of 12-13: at 12-14 00:30 the 12-13 brief is over (dropped) and 12-14's is not due yet
    h.clock.set('2026-12-14T00:30:00+08:00')
    expect(await runJob(s, h, 'daily-brief')).toEqual({ ...nothing, dropped: 1 })
    expect(await pushed(h, '每日简报')).toHaveLength(2)
  })

  it('at the hour the project sets', async () => {
    await h.say('admin', '/config set dailyBriefTime.hour 8')
    const s = schedulerFor(h)
    h.clock.set('2026-12-12T07:59:59.999+08:00')
    expect(await runJob(s, h, 'daily-brief')).toEqual(nothing)
    h.clock.set('2026-12-12T08:00:00+08:00')
    expect(await runJob(s, h, 'daily-brief')).toEqual({ ...nothing, sent: 1 })
    expect((await pushed(h, '每日简报'))[0]).toMatch(/今日签到（截至 08:00）：0\/2 人/)
  })
})
