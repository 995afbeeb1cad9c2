import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, chatHarness, type Harness, join, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

const changed = (what: string) =>
  new RegExp(`^已修改 ${what}。从现在起生效，已做出的决定（如已报备客户的保护期）不变。证据 A\\d+$`)

describe.each(databaseKinds())('/设置 (/config) in the units people use (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('lists every setting by its Chinese name, in 天, 元, %, 套, with its range', async () => {
    const list = (await h.say(ADMIN, '/设置')).split('\n')
    expect(list[0]).toBe('本项目的规则设置（当前值，括号内为可设范围）：')
    expect(list).toEqual(
      expect.arrayContaining([
        '保护期天数 15天（1–365天）',
        '分销上限 20家（1–10000家）',
        '每家分销销售上限 2人（1–1000人）',
        '大定金额 10,000元（0.01元以上）',
        '小定封房天数 3天（1–365天）',
        '佣金费率 1.6%（0%–100%）',
        '未达标佣金费率 1.5%（0%–100%）',
        '月度任务套数 2套（0–10000套）',
        '每日简报时间 09:00（00:00–23:59）',
        '不配合罚款 由经理定（0元以上，或“由经理定”）',
        '复印罚款（每张） 0.5元（0元以上）',
        '谈判桌警告次数 1次（0–1000次）',
      ]),
    )
    expect(list.at(-1)).toBe('修改：/设置 修改 <名称> <值>，例如 /设置 修改 保护期天数 20、/设置 修改 佣金费率 1.7%')
    expect(list.join('\n')).not.toMatch(/Fen|Bp|protectionDays/)
    expect(await h.say(ADMIN, '/config')).toBe(list.join('\n'))
  })

  it('changes a setting by its Chinese name in its unit; the old keys still work; it applies from then on', async () => {
    await h.say('lj1', '报备 张三 13812345678') // 15 days: to 12-15
    expect(await h.say(ADMIN, '/设置 修改 保护期天数 20')).toMatch(changed('保护期天数：15天 → 20天'))
    expect(await h.say('wa1', '报备 李五 13912345678')).toMatch(/保护期至 12-20（12-21 00:00 失效）/)
    expect(await h.say('wa1', '查客户 13812345678', 'direct')).toBe('13812345678：受保护至 12-15。')
    expect(await h.say(ADMIN, '/config set 佣金费率 1.7%')).toMatch(changed('佣金费率：1.6% → 1.7%'))
    expect(await h.say(ADMIN, '/config set commission.fullRateBp 165')).toMatch(changed('佣金费率：1.7% → 1.65%'))
    expect(await h.say(ADMIN, '/config set deposits.small.amountFen 2000')).toMatch(
      changed('小定金额：1,000元 → 2,000元'),
    )
    expect(await h.say(ADMIN, '/config set 大定金额 2万')).toMatch(changed('大定金额：10,000元 → 20,000元'))
    expect(await h.say(ADMIN, '/config set 每日简报时间 8:30')).toMatch(changed('每日简报时间：09:00 → 08:30'))
    expect(await h.say(ADMIN, '/config set dailyBriefTime.hour 7')).toMatch(changed('dailyBriefTime.hour：8 → 7'))
    expect(await h.say(ADMIN, '/config set 不配合罚款 500元')).toMatch(changed('不配合罚款：由经理定 → 500元'))
    expect(await h.say(ADMIN, '/config set 不配合罚款 由经理定')).toMatch(changed('不配合罚款：500元 → 由经理定'))
    expect(await h.say(ADMIN, '/设置 月度任务套数 3套')).toMatch(changed('月度任务套数：2套 → 3套'))
    expect(await h.say(ADMIN, '/设置 月度任务套数')).toBe(
      '本项目的规则设置（当前值，括号内为可设范围）：\n月度任务套数 3套（0–10000套）\n修改：/设置 修改 <名称> <值>，例如 /设置 修改 保护期天数 20、/设置 修改 佣金费率 1.7%',
    )
    const list = await h.say(ADMIN, '/设置')
    expect(list).toContain('\n保护期天数 20天（1–365天）\n')
    expect(list).toContain('\n佣金费率 1.65%（0%–100%）\n')
    expect(list).toContain('\n每日简报时间 07:30（00:00–23:59）\n')
  })

  it('refuses an unknown name, a value not in its unit and one out of range, giving the range, changing nothing', async () => {
    const before = (await h.store.db.project.findFirstOrThrow()).settings
    expect(await h.say(ADMIN, '/config set 保护天数 20')).toBe(
      '没有“保护天数”这项设置。发送 /设置 查看全部设置的名称、当前值和范围。',
    )
    expect(await h.say(ADMIN, '/config set 保护期天数 abc')).toBe(
      '“abc”不是“保护期天数”可用的值：请写1–365天的整数天数，例如 /设置 修改 保护期天数 15天',
    )
    expect(await h.say(ADMIN, '/config set protectionDays 0')).toBe(
      '“0”不是“保护期天数”可用的值：请写1–365天的整数天数，例如 /设置 修改 保护期天数 15天',
    )
    expect(await h.say(ADMIN, '/config set 保护期天数 366')).toMatch(/^“366”不是“保护期天数”可用的值：请写1–365天/)
    expect(await h.say(ADMIN, '/config set 佣金费率 100.01%')).toBe(
      '“100.01%”不是“佣金费率”可用的值：请写0%–100%的百分比（最多两位小数，例如 1.75%），例如 /设置 修改 佣金费率 1.6%',
    )
    expect(await h.say(ADMIN, '/config set 佣金费率 1.675%')).toMatch(/^“1.675%”不是“佣金费率”可用的值/)
    expect(await h.say(ADMIN, '/config set 每日简报时间 24:00')).toMatch(
      /^“24:00”不是“每日简报时间”可用的值：请写00:00–23:59/,
    )
    expect(await h.say(ADMIN, '/config set 态度罚款 由经理定')).toBe(
      '“由经理定”不是“态度罚款”可用的值：请写0元以上的金额（元，例如 1000、0.5 或 1万），例如 /设置 修改 态度罚款 200元',
    )
    expect(await h.say('mgr', '/设置 修改 保护期天数 20')).toBe('无权使用此命令：仅限管理员。')
    expect((await h.store.db.project.findFirstOrThrow()).settings).toBe(before)
  })

  it('refuses a limit below what is on site now, saying why (R1), and accepts it at the active count', async () => {
    await h.say(ADMIN, '/分销 添加 中原')
    const before = (await h.store.db.project.findFirstOrThrow()).settings
    expect(await h.say(ADMIN, '/config set maxAgencies 2')).toBe(
      '不能把分销上限改为 2 家：现在有 3 家分销在场（R1）。请先劝退多出的分销，或设为不少于 3 家。',
    )
    await join(h, 'lj2', '/员工 添加 王二 销售 链家')
    expect(await h.say(ADMIN, '/config set 每家分销销售上限 1')).toBe(
      '不能把每家分销销售上限改为 1 人：分销“链家”现在有 2 名销售在场（R1）。请先停用多出的销售，或设为不少于 2 人。',
    )
    expect((await h.store.db.project.findFirstOrThrow()).settings).toBe(before)
    expect(await h.say(ADMIN, '/config set 分销上限 3')).toMatch(changed('分销上限：20家 → 3家'))
    expect(await h.say(ADMIN, '/分销 添加 麦田')).toBe('已有 3 家分销在场，不能再添加（R1 现场只招3家分销）。')
  })
})
