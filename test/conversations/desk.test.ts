import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { jobNamed } from '../../src/scheduler/index.ts'
import { schedulerFor } from '../scheduler/support.ts'
import { chatHarness, type Harness, join, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

/** Audit codes depend on how many entries set-up wrote; replies are compared with them as `A#`. */
const codes = (text: string) => text.replace(/A\d+/g, 'A#')

/**
 * Three units; 张三 and 赵六 filed by 链家, 王五 by 我爱我家; D1 小定 pending (ends 12-04 00:00), D2 大定 approved with
 * a pending subscription S1, D3 大定 approved with a pending refund R1; 我爱我家 collides on 张三 (deal-locked, R13).
 */
async function approvalsSite(h: Harness) {
  await standardSite(h)
  for (const unit of ['3-1-1201', '3-1-1202', '3-1-1203']) await h.say('sec', `/unit add ${unit} 89.5 1680000 1600000`)
  h.clock.set('2026-12-01T10:00:00+08:00')
  await h.say('lj1', '报备 张三 13812345678')
  await h.say('wa1', '报备 王五 13912345678')
  await h.say('lj1', '报备 赵六 13700001111')
  h.clock.set('2026-12-01T15:40:00+08:00')
  await h.say('lj1', '定金 3-1-1201 13812345678 小定')
  h.clock.set('2026-12-02T10:00:00+08:00')
  await h.say('wa1', '定金 3-1-1202 13912345678 大定')
  await h.say('lj1', '定金 3-1-1203 13700001111 大定')
  await h.say('mgr', '批准 D2')
  await h.say('mgr', '批准 D3')
  h.clock.set('2026-12-02T11:00:00+08:00')
  await h.say('wa1', '认购 D2 1650000')
  await h.say('lj1', '退定 D3')
  await h.say('wa1', '报备 张三 13812345678')
}

const QUEUE = [
  '1. 定金 D1：房源 3-1-1201，链家，¥1,000.00，2026-12-01 15:40 提交；保留至 12-03（2026-12-04 00:00 开封）',
  '2. 退定 R1：房源 3-1-1203，链家，¥10,000.00，2026-12-02 11:00 提交；保留至 12-08（2026-12-09 00:00 开封）',
  // a pending 认购 keeps its unit held until decided: never “about to be released”
  '3. 认购 S1：房源 3-1-1202，我爱我家，总价 ¥1,650,000.00，2026-12-02 11:00 提交；审批前房源继续保留（定金保留期至 12-08）',
]
const DECIDE = '批准：批准 <编号>；驳回：驳回 <编号> [原因]'

describe.each(databaseKinds())('the manager’s desk (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00') // a Tuesday
  })
  afterEach(() => h.close())

  describe('待审批', () => {
    beforeEach(() => approvalsSite(h))

    it('lists deposits, refunds and subscriptions oldest first; flags a hold ending within 24 h from that instant', async () => {
      h.clock.set('2026-12-02T23:59:59.999+08:00')
      expect(await h.say('mgr', '待审批')).toBe(['【待审批】3 项，按提交先后：', ...QUEUE, DECIDE].join('\n'))
      h.clock.set('2026-12-03T00:00:00+08:00')
      expect(await h.say('mgr', '待审批')).toBe(
        [
          '【待审批】3 项，按提交先后，其中 1 项即将开封：',
          `${QUEUE[0]}　⚠️ 距开封不足 24 小时`,
          QUEUE[1],
          QUEUE[2],
          DECIDE,
        ].join('\n'),
      )
      expect(await h.say('admin', '/approvals')).toMatch(/^【待审批】3 项/)
    })

    it('drops what was decided and what can no longer be approved; refuses other roles', async () => {
      h.clock.set('2026-12-03T08:00:00+08:00')
      await h.say('mgr', '批准 S1')
      await h.say('mgr', '驳回 R1 客户改主意')
      h.clock.set('2026-12-03T23:59:59.999+08:00')
      expect(await h.say('mgr', '待审批')).toBe(
        ['【待审批】1 项，按提交先后，其中 1 项即将开封：', `${QUEUE[0]}　⚠️ 距开封不足 24 小时`, DECIDE].join('\n'),
      )
      h.clock.set('2026-12-04T00:00:00+08:00') // D1's hold is over: 批准 D1 would be refused (R14)
      expect(await h.say('mgr', '待审批')).toBe('没有待审批的事项。')
      expect(await h.say('sec', '待审批')).toBe('无权使用此命令：仅限现场经理、管理员。')
      expect(await h.say('lj1', '待审批')).toBe('无权使用此命令：仅限现场经理、管理员。')
      expect(await h.say('mgr', '待审批 全部')).toBe('用法：待审批\n例如：待审批')
    })

    it('follows the approvalUrgentHours setting', async () => {
      await h.say('admin', '/config set approvalUrgentHours 168')
      h.clock.set('2026-12-02T12:00:00+08:00')
      const lines = (await h.say('mgr', '待审批')).split('\n')
      expect(lines[0]).toBe('【待审批】3 项，按提交先后，其中 2 项即将开封：')
      expect(lines[3]).toBe(QUEUE[2])
      expect(lines[2]).toBe(`${QUEUE[1]}　⚠️ 距开封不足 168 小时`)
    })
  })

  describe('撞单', () => {
    beforeEach(async () => {
      await approvalsSite(h)
      h.clock.set('2026-12-03T13:00:00+08:00')
      await h.say('wa1', '报备 孙七 13600002222')
      h.clock.set('2026-12-03T14:00:00+08:00')
      await h.say('lj1', '报备 孙七 136 0000 2222') // protected by 我爱我家 until 12-17 (R12)
      h.clock.set('2026-12-05T10:00:00+08:00')
    })

    const FULL = [
      '【撞单 2026-12】2 起：',
      '1. 客户 张三 13812345678',
      '   原分销：链家 李四（F1），2026-12-01 10:00 起，已成交锁定',
      '   撞单方：我爱我家 周五，2026-12-02 11:00',
      '   裁定：R13 交定后撞单，客户锁定在成交分销。证据 A#',
      '2. 客户 孙七 13600002222',
      '   原分销：我爱我家 周五（F4），2026-12-03 13:00 起，保护期至 12-17',
      '   撞单方：链家 李四，2026-12-03 14:00',
      '   裁定：R12 先到访者，客户归原分销。证据 A#',
    ].join('\n')

    it('in a direct chat: both agencies, both agents, both instants, the rule and the evidence', async () => {
      expect(codes(await h.say('mgr', '撞单', 'direct'))).toBe(FULL)
      expect(codes(await h.say('sec', '撞单 2026-12', 'direct'))).toBe(FULL)
      expect(codes(await h.say('mgr', '撞单 2026-12-03', 'direct'))).toBe(
        [
          '【撞单 2026-12-03】1 起：',
          '1. 客户 孙七 13600002222',
          '   原分销：我爱我家 周五（F4），2026-12-03 13:00 起，保护期至 12-17',
          '   撞单方：链家 李四，2026-12-03 14:00',
          '   裁定：R12 先到访者，客户归原分销。证据 A#',
        ].join('\n'),
      )
      expect(await h.say('mgr', '撞单 2026-12-04', 'direct')).toBe('【撞单 2026-12-04】没有撞单记录。')
      expect(await h.say('mgr', '撞单 2026-11', 'direct')).toBe('【撞单 2026-11】没有撞单记录。')
      // the evidence code is the audit entry of the refused filing
      const evidence = /证据 (A\d+)/.exec(await h.say('mgr', '撞单 2026-12-03', 'direct'))?.[1]
      const entry = await h.store.db.auditEntry.findFirstOrThrow({ where: { id: Number(evidence?.slice(1)) } })
      expect(entry.action).toBe('filing.collision')
    })

    it('in a group: counts only, the full view to the asker by direct message', async () => {
      const before = (await h.outbox()).length
      expect(await h.say('mgr', '撞单')).toBe(
        '【撞单 2026-12】共 2 起（其中交定后撞单 1 起）。明细含客户信息，已私信发给你。',
      )
      const sent = (await h.outbox()).slice(before)
      expect(sent.map((m) => `${m.targetKind}:${m.targetId}`)).toEqual(['group:g1', 'direct:mgr'])
      expect(codes(sent[1]?.text ?? '')).toBe(FULL)
      expect(sent[0]?.text).not.toMatch(/张三|孙七|1381|1360|李四|周五/)
      expect(await h.say('sec', '撞单 2026-12-04')).toBe(
        '【撞单 2026-12-04】共 0 起。明细含客户信息，请私聊机器人发送：撞单 2026-12-04',
      )
    })

    it('refuses agents, bad and future periods, and changes nothing', async () => {
      const audit = await h.store.db.auditEntry.count()
      expect(await h.say('lj1', '撞单')).toBe('无权使用此命令：仅限现场经理、案场秘书、管理员。')
      expect(await h.say('mgr', '撞单 昨天')).toBe(
        '“昨天”不是日期或月份。请写 YYYY-MM-DD 或 YYYY-MM，例如：撞单 2026-12-05、撞单 2026-12',
      )
      expect(await h.say('mgr', '撞单 2026-02-30')).toMatch(/^“2026-02-30”不是日期或月份/)
      expect(await h.say('mgr', '撞单 2026-12-06')).toBe('2026-12-06 还没有到（今天是 2026-12-05）。')
      expect(await h.say('mgr', '撞单 2027-01')).toBe('2027-01 还没有到（今天是 2026-12-05）。')
      expect(await h.say('mgr', '撞单 2026-12-05')).toMatch(/^【撞单 2026-12-05】共 0 起/)
      expect(await h.say('mgr', '撞单 2026-12 多余')).toBe('用法：撞单 [YYYY-MM-DD|YYYY-MM]\n例如：撞单 2026-12')
      expect(await h.store.db.auditEntry.count()).toBe(audit)
    })
  })

  describe('报表', () => {
    let ids: Record<string, number>
    beforeEach(async () => {
      await standardSite(h)
      await h.say('admin', '/agency add 中原')
      await join(h, 'zy1', '/staff add 钱七 agent 中原')
      for (const unit of ['3-1-1201', '3-1-1202', '3-1-1203'])
        await h.say('sec', `/unit add ${unit} 89.5 1680000 1600000`)
      h.clock.set('2026-12-01T09:30:00+08:00')
      await h.say('lj1', '签到')
      await h.say('wa1', '签到') // 中原's 钱七 does not check in: 中原 is skipped (R3)
      await h.say('sec', '来访') // 链家
      await h.say('sec', '来电') // 我爱我家
      await h.say('sec', '来访') // 中原 skipped → 链家
      await h.say('lj1', '报备 张三 13812345678')
      await h.say('lj1', '报备 赵六 13700001111')
      await h.say('wa1', '报备 王五 13912345678')
      h.clock.set('2026-12-02T10:00:00+08:00')
      await h.say('sec', '到访 13812345678')
      await h.say('sec', '到访 13912345678')
      await h.say('lj1', '定金 3-1-1201 13812345678 大定')
      await h.say('mgr', '批准 D1')
      await h.say('lj1', '认购 D1 1650000')
      await h.say('mgr', '批准 S1')
      await h.say('sec', '签约 S1')
      await h.say('lj1', '定金 3-1-1202 13700001111 小定')
      await h.say('mgr', '驳回 D2 客户未付款')
      await h.say('wa1', '定金 3-1-1203 13912345678 大定')
      await h.say('mgr', '批准 D3')
      await h.say('wa1', '认购 D3 1600000')
      await h.say('mgr', '驳回 S2 价格有误')
      await h.say('wa1', '报备 赵六 13700001111') // collision: 链家 keeps 赵六 (R12)
      await h.say('mgr', '罚款 我爱我家 大厅')
      await h.say('mgr', '罚款 李四 培训')
      await h.say('mgr', '冲正 P1 误罚')
      h.clock.set('2026-12-20T10:00:00+08:00')
      const agencies = await h.store.db.agency.findMany()
      ids = Object.fromEntries(agencies.map((a) => [a.name, a.id]))
    })

    const LINES = {
      链家: [
        '■ 链家',
        '漏斗：报备 2 → 到访 1（50.0%）→ 定金 1（100.0%）→ 认购 1（100.0%）→ 签约 1（100.0%）；报备→签约 50.0%',
        '撞单：胜 1，负 0；轮排：来访 2、来电 0，归属客户 0，轮空 0 次',
        '罚款：1 笔，净额 ¥100.00',
      ],
      我爱我家: [
        '■ 我爱我家',
        '漏斗：报备 1 → 到访 1（100.0%）→ 定金 1（100.0%）→ 认购 0（0.0%）→ 签约 0（—）；报备→签约 0.0%',
        '撞单：胜 0，负 1；轮排：来访 0、来电 1，归属客户 0，轮空 0 次',
        '罚款：1 笔，净额 ¥0.00',
      ],
      中原: [
        '■ 中原',
        '漏斗：报备 0 → 到访 0（—）→ 定金 0（—）→ 认购 0（—）→ 签约 0（—）；报备→签约 —',
        '撞单：胜 0，负 0；轮排：来访 0、来电 0，归属客户 0，轮空 1 次（今日无人签到 1）',
        '罚款：0 笔，净额 ¥0.00',
      ],
    }

    it('the manager: every agency’s funnel, collisions, leads, skips and fines; the rankings; rotation fairness', async () => {
      expect(await h.say('mgr', '报表', 'direct')).toBe(
        [
          '【报表 2026-12】（本月截至 2026-12-20 10:00）',
          ...LINES.链家,
          ...LINES.我爱我家,
          ...LINES.中原,
          '排名（签约）：1. 链家 1 套　2. 我爱我家 0 套　2. 中原 0 套',
          '排名（报备→签约）：1. 链家 50.0%　2. 我爱我家 0.0%',
          '轮排公平（R3）：共分配 3 单，平均每家 1.0 单；链家 2（+1.0）、我爱我家 1（0.0）、中原 0（-1.0）；最长等待：中原 连续 3 单未轮到',
        ].join('\n'),
      )
      h.clock.set('2027-01-02T10:00:00+08:00')
      expect((await h.say('mgr', '报表 2026-12')).split('\n')[0]).toBe('【报表 2026-12】')
      expect(await h.say('mgr', '报表 2027-01')).toMatch(
        /^【报表 2027-01】（本月截至 2027-01-02 10:00）\n■ 链家\n漏斗：报备 0 →/,
      )
    })

    it('an agent: its own line and the ranks by name, nothing another agency did', async () => {
      const own = await h.say('wa1', '报表')
      expect(own).toBe(
        [
          '【报表 2026-12】（本月截至 2026-12-20 10:00）',
          ...LINES.我爱我家,
          '排名（签约）：1. 链家　2. 我爱我家（本分销）　2. 中原',
          '排名（报备→签约）：1. 链家　2. 我爱我家（本分销）',
          '轮排公平：本分销分配 1 单（平均每家 1.0 单，0.0），最长连续 1 单未轮到',
        ].join('\n'),
      )
      expect(own).not.toMatch(/50\.0%|1 套|¥100/)
    })

    it('every figure recomputed from the records', async () => {
      const report = await h.say('mgr', '报表', 'direct')
      const { start, end } = {
        start: new Date('2026-12-01T00:00:00+08:00'),
        end: new Date('2027-01-01T00:00:00+08:00'),
      }
      const inMonth = { gte: start, lt: end }
      const db = h.store.db
      for (const name of ['链家', '我爱我家', '中原']) {
        const agencyId = ids[name] as number
        const block = report.split('\n■ ').find((b) => b.startsWith(name)) as string
        const figure = (re: RegExp) => Number(re.exec(block)?.[1])
        const filings = await db.filing.count({ where: { agencyId, filedAt: inMonth } })
        const visits = await db.visit.count({
          where: {
            at: inMonth,
            filingId: { in: (await db.filing.findMany({ where: { agencyId } })).map((f) => f.id) },
          },
        })
        const deposits = await db.deposit.count({
          where: { agencyId, recordedAt: inMonth, status: { not: 'rejected' } },
        })
        const subscriptions = await db.subscription.count({
          where: { agencyId, decidedAt: inMonth, status: { in: ['approved', 'signed'] } },
        })
        const signings = await db.contract.count({ where: { agencyId, localMonth: '2026-12' } })
        expect([
          figure(/报备 (\d+) →/),
          figure(/到访 (\d+)/),
          figure(/定金 (\d+)/),
          figure(/认购 (\d+)/),
          figure(/签约 (\d+)（/),
        ]).toEqual([filings, visits, deposits, subscriptions, signings])
        const rate = (n: number, d: number) => (d === 0 ? '—' : `${(Math.round((n * 1000) / d) / 10).toFixed(1)}%`)
        expect(block).toContain(`；报备→签约 ${rate(signings, filings)}`)
        expect(block).toContain(`到访 ${visits}（${rate(visits, filings)}）`)
        expect([figure(/胜 (\d+)/), figure(/负 (\d+)/)]).toEqual([
          await db.collision.count({ where: { ownerAgencyId: agencyId, attemptedAt: inMonth } }),
          await db.collision.count({ where: { challengerAgencyId: agencyId, attemptedAt: inMonth } }),
        ])
        const turns = (outcome: string, leadKind?: string) =>
          db.rotationTurn.count({ where: { agencyId, outcome, leadKind, at: inMonth } })
        expect([figure(/来访 (\d+)/), figure(/来电 (\d+)/), figure(/轮空 (\d+)/)]).toEqual([
          await turns('assigned', 'walk-in'),
          await turns('assigned', 'call'),
          await turns('skipped'),
        ])
        const fines = await db.fine.findMany({ where: { agencyId, localMonth: '2026-12' } })
        expect(figure(/罚款：(\d+) 笔/)).toBe(fines.filter((f) => f.reversesId === null).length)
        const net = fines.reduce((n, f) => n + Number(f.amountFen), 0)
        expect(block).toContain(`净额 ¥${(net / 100).toFixed(2)}`)
      }
      // the figures are not all zero: the test would pass on an empty month otherwise
      expect(await db.filing.count()).toBe(3)
      expect(await db.visit.count()).toBe(2)
    })

    it('refuses the secretary, a month not begun, a bad month', async () => {
      expect(await h.say('sec', '报表')).toBe('无权使用此命令：仅限现场经理、分销销售、管理员。')
      expect(await h.say('mgr', '报表 2027-01')).toBe('2027-01 还没有到（今天是 2026-12-20）。')
      expect(await h.say('mgr', '报表 十二月')).toBe('月份“十二月”无效。请写 YYYY-MM，例如 2026-12。')
      expect(await h.say('mgr', '报表 2026-11')).toBe(
        '【报表 2026-11】\n该月没有分销。\n排名（签约）：—\n排名（报备→签约）：—（本月没有报备）',
      )
    })
  })

  describe('确认: what cannot be undone waits for the same person, 10 minutes', () => {
    const ASK = [
      '⚠️ 劝退 链家 不可撤回，请确认：',
      '· 依据：现场经理决定：多次违反现场制度',
      '· 链家 退出轮排，不再计入分销名额',
      '· 1 名销售取消资格：李四',
      '· 佣金照常结算，不扣除',
      '确认请在 2026-12-05 10:10 前发送：确认 Q1（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
    ].join('\n')
    const DONE =
      '已确认 Q1。已劝退 链家：现场经理决定：多次违反现场制度。链家 退出轮排，不再计入分销名额（在场 1/20 家）；销售 李四 已停用。证据 A#'
    const state = async () => ({
      agency: (await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })).status,
      agent: (await h.store.db.staff.findFirstOrThrow({ where: { name: '李四' } })).status,
      dismissals: await h.store.db.dismissal.count(),
      fines: await h.store.db.fine.count(),
      audit: await h.store.db.auditEntry.count(),
    })

    beforeEach(async () => {
      await standardSite(h)
      await join(h, 'mgr2', '/staff add 钱经理 manager')
      h.clock.set('2026-12-05T10:00:00+08:00')
    })

    it('10 min − 1 ms: applied; nothing changed before it', async () => {
      const before = await state()
      expect(await h.say('mgr', '劝退 链家 多次违反现场制度')).toBe(ASK)
      expect(await state()).toEqual(before)
      h.clock.set('2026-12-05T10:09:59.999+08:00')
      expect(codes(await h.say('mgr', '确认 Q1'))).toBe(DONE)
      expect(await state()).toMatchObject({ agency: 'dismissed', agent: 'inactive', dismissals: 1 })
      const group = (await h.outbox()).filter((m) => m.targetKind === 'group' && m.text.startsWith('【劝退】'))
      expect(codes(group[0]?.text ?? '')).toBe(
        '【劝退】链家 已劝退：现场经理决定：多次违反现场制度。退出轮排，不再计入分销名额；销售 李四 停用。经办：赵经理，2026-12-05 10:09。证据 A#',
      )
    })

    it('at 10 min: refused, nothing changes, the command is offered again', async () => {
      await h.say('mgr', '劝退 链家 多次违反现场制度')
      h.clock.set('2026-12-05T10:10:00+08:00')
      const before = await state()
      expect(await h.say('mgr', '确认 Q1')).toBe(
        '确认码 Q1 已于 2026-12-05 10:10 过期（10 分钟内有效），未执行任何操作。如仍需办理，请重新发送：劝退 链家 多次违反现场制度',
      )
      expect(await state()).toEqual(before)
      expect(await h.say('mgr', '劝退 链家 多次违反现场制度')).toMatch(/发送：确认 Q2（仅限 赵经理 本人/)
      expect(codes(await h.say('mgr', '确认 q2'))).toBe(DONE.replace('Q1', 'Q2'))
    })

    it('by another person: refused, even another manager; the asker still can', async () => {
      await h.say('mgr', '劝退 链家 多次违反现场制度')
      const before = await state()
      expect(await h.say('mgr2', '确认 Q1')).toBe('确认码 Q1 由 赵经理 发起，只能由本人确认。未执行任何操作。')
      expect(await h.say('admin', '确认 Q1')).toBe('确认码 Q1 由 赵经理 发起，只能由本人确认。未执行任何操作。')
      expect(await h.say('lj1', '确认 Q1')).toBe('无权使用此命令：仅限现场经理、管理员。')
      expect(await state()).toEqual(before)
      h.clock.set('2026-12-05T10:01:00+08:00')
      expect(codes(await h.say('mgr', '确认 Q1', 'direct'))).toBe(DONE)
    })

    it('a second 确认 of the same code says what the first did and changes nothing', async () => {
      await h.say('mgr', '劝退 链家 多次违反现场制度')
      h.clock.set('2026-12-05T10:05:00+08:00')
      const done = await h.say('mgr', '确认 Q1')
      const evidence = /证据 (A\d+)/.exec(done)?.[1]
      const after = await state()
      h.clock.set('2026-12-05T10:06:00+08:00')
      expect(await h.say('mgr', '确认 Q1')).toBe(
        `确认码 Q1 已于 2026-12-05 10:05 确认执行（证据 ${evidence}），不会重复执行。`,
      )
      h.clock.set('2026-12-05T11:00:00+08:00')
      expect(await h.say('mgr', '确认 Q1')).toBe(
        `确认码 Q1 已于 2026-12-05 10:05 确认执行（证据 ${evidence}），不会重复执行。`,
      )
      expect(await state()).toEqual(after)
    })

    it('a dismissing fine (R13 捣乱) waits too; one no longer possible uses its code up', async () => {
      expect(await h.say('mgr', '罚款 链家 捣乱 前台吵闹')).toBe(
        [
          '⚠️ 这笔罚款将劝退 链家，不可撤回，请确认：',
          '· 罚款：链家「捣乱」¥10,000.00（R13 撞单捣乱）',
          '· 链家 劝退：退出轮排，不再计入分销名额',
          '· 1 名销售取消资格：李四',
          '· 佣金照常结算（罚款从中扣除）',
          '确认请在 2026-12-05 10:10 前发送：确认 Q1（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
        ].join('\n'),
      )
      expect(await h.say('mgr', '劝退 链家 多次违反现场制度')).toMatch(/确认 Q2/)
      expect(codes(await h.say('mgr', '确认 Q2'))).toBe(DONE.replace('Q1', 'Q2'))
      expect(await h.say('mgr', '确认 Q1')).toBe('分销“链家”已于 2026-12-05 10:00 劝退，不在场，不能再罚款或劝退。')
      expect(await h.say('mgr', '确认 Q1')).toBe(
        '确认码 Q1 已于 2026-12-05 10:00 使用过（当时已无法执行），不会重复执行。',
      )
      expect(await h.store.db.fine.count()).toBe(0)
      // an ordinary fine needs no confirmation
      expect(await h.say('mgr', '罚款 我爱我家 大厅')).toMatch(/^已开罚款 P1：我爱我家「大厅」¥200\.00/)
    })

    it('refuses what is not a code, and an agency that cannot be dismissed, storing nothing', async () => {
      expect(await h.say('mgr', '确认 Q9')).toBe('找不到确认码 Q9。确认码在劝退或罚款的回复里，例如：确认 Q3')
      expect(await h.say('mgr', '确认 P1')).toBe('找不到确认码 P1。确认码在劝退或罚款的回复里，例如：确认 Q3')
      expect(await h.say('mgr', '确认')).toBe(
        '用法：确认 <确认码> ｜ 确认 佣金 <YYYY-MM>（分销确认某月佣金结算）\n例如：确认 Q3',
      )
      expect(await h.say('mgr', '劝退 不存在')).toBe('找不到分销“不存在”。发送 /分销 列表 查看所有分销的名称。')
      expect(await h.say('mgr', '罚款 链家 捣乱 情节严重')).toBe('“情节严重”只适用于“不配合”，不适用于“捣乱”。')
      expect(await h.store.db.confirmation.count()).toBe(0)
    })
  })

  describe('/agency readmit', () => {
    beforeEach(async () => {
      await standardSite(h)
      h.clock.set('2026-12-05T10:00:00+08:00')
      await h.say('mgr', '劝退 链家 多次违反现场制度')
      await h.say('mgr', '确认 Q1')
      h.clock.set('2026-12-10T10:00:00+08:00')
    })

    it('the admin brings it back at the end of the rotation, audited, its history kept', async () => {
      expect(await h.say('mgr', '/agency readmit 链家 整改完成')).toBe('无权使用此命令：仅限管理员。')
      expect(await h.say('sec', '/agency readmit 链家 整改完成')).toBe('无权使用此命令：仅限管理员。')
      expect(codes(await h.say('admin', '/agency readmit 链家 整改完成'))).toBe(
        '已恢复 链家 入场，排在轮排第 3 位（末位）；在场 2/20 家。原劝退记录、罚款和业绩保留。销售 李四 仍停用，如需恢复请逐一发送：/员工 启用 <姓名>。证据 A#',
      )
      const group = (await h.outbox()).filter((m) => m.text.startsWith('【恢复入场】'))
      expect(group.map((m) => `${m.targetKind}:${m.targetId} ${codes(m.text)}`)).toEqual([
        'group:g1 【恢复入场】链家 重新入场，排在轮排第 3 位（末位）。原因：整改完成。经办：admin，2026-12-10 10:00。证据 A#',
      ])
      const dismissal = await h.store.db.dismissal.findFirstOrThrow()
      expect(dismissal).toMatchObject({ reason: 'manual:多次违反现场制度', liftReason: '整改完成' })
      expect(dismissal.confirmedAt).toEqual(new Date('2026-12-05T10:00:00+08:00'))
      expect(dismissal.liftedAt).toEqual(new Date('2026-12-10T10:00:00+08:00'))
      const entry = await h.store.db.auditEntry.findFirstOrThrow({ where: { action: 'agency.readmit' } })
      expect(JSON.parse(entry.data)).toMatchObject({ previousSeq: 1, seq: 3, reason: '整改完成', lifted: 1 })
      expect(await h.say('mgr', '/agency list')).toBe('分销 2/20 家：\n2. 我爱我家：周五\n3. 链家：李四(停用)')
      // the rotation: 我爱我家, then 链家
      expect(await h.say('admin', '/staff activate 李四')).toMatch(/^已重新启用 李四/)
      await h.say('lj1', '签到')
      await h.say('wa1', '签到')
      expect(await h.say('sec', '来访')).toMatch(/分配给 我爱我家。/)
      expect(await h.say('sec', '来访')).toMatch(/分配给 链家。/)
      expect(await h.say('mgr', '罚款 链家 大厅')).toMatch(/^已开罚款 P1：链家「大厅」/)
    })

    it('refuses an agency not dismissed, an unknown one, no reason, or over the agency limit', async () => {
      const audit = await h.store.db.auditEntry.count()
      expect(await h.say('admin', '/agency readmit 我爱我家 误操作')).toBe('分销“我爱我家”没有被劝退，无需恢复。')
      expect(await h.say('admin', '/agency readmit 不存在 误操作')).toBe(
        '找不到分销“不存在”。发送 /分销 列表 查看所有分销的名称。',
      )
      expect(await h.say('admin', '/agency readmit 链家')).toBe(
        '请写明分销名称和恢复原因。\n用法：/分销 添加 <名称> ｜ /分销 列表 ｜ /分销 恢复 <名称> <原因>\n例如：/分销 添加 链家',
      )
      await h.say('admin', '/config set maxAgencies 1')
      expect(await h.say('admin', '/agency readmit 链家 整改完成')).toBe(
        '已有 1 家分销在场，不能再添加（R1 现场只招1家分销）。',
      )
      expect(await h.store.db.auditEntry.count()).toBe(audit + 1) // the /config change only
      expect((await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })).status).toBe('dismissed')
    })

    it('months before the readmission are not held against it (R4)', async () => {
      await h.say('admin', '/agency readmit 链家 整改完成')
      h.clock.set('2027-02-01T00:05:00+08:00')
      await jobNamed('month-close').run(schedulerFor(h).deps, h.clock.now())
      const proposals = await h.store.db.dismissal.findMany({ where: { confirmedAt: null }, orderBy: { id: 'asc' } })
      // 我爱我家 signed nothing in 2026-12 and 2027-01; 链家 neither, but it was readmitted on 12-10
      expect(proposals.map((p) => [p.agencyId, p.reason])).toEqual([
        [(await h.store.db.agency.findFirstOrThrow({ where: { name: '我爱我家' } })).id, 'R4:2027-01'],
      ])
    })
  })
})
