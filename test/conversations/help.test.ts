import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import { ADMIN, chatHarness, type Harness, join, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

const AGENT_HELP = [
  '你可以使用的命令（例句可直接复制修改）：',
  '【签到】签到',
  '【报备与到访】报备 张三 13800000000 看三居 ｜ 如果 报备 13800000000 ｜ 查客户 13800000000 ｜ 我的客户',
  '【来访分配】轮排',
  '【定金到签约】销控 ｜ 房源 3-1-1201 ｜ 定金 3-1-1201 13800000000 小定 ｜ 认购 D3 1650000 ｜ 退定 D3',
  '【月结】业绩 2026-12 ｜ 结佣 查询',
  '【经理台】确认 佣金 2026-11 ｜ 报表 2026-12',
  '发送“帮助 <命令>”看用法和谁可以用，“帮助 全部”看全部说明。',
].join('\n')

describe.each(databaseKinds())('帮助 and the Chinese command names (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('lists an agent’s commands in a group by topic, one copyable example each, the example number as typed', async () => {
    expect(await h.say('lj1', '帮助')).toBe(AGENT_HELP)
    const sent = (await h.outbox()).at(-1)
    expect(sent?.targetKind).toBe('group')
    expect(sent?.text).toContain('报备 张三 13800000000 看三居')
  })

  it('keeps every role’s group help within 15 lines, and shows a secretary only the subcommands she may use', async () => {
    for (const who of [ADMIN, 'mgr', 'sec', 'lj1']) {
      expect((await h.say(who, '帮助')).split('\n').length).toBeLessThanOrEqual(15)
    }
    const admin = await h.say(ADMIN, '帮助')
    for (const c of COMMANDS.filter((c) => c.id !== 'help' && c.id !== 'join')) {
      expect(admin).toContain(c.subcommands?.[0]?.example ?? c.example)
    }
    const sec = await h.say('sec', '帮助')
    expect(sec).toContain('【设置】/分销 列表\n')
    expect(sec).not.toContain('/分销 添加')
    expect(sec).not.toContain('罚款')
  })

  it('gives everything in a direct chat and with 帮助 全部, Chinese names first with their aliases', async () => {
    const direct = await h.say('lj1', '帮助', 'direct')
    expect(await h.say('lj1', '帮助 全部')).toBe(direct)
    expect(direct).toContain(
      '【报备与到访】\n报备（file） — 报备客户，获得15天保护期（R12）\n  例：报备 张三 13800000000 看三居\n',
    )
    expect(direct).not.toContain('罚款（fine）')
    const admin = await h.say(ADMIN, '帮助 全部')
    expect(admin).toContain(
      '分销（agency） — 添加分销商（最多20家，R1）；查看分销列表；管理员恢复已劝退的分销（排到轮排末位）\n' +
        '  分销 添加：添加分销商（最多20家，R1），例：/分销 添加 链家\n' +
        '  分销 列表：查看分销及其销售，例：/分销 列表\n' +
        '  分销 恢复：恢复已劝退的分销，排到轮排末位，例：/分销 恢复 链家 整改完成\n',
    )
  })

  it('says who may use a command, and tells someone who may not', async () => {
    expect(await h.say('lj1', '帮助 罚款')).toBe(
      [
        '罚款（fine）：开罚单，从分销当月佣金中扣除（R5–R7、R9、R11、R13、R16、R18–R20）',
        '用法：罚款 <销售姓名或分销名称> <类型> [数量或金额] [情节严重] [备注]',
        '类型：培训 不配合 态度 抢客 派单 捣乱 大厅 水杯 谈判桌 工服 复印。派单写接待客户数、复印写张数（如 20张）；不配合写金额（如 500元），情节严重时加“情节严重”（R6：劝退并扣除当月佣金）',
        '例如：罚款 李四 态度 与客户争吵',
        '依据：R5、R6、R7、R9、R11、R13、R16、R18、R19、R20',
        '可以使用：现场经理、管理员（你不能使用此命令）',
      ].join('\n'),
    )
    expect(await h.say('sec', '帮助 /分销 添加')).toBe(
      '分销 添加（add）：添加分销商（最多20家，R1）\n用法：/分销 添加 <名称>\n例如：/分销 添加 链家\n可以使用：现场经理、管理员（你不能使用此命令）',
    )
    expect(await h.say('sec', '帮助 agency')).toBe(
      [
        '分销（agency）：添加分销商（最多20家，R1）；查看分销列表；管理员恢复已劝退的分销（排到轮排末位）',
        '用法：/分销 添加 <名称> ｜ /分销 列表 ｜ /分销 恢复 <名称> <原因>',
        '例如：/分销 添加 链家',
        '子命令：添加、列表、恢复（帮助 分销 <子命令>）',
        '依据：R1',
        '可以使用：案场秘书、现场经理、管理员',
      ].join('\n'),
    )
    expect(await h.say('lj1', '帮助 签到')).toBe(
      '签到（checkin）：每日签到（连续3天未签到视为自动放弃，R1）\n用法：签到\n例如：签到\n依据：R1\n可以使用：分销销售、管理员',
    )
    expect(await h.say('lj1', '帮助 房源 添加')).toBe(
      '房源 添加（add）：添加一套房源，可售\n用法：/房源 添加 <房号> <面积㎡> <总价元> <底价元> [地下室]\n例如：/房源 添加 3-1-1201 89.5 1680000 1600000\n可以使用：案场秘书、现场经理、管理员（你不能使用此命令）',
    )
    expect(await h.say('lj1', '帮助 开盘')).toBe('没有“开盘”这个命令。发送“帮助”查看你可以使用的命令。')
  })

  it('shows a person who has not joined only how to join', async () => {
    expect(await h.say('nobody', '帮助', 'direct')).toBe(
      '你可以使用的命令：\n【设置】\n加入（join） — 用管理员给的加入码绑定你的聊天账号\n  例：/加入 K7M2QX9P\n发送“帮助 <命令>”查看详细用法和谁可以用。',
    )
  })

  it('runs every subcommand under its Chinese name, the English words still accepted', async () => {
    expect(await h.say(ADMIN, '/分销 添加 中原')).toMatch(
      /^已添加分销“中原”，轮排第 3 位；还可添加 17 家（R1）。证据 A\d+$/,
    )
    expect(await h.say(ADMIN, '/agency add 麦田')).toMatch(/^已添加分销“麦田”，轮排第 4 位/)
    expect(await h.say('sec', '/分销 列表')).toBe(
      '分销 4/20 家：\n1. 链家：李四\n2. 我爱我家：周五\n3. 中原：暂无销售\n4. 麦田：暂无销售',
    )
    await join(h, 'zy1', '/员工 添加 张三 销售 中原')
    expect(await h.say(ADMIN, '/员工 加入码 张三', 'direct')).toMatch(/^分销销售 张三 的新加入码/)
    expect(await h.say('sec', '/房源 添加 3-1-1201 89.5 1680000 1600000')).toMatch(
      /^已添加房源 3-1-1201：面积 89.5㎡，总价 ¥1,680,000.00，可售。证据 A\d+$/,
    )
    expect(await h.say('lj1', '/房源 添加 3-1-1202 89.5 1680000 1600000')).toBe(
      '无权使用此命令：仅限案场秘书、现场经理、管理员。',
    )
    expect(await h.say('sec', '/房源 锁定 3-1-1201 开发商保留')).toMatch(/^房源 3-1-1201 已锁定（开发商保留）/)
    expect(await h.say('sec', '/房源 解锁 3-1-1201')).toMatch(/^房源 3-1-1201 已解锁，恢复可售。/)
    expect(await h.say('lj1', '房源 3-1-1201')).toBe('房源 3-1-1201：可售\n面积 89.5㎡，总价 ¥1,680,000.00')
    expect(await h.say('mgr', '/定时公告 添加 每天 8:00 班车8:30发车')).toMatch(/^已添加定时公告 T1：每天 8:00/)
    expect(await h.say('mgr', '/定时公告 列表')).toBe(
      '定时公告（Asia/Shanghai）：\nT1 每天 8:00（cron 0 8 * * *），下次 2026-12-02 08:00：班车8:30发车',
    )
    expect(await h.say('mgr', '/定时公告 删除 T1')).toMatch(/^已删除定时公告 T1/)
    expect(await h.say(ADMIN, '/审计 校验')).toMatch(/^审计日志完整：共 \d+ 条（至 A\d+），哈希链校验通过。$/)
    expect(await h.say(ADMIN, '/设置 修改 protectionDays 20')).toMatch(/^已修改 /)
    expect(await h.say(ADMIN, '/群 绑定 香公馆')).toMatch(/^本群已绑定项目“香公馆”。/)
  })

  it('answers every example of help with something other than its usage (each one can be copied)', async () => {
    const examples = COMMANDS.filter((c) => c.id !== 'help').flatMap((c) => [
      c.example,
      ...(c.subcommands ?? []).map((s) => s.example),
    ])
    for (const example of examples) {
      const reply = await h.say(ADMIN, example, 'direct')
      expect(reply, example).not.toMatch(/用法：|不认识的命令/)
    }
  })
})
