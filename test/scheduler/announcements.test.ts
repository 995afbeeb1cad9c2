import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

const EXAMPLE = '例如：/schedule add "0 8 * * 1-5" 班车8:30从地铁站发车（周一至周五每天 08:00 发送）'

describe.each(databaseKinds())('recurring announcements: /schedule (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00') // a Tuesday
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('adds, lists and removes for the manager; validates the expression with an example', async () => {
    expect(await h.say('mgr', '/schedule add "0 8 * * 1-5" 班车8:30从地铁站发车')).toMatch(
      /^已添加定时公告 T1：0 8 \* \* 1-5（Asia\/Shanghai），下次发送 2026-12-02 08:00。\n内容：班车8:30从地铁站发车\n证据 A\d+$/,
    )
    expect(await h.say('admin', '/schedule add "30 14 * * 5" 周五例会')).toMatch(
      /^已添加定时公告 T2：.*下次发送 2026-12-04 14:30/,
    )
    expect(await h.say('lj1', '/schedule list')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.say('mgr', '/schedule list')).toBe(
      [
        '定时公告（Asia/Shanghai）：',
        'T1 0 8 * * 1-5，下次 2026-12-02 08:00：班车8:30从地铁站发车',
        'T2 30 14 * * 5，下次 2026-12-04 14:30：周五例会',
      ].join('\n'),
    )
    expect(await h.say('mgr', '/schedule remove T2')).toMatch(
      /^已删除定时公告 T2（30 14 \* \* 5）：周五例会\n证据 A\d+$/,
    )
    expect(await h.say('mgr', '/schedule remove T2')).toBe('找不到定时公告 T2。发送 /schedule list 查看编号。')
    expect(await h.say('mgr', '/schedule list')).toBe(
      '定时公告（Asia/Shanghai）：\nT1 0 8 * * 1-5，下次 2026-12-02 08:00：班车8:30从地铁站发车',
    )
  })

  it("keeps the manager's own text: full-width punctuation and line breaks", async () => {
    await h.say('mgr', '/schedule add “０ ８ * * *” 班车：８：３０从地铁站发车，\n请提前到站')
    expect(await h.store.db.recurringAnnouncement.findFirstOrThrow({ select: { cron: true, text: true } })).toEqual({
      cron: '0 8 * * *',
      text: '班车：８：３０从地铁站发车，\n请提前到站',
    })
    h.clock.set('2026-12-02T08:00:00+08:00')
    await runJob(schedulerFor(h), h, 'announcements')
    expect(await pushed(h, '【公告】')).toEqual(['group:g1 【公告】班车：８：３０从地铁站发车，\n请提前到站'])
  })

  it('refuses a bad expression with an example, and changes nothing', async () => {
    expect(await h.say('mgr', '/schedule add "0 8 * *" 班车')).toBe(
      `定时表达式“0 8 * *”无效：需要5项，依次为 分 时 日 月 周，用空格分开并加英文引号。${EXAMPLE}`,
    )
    expect(await h.say('mgr', '/schedule add "0 25 * * *" 班车')).toBe(
      `定时表达式“0 25 * * *”的小时一项无效。${EXAMPLE}`,
    )
    expect(await h.say('mgr', '/schedule add "0 0 30 2 *" 班车')).toBe(
      `定时表达式“0 0 30 2 *”永远不会触发（例如2月30日）。${EXAMPLE}`,
    )
    expect(await h.say('mgr', '/schedule add 0 8 * * * 班车')).toMatch(
      /^请写定时表达式（加英文引号）和公告内容。\n用法：/,
    )
    expect(await h.store.db.recurringAnnouncement.count()).toBe(0)
  })

  it('fires through the announcement at its minute on matching days, once', async () => {
    await h.say('mgr', '/schedule add "0 8 * * 1-5" 班车8:30从地铁站发车')
    const s = schedulerFor(h)
    h.clock.set('2026-12-02T07:59:59.999+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-02T08:00:00+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 1 })
    h.clock.set('2026-12-02T08:00:10+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-05T08:00:00+08:00') // Saturday
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 0 })
    h.clock.set('2026-12-07T08:00:05+08:00') // Monday
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 1 })
    expect(await pushed(h, '【公告】')).toEqual([
      'group:g1 【公告】班车8:30从地铁站发车',
      'group:g1 【公告】班车8:30从地铁站发车',
    ])
    const stored = await h.store.db.announcement.findMany({ select: { recurringId: true, text: true } })
    expect(stored).toEqual([
      { recurringId: 1, text: '班车8:30从地铁站发车' },
      { recurringId: 1, text: '班车8:30从地铁站发车' },
    ])

    await h.say('mgr', '/schedule remove T1')
    h.clock.set('2026-12-08T08:00:00+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ sent: 0 })
  })

  it('sends a firing missed by minutes late, saying so; drops one missed by more than half an hour', async () => {
    await h.say('mgr', '/schedule add "0 8 * * *" 班车8:30从地铁站发车')
    const s = schedulerFor(h)
    h.clock.set('2026-12-02T08:10:00+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ late: 1 })
    h.clock.set('2026-12-03T08:30:00.001+08:00')
    expect(await runJob(s, h, 'announcements')).toMatchObject({ dropped: 1 })
    expect(await pushed(h, '【公告】')).toEqual([
      'group:g1 （补发，原定 2026-12-02 08:00）【公告】班车8:30从地铁站发车',
    ])
    expect(await runs(h, 'announcement')).toEqual([
      { key: 'announcement:T1:2026-12-02T00:00:00.000Z', outcome: 'late' },
      { key: 'announcement:T1:2026-12-03T00:00:00.000Z', outcome: 'dropped' },
    ])
  })
})

describe.each(databaseKinds())('the 1st-of-month close (%s)', (kind) => {
  it('closes last month at 00:00 on the 1st, once; after downtime every missed month once', async () => {
    const h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    try {
      await standardSite(h)
      const s = schedulerFor(h)
      h.clock.set('2026-12-31T23:59:59.999+08:00')
      expect(await runJob(s, h, 'month-close')).toMatchObject({ applied: 0 })
      h.clock.set('2027-01-01T00:00:00+08:00')
      expect(await runJob(s, h, 'month-close')).toMatchObject({ applied: 1 })
      expect(await runJob(s, h, 'month-close')).toMatchObject({ applied: 0 })
      const statements = await pushed(h, '【月结')
      expect(statements).toHaveLength(1)
      expect(statements[0]).toMatch(/^direct:mgr 【月结 2026-12】各分销佣金：/)
      expect(statements[0]).toContain('未达标（R4）：链家、我爱我家')

      h.clock.set('2027-04-02T10:00:00+08:00') // down through three month ends
      expect(await runJob(s, h, 'month-close')).toMatchObject({ applied: 3 })
      expect(await runJob(s, h, 'month-close')).toMatchObject({ applied: 0 })
      expect((await pushed(h, '【月结')).map((t) => /【月结 (\d{4}-\d{2})】/.exec(t)?.[1])).toEqual([
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
      ])
    } finally {
      await h.close()
    }
  })
})
