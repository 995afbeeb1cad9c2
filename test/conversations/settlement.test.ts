import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { createScheduler, jobNamed } from '../../src/scheduler/index.ts'
import { pushed, runJob, schedulerFor } from '../scheduler/support.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds, TEST_AUDIT_KEY } from '../support/databases.ts'

/** Audit codes depend on how many entries set-up wrote; the replies are compared with them as `A#`. */
const codes = (text: string) => text.replace(/A\d+/g, 'A#')

describe.each(databaseKinds())('结佣: payments, reversals, outstanding, acknowledgement, overdue (%s)', (kind) => {
  let h: Harness
  let lj = 0
  let projectId = 0

  /** A contract of 链家 signed at `at`, written as the 签约 command would. */
  async function sign(unit: string, yuan: number, at: string, n: number) {
    const u = await h.store.db.unit.create({
      data: {
        projectId,
        code: unit,
        areaCm2: 8950,
        listPriceFen: BigInt(yuan * 100),
        floorPriceFen: BigInt(yuan * 100),
        status: 'signed',
        updatedAt: new Date(at),
      },
    })
    await h.store.db.contract.create({
      data: {
        projectId,
        subscriptionId: n,
        unitId: u.id,
        customerId: n,
        agencyId: lj,
        priceFen: BigInt(yuan * 100),
        basement: false,
        signedBy: 1,
        signedAt: new Date(at),
        localMonth: at.slice(0, 7),
      },
    })
  }

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-10-01T09:00:00+08:00')
    await standardSite(h)
    const a = await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })
    lj = a.id
    projectId = a.projectId
    // November: one signing of 1,200,000 at 1.5% → ¥18,000.00 payable
    await sign('3-1-1201', 1_200_000, '2026-11-03T11:00:00+08:00', 1)
    h.clock.set('2026-12-05T10:00:00+08:00')
  })
  afterEach(() => h.close())

  it('records a payment against a closed month, refuses the running month and more than is owed', async () => {
    expect(await h.say('mgr', '结佣 链家 2026-12 100')).toBe(
      '2026-12 尚未结束，佣金尚未结算。结佣和确认只针对已结束的月份，例如上月。',
    )
    expect(await h.say('mgr', '结佣 链家 2026-11 20000')).toBe(
      '结佣金额 ¥20,000.00 超过 链家 2026-11 的未付金额 ¥18,000.00，未记录。请核对金额后重发。',
    )
    expect(await h.say('mgr', '结佣 我爱我家 2026-11 100')).toBe(
      '我爱我家 2026-11 的佣金没有未付金额，无需结佣。发送“佣金 2026-11 我爱我家”查看结算。',
    )
    expect(await h.say('mgr', '结佣 链家 2026-11 一万')).toBe(
      '金额“一万”无法识别。请写元，例如 1680000、1,680,000 或 168万。',
    )
    expect(await h.say('mgr', '结佣 链家')).toBe(
      '用法：结佣 <分销名称> <YYYY-MM> <金额元> [备注] ｜ 结佣 查询（经理：结佣 查询 <分销名称>）\n例如：结佣 链家 2026-11 18000 银行转账',
    )
    expect(await h.say('lj1', '结佣 链家 2026-11 100')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.store.db.commissionPayment.count()).toBe(0)

    expect(codes(await h.say('mgr', '结佣 链家 2026-11 10000 银行转账'))).toBe(
      '结佣 J1：链家 2026-11 佣金付款 ¥10,000.00 已记录。\n2026-11 应付 ¥18,000.00，已付 ¥10,000.00，未付 ¥8,000.00。证据 A#',
    )
    expect(await pushed(h, '【结佣】')).toEqual([
      'direct:lj1 【结佣】链家 2026-11 佣金已付 ¥10,000.00（J1，2026-12-05 10:00）。应付 ¥18,000.00，已付 ¥10,000.00，未付 ¥8,000.00。核对无误请发送：确认 佣金 2026-11',
    ])
    const audit = await h.store.db.auditEntry.findFirst({ where: { action: 'settlement.pay' } })
    expect(audit?.subject).toBe('J1')
    expect(await h.say('lj1', '业绩 2026-11')).toBe(
      [
        '【链家 2026-11 业绩】',
        '签约 1 套，房款合计 ¥1,200,000.00：',
        '· C1 3-1-1201 ¥1,200,000.00（11-03）',
        '任务：计入 1 套 / 目标 2 套（地下室不计），未达标 → 费率 1.5%（R4）',
        '佣金：¥1,200,000.00 × 1.5% = ¥18,000.00',
        '罚款：无',
        '上月结转：¥0.00',
        '净额：¥18,000.00 − ¥0.00 = ¥18,000.00',
        '应付：¥18,000.00；结转下月：¥0.00',
        '已付 1 笔，合计 ¥10,000.00：',
        '· J1 ¥10,000.00（2026-12-05 10:00）',
        '未付：¥8,000.00',
      ].join('\n'),
    )
    expect(codes(await h.say('mgr', '结佣 链家 2026-11 8000'))).toBe(
      '结佣 J2：链家 2026-11 佣金付款 ¥8,000.00 已记录。\n2026-11 应付 ¥18,000.00，已付 ¥18,000.00，未付 ¥0.00。证据 A#',
    )
    expect(await h.say('mgr', '结佣 链家 2026-11 1')).toBe(
      '链家 2026-11 的佣金没有未付金额，无需结佣。发送“佣金 2026-11 链家”查看结算。',
    )
  })

  it('reverses a payment with 冲正 like a fine: a new entry, the original kept, once', async () => {
    await h.say('mgr', '结佣 链家 2026-11 10000')
    h.clock.set('2026-12-06T09:30:00+08:00')
    expect(await h.say('mgr', '冲正 J1')).toBe(
      '请写明冲正原因。\n用法：冲正 <罚款编号或结佣编号> <原因>\n例如：冲正 P7 误罚',
    )
    expect(codes(await h.say('mgr', '冲正 J1 金额有误'))).toBe(
      '冲正 J2：冲正结佣 J1（链家 2026-11 ¥10,000.00，2026-12-05 10:00），原记录保留不变。\n2026-11 应付 ¥18,000.00，已付 ¥0.00，未付 ¥18,000.00。证据 A#',
    )
    expect(await h.say('mgr', '冲正 J1 再冲')).toBe('结佣 J1 已由 J2 冲正。')
    expect(await h.say('mgr', '冲正 J2 再冲')).toBe('J2 本身是冲正记录，不能再冲正。')
    expect(await h.say('mgr', '冲正 J9 误录')).toBe('找不到结佣记录 J9。请核对结佣回复中的编号。')
    expect(await h.store.db.commissionPayment.count()).toBe(2)
    const dec = await h.say('mgr', '佣金 2026-11 链家')
    expect(dec).toContain(
      '已付 2 笔，合计 ¥0.00：\n· J1 ¥10,000.00（2026-12-05 10:00）\n· J2 冲正 J1 -¥10,000.00（2026-12-06 09:30）\n未付：¥18,000.00',
    )
  })

  it('carries what is outstanding across months: 业绩, 佣金 per agency and in total, 结佣 查询', async () => {
    await h.say('mgr', '结佣 链家 2026-11 10000')
    await sign('3-1-1202', 1_000_000, '2026-12-10T11:00:00+08:00', 2)
    h.clock.set('2027-01-10T10:00:00+08:00')
    // December: 1,000,000 at 1.5% = ¥15,000.00, nothing paid yet
    const jan = await h.say('lj1', '业绩')
    expect(jan).toContain('其他月份未付 ¥23,000.00：2026-11 ¥8,000.00，2026-12 ¥15,000.00')
    const all = await h.say('mgr', '佣金')
    expect(all.split('\n\n').at(-1)).toBe(
      '【未付佣金】1 家分销，合计 ¥23,000.00\n· 链家 ¥23,000.00（2026-11、2026-12）',
    )
    expect(await h.say('lj1', '结佣 查询')).toBe(
      [
        '【链家 结佣】合计未付 ¥23,000.00',
        '',
        '2026-11 应付 ¥18,000.00\n已付 1 笔，合计 ¥10,000.00：\n· J1 ¥10,000.00（2026-12-05 10:00）\n未付：¥8,000.00',
        '',
        '2026-12 应付 ¥15,000.00\n已付：¥0.00（尚无结佣记录）\n未付：¥15,000.00',
      ].join('\n'),
    )
    expect(await h.say('wa1', '结佣 查询')).toBe('【我爱我家 结佣】已结束的月份没有应付佣金。')
    expect(await h.say('mgr', '结佣 查询 链家')).toContain('【链家 结佣】合计未付 ¥23,000.00')
  })

  it('确认 佣金 <YYYY-MM> by the agency’s agent acknowledges the statement once, shown on it', async () => {
    await h.say('mgr', '结佣 链家 2026-11 10000')
    expect(await h.say('lj1', '确认 佣金 2026-12')).toBe(
      '2026-12 尚未结束，佣金尚未结算。结佣和确认只针对已结束的月份，例如上月。',
    )
    expect(codes(await h.say('lj1', '确认 佣金 2026-11'))).toBe(
      '已确认 链家 2026-11 佣金结算：应付 ¥18,000.00，已付 ¥10,000.00，未付 ¥8,000.00。证据 A#',
    )
    expect(await h.say('lj1', '确认 佣金 2026-11')).toBe(
      '2026-11 的佣金结算已由 李四 于 2026-12-05 10:00 确认，无需重复确认。',
    )
    expect(await h.say('mgr', '确认 佣金 2026-11')).toBe('无权使用此命令：仅限分销销售、管理员。')
    expect(await h.say('lj1', '确认 Q1')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await pushed(h, '【佣金确认】')).toEqual([
      'direct:mgr 【佣金确认】链家 李四 已确认 2026-11 佣金结算：应付 ¥18,000.00，已付 ¥10,000.00。',
    ])
    expect(await h.say('mgr', '佣金 2026-11 链家')).toContain(
      '分销已确认：2026-12-05 10:00（当时应付 ¥18,000.00，已付 ¥10,000.00）',
    )
  })

  it('reminds the manager once when a statement is still owing 30 days after its month closed, across a restart', async () => {
    await h.say('mgr', '结佣 链家 2026-11 10000')
    const s = schedulerFor(h)
    h.clock.set('2026-12-30T23:59:59.999+08:00')
    expect((await runJob(s, h, 'settlement-overdue')).sent).toBe(0)
    h.clock.set('2026-12-31T00:00:00.000+08:00')
    expect((await runJob(s, h, 'settlement-overdue')).sent).toBe(1)
    expect((await runJob(s, h, 'settlement-overdue')).sent).toBe(0)
    // a restart: another process on the same database, later
    const store = await openStore(h.url, { auditKey: TEST_AUDIT_KEY })
    const again = createScheduler({
      store,
      clock: h.clock,
      realClock: h.clock,
      instanceId: 'restarted',
      timezone: 'Asia/Shanghai',
    })
    h.clock.set('2026-12-31T08:00:00.000+08:00')
    const report = await jobNamed('settlement-overdue').run(again.deps, h.clock.now())
    expect(report.sent + report.late).toBe(0)
    await store.close()
    expect(await pushed(h, '【结佣逾期】')).toEqual([
      'direct:mgr 【结佣逾期】2026-11 佣金结算已过 30 天仍未付清，1 家分销合计未付 ¥8,000.00：\n· 链家 未付 ¥8,000.00（应付 ¥18,000.00，已付 ¥10,000.00）\n付款后请记录：结佣 <分销> 2026-11 <金额>',
    ])
  })

  it('a statement paid in full before its overdue instant reminds nobody', async () => {
    await h.say('mgr', '结佣 链家 2026-11 18000')
    h.clock.set('2026-12-31T00:00:00.000+08:00')
    const r = await runJob(schedulerFor(h), h, 'settlement-overdue')
    expect(r.sent + r.late).toBe(0)
    expect(await pushed(h, '【结佣逾期】')).toEqual([])
  })
})
