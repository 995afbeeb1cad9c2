import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { pushed, runJob, runs, schedulerFor } from './support.ts'

const EXAMPLE = '例如：/定时公告 添加 "0 8 * * 1-5" 班车8:30从地铁站发车（周一至周五每天 08:00 发送）'

describe.each(databaseKinds())('recurring announcements: /schedule (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00') // a Tuesday
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('adds, lists and removes for the manager; validates the expression with an example', async () => {
    expect(await h.say('mgr', '/schedule add "0 8 * * 1-5" 班车8:30从地铁站发车')).toMatch(
      /^已添加定时公告 T1：工作日 8:00（cron 0 8 \* \* 1-5，Asia\/Shanghai），下次发送 2026-12-02 08:00。\n内容：班车8:30从地铁站发车\n证据 A\d+$/,
    )
    expect(await h.say('admin', '/schedule add "30 14 * * 5" 周五例会')).toMatch(
      /^已添加定时公告 T2：.*下次发送 2026-12-04 14:30/,
    )
    expect(await h.say('lj1', '/schedule list')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.say('mgr', '/schedule list')).toBe(
      [
        '定时公告（Asia/Shanghai）：',
        'T1 工作日 8:00（cron 0 8 * * 1-5），下次 2026-12-02 08:00：班车8:30从地铁站发车',
        'T2 每周五 14:30（cron 30 14 * * 5），下次 2026-12-04 14:30：周五例会',
      ].join('\n'),
    )
    expect(await h.say('mgr', '/schedule remove T2')).toMatch(
      /^已删除定时公告 T2（30 14 \* \* 5）：周五例会\n证据 A\d+$/,
    )
    expect(await h.say('mgr', '/schedule remove T2')).toBe('找不到定时公告 T2。发送 /定时公告 列表 查看编号。')
    expect(await h.say('mgr', '/schedule list')).toBe(
      '定时公告（Asia/Shanghai）：\nT1 工作日 8:00（cron 0 8 * * 1-5），下次 2026-12-02 08:00：班车8:30从地铁站发车',
    )
  })

  it('reads schedules in words into cron, lists both forms and the next firing', async () => {
    // 2026-12-01 09:00 is a Tuesday
    const added = [
      [
        '/schedule add 每天 8:00 班车8:30从地铁站发车',
        'T1：每天 8:00（cron 0 8 * * *，Asia/Shanghai），下次发送 2026-12-02 08:00',
      ],
      [
        '/schedule add 工作日 8:30 晨会',
        'T2：工作日 8:30（cron 30 8 * * 1-5，Asia/Shanghai），下次发送 2026-12-02 08:30',
      ],
      [
        '/schedule add 每周一 9:00 周例会',
        'T3：每周一 9:00（cron 0 9 * * 1，Asia/Shanghai），下次发送 2026-12-07 09:00',
      ],
      [
        '/schedule add 每月1日 10:00 月度对账',
        'T4：每月1日 10:00（cron 0 10 1 * *，Asia/Shanghai），下次发送 2026-12-01 10:00',
      ],
      [
        '/schedule add 周六日 9:30 周末开放日',
        'T5：周六日 9:30（cron 30 9 * * 0,6，Asia/Shanghai），下次发送 2026-12-05 09:30',
      ],
      ['定时公告 add 每天8点 班车', 'T6：每天 8:00（cron 0 8 * * *，Asia/Shanghai），下次发送 2026-12-02 08:00'],
      ['/schedule add 每天 9:00 今天已过', 'T7：每天 9:00（cron 0 9 * * *，Asia/Shanghai），下次发送 2026-12-02 09:00'],
    ]
    for (const [command, reply] of added) {
      expect((await h.say('mgr', command as string)).split('\n')[0]).toBe(`已添加定时公告 ${reply}。`)
    }
    expect(await h.say('mgr', '/schedule add "*/30 8-18 * * *" 看房提醒')).toMatch(
      /^已添加定时公告 T8：\*\/30 8-18 \* \* \*（Asia\/Shanghai），下次发送 2026-12-01 09:30。/,
    )
    expect(await h.store.db.recurringAnnouncement.findFirstOrThrow({ select: { cron: true, text: true } })).toEqual({
      cron: '0 8 * * *',
      text: '班车8:30从地铁站发车',
    })
    expect(await h.say('mgr', '/schedule list')).toBe(
      [
        '定时公告（Asia/Shanghai）：',
        'T1 每天 8:00（cron 0 8 * * *），下次 2026-12-02 08:00：班车8:30从地铁站发车',
        'T2 工作日 8:30（cron 30 8 * * 1-5），下次 2026-12-02 08:30：晨会',
        'T3 每周一 9:00（cron 0 9 * * 1），下次 2026-12-07 09:00：周例会',
        'T4 每月1日 10:00（cron 0 10 1 * *），下次 2026-12-01 10:00：月度对账',
        'T5 周六日 9:30（cron 30 9 * * 0,6），下次 2026-12-05 09:30：周末开放日',
        'T6 每天 8:00（cron 0 8 * * *），下次 2026-12-02 08:00：班车',
        'T7 每天 9:00（cron 0 9 * * *），下次 2026-12-02 09:00：今天已过',
        'T8 */30 8-18 * * *，下次 2026-12-01 09:30：看房提醒',
      ].join('\n'),
    )
    // 周六日 fires on the Saturday, not on Friday or Monday
    const s = schedulerFor(h)
    h.clock.set('2026-12-04T09:30:00+08:00')
    await runJob(s, h, 'announcements')
    h.clock.set('2026-12-05T09:30:00+08:00')
    await runJob(s, h, 'announcements')
    expect(await pushed(h, '【公告】周末开放日')).toEqual(['group:g1 【公告】周末开放日'])
  })

  it('refuses words it cannot read, saying how to write them, and changes nothing', async () => {
    expect(await h.say('mgr', '/schedule add 每天 班车')).toBe(
      '“每天 班车”里没有可用的时间。时间写 8:00、8点、8点半 或 下午3点，例如：/定时公告 添加 工作日 8:00 班车8:30从地铁站发车',
    )
    expect(await h.say('mgr', '/schedule add 每天 8:00、20:30 班车')).toBe(
      '“每天 8:00、20:30 班车”里几个时间的分钟不同；一条定时公告的几个时间须是同一分钟（如 8:00、20:00），请分成两条添加。',
    )
    expect(await h.say('mgr', '/schedule add 每月32日 9:00 对账')).toBe(
      '“每月32日 9:00 对账”里有不存在的日子：星期写 一 至 日（如 每周一、周一至周五），日期写 1–31日（如 每月1日）。',
    )
    expect(await h.say('mgr', '/schedule add 每天 8:00')).toMatch(/^请写时间.*和公告内容。\n用法：/)
    expect(await h.say('mgr', '/schedule add 每月31日 9:00 月底')).toMatch(/^已添加定时公告 T1：每月31日 9:00/)
    expect(await h.say('lj1', '/schedule add 每天 8:00 班车')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.store.db.recurringAnnouncement.count()).toBe(1)
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
      /^请写时间（如 每天 8:00、工作日 8:30，或加英文引号的 cron）和公告内容。\n用法：/,
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
