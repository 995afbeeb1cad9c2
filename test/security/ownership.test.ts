import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

/**
 * Issue 9, attack 5: nothing an agent sees (its own replies, or what the group reads) names another agency's
 * customer or tells who owns it. The usual site: lj1 is 链家's agent, wa1 is 我爱我家's, sec the secretary, mgr the
 * manager; 链家 files 张三 13812345678.
 */
describe.each(databaseKinds())('ownership stays with the owner (%s)', (kind) => {
  let h: Harness
  const outboxFrom = async (mark: number) => (await h.outbox()).slice(mark)
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    await h.say('lj1', '报备 张三 13812345678')
  })
  afterEach(() => h.close())

  it('a dry run about another agency is the secretary’s: an agent naming one is refused', async () => {
    expect(await h.say('wa1', '如果 报备 链家 13812345678', 'direct')).toBe(
      '只能预演本分销的报备；为“链家”等其他分销预演由案场秘书办理。本分销预演：如果 报备 <手机号>',
    )
    expect(await h.say('wa1', '如果 报备 我爱我家 13812345678', 'direct')).toBe(
      '预演：13812345678 在其他分销保护期内（至 12-15），报备将撞单被拒绝（R12 先到访者）。（未做任何改动）',
    )
    // the answers for "链家" and for "我爱我家" are no longer an oracle: the agent may only ask about its own agency
    expect(await h.say('sec', '如果 报备 链家 13812345678', 'direct')).toBe(
      '预演：13812345678 已在链家保护期内（至 12-15），再次报备不会延长。（未做任何改动）',
    )
  })

  it('a dry run typed in a group answers there with the protection only, in full by direct message', async () => {
    const mark = (await h.outbox()).length
    expect(await h.say('lj1', '如果 报备 13812345678')).toBe(
      '预演：138****5678 受保护至 12-15。（未做任何改动）（详情已私信发给你）',
    )
    expect((await outboxFrom(mark)).map((m) => `${m.targetKind}:${m.targetId} ${m.text}`)).toEqual([
      'group:g1 预演：138****5678 受保护至 12-15。（未做任何改动）（详情已私信发给你）',
      'direct:lj1 预演：13812345678 已在本分销保护期内（至 12-15），再次报备不会延长。（未做任何改动）',
    ])
  })

  it('in a group the owner’s agent and another agency’s get the same group answer: its shape names no owner', async () => {
    for (const [question, answer] of [
      ['如果 报备 13812345678', '预演：138****5678 受保护至 12-15。（未做任何改动）（详情已私信发给你）'],
      ['查客户 13812345678', '138****5678：受保护至 12-15。（详情已私信发给你）'],
    ] as const) {
      const mark = (await h.outbox()).length
      expect(await h.say('lj1', question)).toBe(answer)
      expect(await h.say('wa1', question)).toBe(answer)
      const sent = await outboxFrom(mark)
      expect(sent.filter((m) => m.targetKind === 'group').map((m) => m.text)).toEqual([answer, answer])
      // each asker's own answer goes to them alone
      expect(sent.filter((m) => m.targetKind === 'direct').map((m) => m.targetId)).toEqual(['lj1', 'wa1'])
    }
    const dms = (await h.outbox())
      .filter((m) => m.targetId === 'wa1' && m.text.includes('13812345678'))
      .map((m) => m.text)
    expect(dms).toEqual([
      '预演：13812345678 在其他分销保护期内（至 12-15），报备将撞单被拒绝（R12 先到访者）。（未做任何改动）',
      '13812345678：受保护至 12-15。',
    ])
    // a number nobody protects is public: answered in the group alone, the same for everyone
    expect(await h.say('wa1', '查客户 13912345678')).toBe('139****5678：当前无人保护，可以报备。')
    expect(await h.say('wa1', '如果 报备 13912345678')).toBe(
      '预演：139****5678 当前无人保护，可以报备。（未做任何改动）',
    )
  })

  it('查客户 by the secretary or the manager in a group: the group reads what an agent may, the asker gets it all directly', async () => {
    for (const who of ['sec', 'mgr']) {
      const mark = (await h.outbox()).length
      expect(await h.say(who, '查客户 13812345678')).toBe('138****5678：受保护至 12-15。（详情已私信发给你）')
      const sent = await outboxFrom(mark)
      expect(sent.filter((m) => m.targetKind === 'group').map((m) => m.text)).toEqual([
        '138****5678：受保护至 12-15。（详情已私信发给你）',
      ])
      expect(sent.filter((m) => m.targetKind === 'direct').map((m) => `${m.targetId} ${m.text}`)).toEqual([
        `${who} 张三 13812345678\n分销：链家（F1），报备于 2026-12-01 15:40\n保护期至 12-15（12-16 00:00 失效）`,
      ])
      for (const m of sent.filter((x) => x.targetKind === 'group')) {
        expect(m.text).not.toContain('张三')
        expect(m.text).not.toContain('链家')
      }
    }
    // the same question in a direct chat is answered in full there
    expect(await h.say('sec', '查客户 13812345678', 'direct')).toBe(
      '张三 13812345678\n分销：链家（F1），报备于 2026-12-01 15:40\n保护期至 12-15（12-16 00:00 失效）',
    )
  })

  it('我的客户 in a group lists no names there; the list goes directly', async () => {
    expect(await h.say('lj1', '我的客户')).toBe('链家保护期内客户 1 位。（详情已私信发给你）')
    const [dm] = (await h.outbox()).filter((m) => m.targetKind === 'direct' && m.targetId === 'lj1').slice(-1)
    expect(dm?.text).toBe('链家保护期内客户 1 位：\n张三 13812345678 至 12-15')
  })

  it('定金 on another agency’s customer: the agent’s reply and the group name neither the customer nor the owner', async () => {
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    const mark = (await h.outbox()).length
    expect(await h.say('wa1', '定金 3-1-1201 13812345678 小定')).toMatch(
      /^定金 D1 已登记：房源 3-1-1201 小定 ¥1,000\.00，客户 138\*\*\*\*5678，该客户在其他分销的保护期内，定金归保护方/,
    )
    const sent = await outboxFrom(mark)
    const agentSees = sent.filter((m) => m.targetKind === 'group' || m.targetId === 'wa1')
    expect(agentSees.length).toBeGreaterThan(0)
    for (const m of agentSees) {
      expect(m.text).not.toContain('张三')
      expect(m.text).not.toContain('链家')
    }
    // the manager, directly, gets everything
    expect(sent.find((m) => m.targetId === 'mgr')?.text).toContain('客户：张三 13812345678')
    // 认购 by the other agency's agent is refused without saying anything of the deposit's customer
    await h.say('mgr', '批准 D1')
    const refused = await h.say('wa1', '认购 D1 1650000', 'direct')
    expect(refused).toBe('定金 D1 不属于你的分销：只有成交分销的销售或案场秘书可以办理。')
  })
})

describe.each(databaseKinds())('a dismissed agency stays out (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-05T10:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('re-activating an agent of a dismissed agency is refused with the reason, so no deposit can go to it', async () => {
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    const asked = await h.say('mgr', '劝退 我爱我家 多次违规')
    const code = /确认 (Q\d+)/.exec(asked)?.[1]
    expect(await h.say('mgr', `确认 ${code}`)).toMatch(/^已确认 Q\d+。已劝退 我爱我家/)
    expect(await h.say(ADMIN, '/staff activate 周五')).toBe(
      '不能重新启用 周五：其分销“我爱我家”已于 2026-12-05 10:00 劝退，不在场。分销恢复在场后才能启用其销售。',
    )
    expect((await h.store.db.staff.findFirstOrThrow({ where: { name: '周五' } })).status).not.toBe('active')
    expect(await h.say('wa1', '定金 3-1-1201 13912345678 小定')).toBe(
      '你所在的分销“我爱我家”已于 12-05 劝退（现场经理决定：多次违规），你的销售资格随之终止。分销恢复在场后由管理员重新启用。',
    )
    expect(await h.store.db.deposit.count()).toBe(0)
  })
})
