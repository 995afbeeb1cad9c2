import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, chatHarness, type Harness, join, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('set-up commands (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
  })
  afterEach(() => h.close())

  it('binds a group, adds agencies within the limit, and lists them', async () => {
    expect(await h.say('stranger', '报备 张三 13812345678')).toBe('本群尚未绑定项目。管理员请发送：/群 绑定 [项目名称]')
    expect(await h.say(ADMIN, '/group bind 香公馆')).toMatch(
      /^本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A1$/,
    )
    expect(await h.say(ADMIN, '/agency add 链家')).toBe('已添加分销“链家”，轮排第 1 位；还可添加 19 家（R1）。证据 A2')
    expect(await h.say(ADMIN, '/agency add 链家')).toBe('分销“链家”已存在。发送 /分销 列表 查看。')
    expect(await h.say(ADMIN, '/agency add 12345')).toBe(
      '分销名称为1–20个字，不能是纯数字。\n用法：/分销 添加 <名称> ｜ /分销 列表 ｜ /分销 恢复 <名称> <原因>\n例如：/分销 添加 链家',
    )
    expect(await h.say(ADMIN, '/agency list')).toBe('分销 1/20 家：\n1. 链家：暂无销售')
  })

  it('refuses a 21st agency (R1) and changes nothing', async () => {
    await h.say(ADMIN, '/group bind 香公馆')
    for (let i = 1; i <= 20; i++) await h.say(ADMIN, `/agency add 分销${i}`)
    expect(await h.say(ADMIN, '/agency add 分销21')).toBe('已有 20 家分销在场，不能再添加（R1 现场只招20家分销）。')
    expect(await h.store.db.agency.count()).toBe(20)
  })

  it('gives a one-time join code; a third agent of one agency is refused (R1)', async () => {
    await h.say(ADMIN, '/group bind 香公馆')
    await h.say(ADMIN, '/agency add 链家')
    const reply = await h.say(ADMIN, '/staff add 李四 agent 链家', 'direct')
    expect(reply).toMatch(
      /^已添加分销销售 李四（链家）。请本人用自己的聊天账号私聊机器人发送：\n\/join [A-Z2-9]{8}\n加入码一次有效，2026-12-04 09:00 前使用。证据 A\d+$/,
    )
    const code = /\/join (\w+)/.exec(reply)?.[1]
    expect(await h.say('lj1', `/join ${code}`, 'direct')).toBe(
      '欢迎 李四！你已作为分销销售（链家）加入。发送“帮助”查看你可以使用的命令。',
    )
    expect(await h.say('someone-else', `/join ${code}`, 'direct')).toBe(
      '加入码无效、已使用或已过期。请向管理员重新索取（管理员私聊机器人发送：/员工 加入码 <姓名>）。',
    )
    await join(h, 'lj2', '/staff add 王二 agent 链家')
    expect(await h.say(ADMIN, '/staff add 张三 agent 链家')).toBe(
      '该分销已有 2 名销售在场，不能再添加（R1 每家分销配1–2个销售）。',
    )
    expect(await h.say(ADMIN, '/staff add 张三 boss')).toMatch(
      /^角色可选：销售、秘书、经理、管理员（也可写 分销销售、案场秘书、现场经理，或 agent、secretary、manager、admin）\n用法：/,
    )
  })

  it('lets a join code expire after its hours', async () => {
    await h.say(ADMIN, '/group bind 香公馆')
    const code = /\/join (\w+)/.exec(await h.say(ADMIN, '/staff add 王秘书 secretary', 'direct'))?.[1]
    h.clock.set('2026-12-04T09:00:00+08:00')
    expect(await h.say('sec', `/join ${code}`, 'direct')).toBe(
      '加入码无效、已使用或已过期。请向管理员重新索取（管理员私聊机器人发送：/员工 加入码 <姓名>）。',
    )
  })

  it('refuses set-up to people who may not, saying who may', async () => {
    await standardSite(h)
    expect(await h.say('lj1', '/agency add 麦田')).toBe('无权使用此命令：仅限管理员、现场经理、案场秘书。')
    expect(await h.say('sec', '/agency add 麦田')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.say('mgr', '/staff add 张三 agent 链家')).toBe('无权使用此命令：仅限管理员。')
    expect(await h.say('nobody', '签到')).toBe(
      '你还不是本案场的工作人员。请向管理员索取加入码，然后私聊机器人发送：/加入 <加入码>',
    )
  })

  it('ignores ordinary group chatter but answers an unknown slash command', async () => {
    await standardSite(h)
    const before = (await h.outbox()).length
    expect((await h.send(h.message('lj1', '今天天气不错'))).receipt.kind).toBe('ignored')
    expect(await h.say('lj1', '/foo')).toBe('不认识的命令“foo”。发送“帮助”查看你可以使用的命令。')
    expect((await h.outbox()).length).toBe(before + 1)
  })

  it('verifies the audit chain and finds a row edited behind the bot, naming the entry', async () => {
    await standardSite(h)
    await h.say('lj1', '报备 张三 13812345678')
    const count = await h.store.db.auditEntry.count()
    const last = await h.store.db.auditEntry.findFirstOrThrow({ orderBy: { seq: 'desc' } })
    expect(await h.say(ADMIN, '/audit verify')).toBe(`审计日志完整：共 ${count} 条（至 A${last.id}），哈希链校验通过。`)
    const victim = await h.store.db.auditEntry.findFirstOrThrow({ where: { action: 'filing.claim' } })
    const seq = victim.seq ?? 0
    await h.store.db.auditEntry.update({
      where: { id: victim.id },
      data: { data: victim.data.replace('13812345678', '13900000000') },
    })
    expect(await h.say(ADMIN, '/audit verify')).toBe(
      `⚠️ 审计日志校验失败：A${victim.id} 处内容被修改。此前 ${seq - 1} 条完好。请立即保留数据库备份并联系管理员。`,
    )
  })

  it('finds a deleted audit row and a truncated tail', async () => {
    await standardSite(h)
    const middle = await h.store.db.auditEntry.findFirstOrThrow({ where: { seq: 3 } })
    const next = await h.store.db.auditEntry.findFirstOrThrow({ where: { seq: 4 } })
    await h.store.db.auditEntry.delete({ where: { id: middle.id } })
    expect(await h.say(ADMIN, '/audit verify')).toMatch(
      new RegExp(`^⚠️ 审计日志校验失败：A${next.id} 处编号缺失（被删除）。此前 2 条完好。`),
    )
  })

  it('finds an entry slipped in outside the chain', async () => {
    await standardSite(h)
    await h.store.db.auditEntry.create({
      data: { projectId: 1, at: new Date(), actor: 'forger', action: 'filing.claim', data: '{}' },
    })
    expect(await h.say(ADMIN, '/audit verify')).toMatch(
      /^⚠️ 审计日志校验失败：有记录不在哈希链中（被私自插入）。此前 \d+ 条完好。/,
    )
  })
})
