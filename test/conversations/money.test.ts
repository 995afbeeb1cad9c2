import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeMonth } from '../../src/app/close-month.ts'
import type { Notice } from '../../src/app/notices.ts'
import type { CommandContext } from '../../src/app/ports.ts'
import { noticeText } from '../../src/chat/reply/notices.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

/** Audit codes depend on how many entries set-up wrote; the replies are compared with them as `A#`. */
const codes = (text: string) => text.replace(/A\d+/g, 'A#')

describe.each(databaseKinds())('commission, fines, dismissals and announcements (%s)', (kind) => {
  let h: Harness
  let ids: { 链家: number; 我爱我家: number; projectId: number }
  let signed = 0

  /** Writes a signed contract (and its unit) as the 签约 command would; `at` is an instant with its offset. */
  async function sign(agency: '链家' | '我爱我家', unit: string, yuan: number, at: string, basement = false) {
    signed++
    const u = await h.store.db.unit.create({
      data: {
        projectId: ids.projectId,
        code: unit,
        areaCm2: 8950,
        listPriceFen: BigInt(yuan * 100),
        floorPriceFen: BigInt(yuan * 100),
        basement,
        status: 'signed',
        updatedAt: new Date(at),
      },
    })
    await h.store.db.contract.create({
      data: {
        projectId: ids.projectId,
        subscriptionId: signed,
        unitId: u.id,
        customerId: signed,
        agencyId: ids[agency],
        priceFen: BigInt(yuan * 100),
        basement,
        signedBy: 1,
        signedAt: new Date(at),
        localMonth: at.slice(0, 7),
      },
    })
  }

  const counts = async () => ({
    fines: await h.store.db.fine.count(),
    dismissals: await h.store.db.dismissal.count(),
    audit: await h.store.db.auditEntry.count(),
    announcements: await h.store.db.announcement.count(),
    dismissed: await h.store.db.agency.count({ where: { status: 'dismissed' } }),
    inactive: await h.store.db.staff.count({ where: { status: 'inactive' } }),
  })

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-10-01T09:00:00+08:00')
    await standardSite(h)
    const agencies = await h.store.db.agency.findMany()
    const id = (name: string) => agencies.find((a) => a.name === name)?.id ?? 0
    ids = { 链家: id('链家'), 我爱我家: id('我爱我家'), projectId: agencies[0]?.projectId ?? 0 }
    signed = 0
    h.clock.set('2026-12-05T10:00:00+08:00')
  })
  afterEach(() => h.close())

  describe('the worked month (R4)', () => {
    it('1,200,000 + 1,350,000 + a 150,000 basement unit and one 培训 fine → net ¥43,100.00 at 1.6%', async () => {
      await sign('链家', '3-1-1201', 1_200_000, '2026-12-03T11:00:00+08:00')
      await sign('链家', '3-1-1202', 1_350_000, '2026-12-10T11:00:00+08:00')
      await sign('链家', 'B1-1-001', 150_000, '2026-12-12T11:00:00+08:00', true)
      expect(codes(await h.say('mgr', '罚款 链家 培训 周会迟到'))).toBe(
        [
          '已开罚款 P1：链家「培训」¥100.00',
          '依据：R5 培训及销售会议迟到、缺席或材料不全（¥100.00/次）',
          '时间：2026-12-05 10:00，开具：赵经理，备注：周会迟到',
          '从 链家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      h.clock.set('2026-12-20T10:00:00+08:00')
      const statement = [
        '签约 3 套，房款合计 ¥2,700,000.00：',
        '· C1 3-1-1201 ¥1,200,000.00（12-03）',
        '· C2 3-1-1202 ¥1,350,000.00（12-10）',
        '· C3 B1-1-001 ¥150,000.00 地下室（12-12）',
        '任务：计入 2 套 / 目标 2 套（地下室不计），已达标 → 费率 1.6%（R4）',
        '佣金：¥2,700,000.00 × 1.6% = ¥43,200.00',
        '罚款 1 笔，合计 ¥100.00：',
        '· P1 培训 R5 ¥100.00（12-05）',
        '上月结转：¥0.00',
        '净额：¥43,200.00 − ¥100.00 = ¥43,100.00',
        '应付：¥43,100.00；结转下月：¥0.00',
        '再签1套（按本月均价 ¥1,275,000.00）→ 费率仍为1.6%，+¥20,400.00',
      ]
      expect(await h.say('lj1', '业绩')).toBe(
        ['【链家 2026-12 业绩】（本月截至 2026-12-20 10:00，未结算）', ...statement].join('\n'),
      )
      expect(await h.say('mgr', '佣金 链家')).toBe(
        [
          '【2026-12 佣金】1 家分销，合计应付 ¥43,100.00（本月截至 2026-12-20 10:00，未结算）',
          ['■ 链家', ...statement].join('\n'),
        ].join('\n\n'),
      )
    })

    it('one 2,000,000 signing and one 派单 fine → ¥29,000.00 at 1.5%, warned that a 2nd 派单 means dismissal', async () => {
      await sign('我爱我家', '5-2-0801', 2_000_000, '2026-12-04T11:00:00+08:00')
      expect(codes(await h.say('mgr', '罚款 我爱我家 派单 1 地铁口派单'))).toBe(
        [
          '已开罚款 P1：我爱我家「派单」1 位客户 ¥1,000.00',
          '依据：R11 5公里保护区内私自派发DM单（¥1,000.00/位客户），本分销第 1 次',
          '时间：2026-12-05 10:00，开具：赵经理，备注：地铁口派单',
          '⚠️ 警告：我爱我家 已有 1 次“派单”罚款，第 2 次将被劝退，佣金没收（R11）。',
          '从 我爱我家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      const pushed = (await h.outbox()).filter((m) => m.text.startsWith('【警告】'))
      expect(pushed).toEqual([
        {
          platform: 'console',
          targetKind: 'direct',
          targetId: 'wa1',
          text: '【警告】我爱我家 已有 1 次“派单”罚款，第 2 次将被劝退，佣金没收（R11）。\n起因：P1：我爱我家「派单」1 位客户 ¥1,000.00，2026-12-05 10:00（R11）',
        },
      ])
      expect(await h.say('wa1', '业绩 2026-12')).toBe(
        [
          '【我爱我家 2026-12 业绩】（本月截至 2026-12-05 10:00，未结算）',
          '签约 1 套，房款合计 ¥2,000,000.00：',
          '· C1 5-2-0801 ¥2,000,000.00（12-04）',
          '任务：计入 1 套 / 目标 2 套（地下室不计），未达标 → 费率 1.5%（R4）',
          '佣金：¥2,000,000.00 × 1.5% = ¥30,000.00',
          '罚款 1 笔，合计 ¥1,000.00：',
          '· P1 派单 1 位客户 R11 ¥1,000.00（12-05）',
          '上月结转：¥0.00',
          '净额：¥30,000.00 − ¥1,000.00 = ¥29,000.00',
          '应付：¥29,000.00；结转下月：¥0.00',
          '⚠️ 警告：我爱我家 已有 1 次“派单”罚款，第 2 次将被劝退，佣金没收（R11）',
          '再签1套（按本月均价 ¥2,000,000.00）→ 费率升至1.6%，+¥34,000.00',
        ].join('\n'),
      )
    })

    it('a closed month has no projection, and a month with nothing signed projects from the project mean', async () => {
      await sign('链家', '3-1-1201', 1_200_000, '2026-11-03T11:00:00+08:00')
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
          // a closed month also shows its settlement (结佣)
          '已付：¥0.00（尚无结佣记录）',
          '未付：¥18,000.00',
        ].join('\n'),
      )
      expect((await h.say('wa1', '业绩')).split('\n').slice(-1)[0]).toBe(
        '再签1套（按项目成交均价 ¥1,200,000.00）→ 费率仍为1.5%，+¥18,000.00',
      )
    })
  })

  describe('month boundary (Asia/Shanghai)', () => {
    it('a contract signed 23:59:59.999 local on the last day counts in that month; one at 00:00 on the 1st in the next', async () => {
      await sign('链家', '3-1-1201', 1_000_000, '2026-11-10T11:00:00+08:00')
      await sign('链家', '3-1-1202', 1_000_000, '2026-11-30T23:59:59.999+08:00')
      await sign('链家', '3-1-1203', 1_000_000, '2026-12-01T00:00:00.000+08:00')
      const nov = await h.say('mgr', '佣金 2026-11 链家')
      expect(nov).toContain('· C2 3-1-1202 ¥1,000,000.00（11-30）')
      expect(nov).toContain('任务：计入 2 套 / 目标 2 套（地下室不计），已达标 → 费率 1.6%（R4）')
      expect(nov).toContain('佣金：¥2,000,000.00 × 1.6% = ¥32,000.00')
      expect(nov).not.toContain('C3')
      const dec = await h.say('mgr', '佣金 链家 2026-12')
      expect(dec).toContain('签约 1 套，房款合计 ¥1,000,000.00：\n· C3 3-1-1203 ¥1,000,000.00（12-01）')
      expect(dec).toContain('佣金：¥1,000,000.00 × 1.5% = ¥15,000.00')
    })

    it('a fine issued 23:59:59.999 on the last day is deducted in that month, one at 00:00 in the next', async () => {
      h.clock.set('2026-11-30T23:59:59.999+08:00')
      await h.say('mgr', '罚款 链家 大厅')
      h.clock.set('2026-12-01T00:00:00.000+08:00')
      await h.say('mgr', '罚款 链家 水杯')
      expect(await h.say('mgr', '佣金 2026-11 链家')).toContain(
        '罚款 1 笔，合计 ¥200.00：\n· P1 大厅 R16 ¥200.00（11-30）\n上月结转：¥0.00\n净额：¥0.00 − ¥200.00 = -¥200.00',
      )
      expect(await h.say('mgr', '佣金 2026-12 链家')).toContain(
        '罚款 1 笔，合计 ¥50.00：\n· P2 水杯 R16 ¥50.00（12-01）\n上月结转：-¥200.00（上月欠款，从本月扣除）\n净额：¥0.00 − ¥50.00 − ¥200.00 = -¥250.00\n应付：¥0.00；结转下月：-¥250.00',
      )
    })
  })

  it('carries a negative balance into the next month and pays it off from that month’s commission', async () => {
    h.clock.set('2026-11-15T10:00:00+08:00')
    expect(codes(await h.say('mgr', '罚款 我爱我家 不配合 5000元 拒绝配合老客户维护'))).toBe(
      [
        '已开罚款 P1：我爱我家「不配合」¥5,000.00',
        '依据：R6 不配合公司及业务工作（金额由现场经理确定）',
        '时间：2026-11-15 10:00，开具：赵经理，备注：拒绝配合老客户维护',
        '从 我爱我家 2026-11 佣金中扣除。证据 A#',
      ].join('\n'),
    )
    await sign('我爱我家', '5-2-0801', 2_000_000, '2026-12-04T11:00:00+08:00')
    h.clock.set('2026-12-05T10:00:00+08:00')
    const dec = await h.say('wa1', '业绩')
    expect(dec).toContain('上月结转：-¥5,000.00（上月欠款，从本月扣除）')
    expect(dec).toContain('净额：¥30,000.00 − ¥0.00 − ¥5,000.00 = ¥25,000.00\n应付：¥25,000.00；结转下月：¥0.00')
  })

  describe('escalations', () => {
    it('3rd 态度 of an agent: the agent’s qualification cancelled, the agency’s month forfeited (R7)', async () => {
      await sign('链家', '3-1-1201', 1_000_000, '2026-12-03T11:00:00+08:00')
      await h.say('mgr', '罚款 李四 态度')
      expect(codes(await h.say('mgr', '罚款 李四 态度 与客户争吵'))).toBe(
        [
          '已开罚款 P2：链家 李四「态度」¥200.00',
          '依据：R7 对客户态度蛮横、争吵、辱骂（¥200.00/次），李四第 2 次',
          '时间：2026-12-05 10:00，开具：赵经理，备注：与客户争吵',
          '⚠️ 警告：李四 已有 2 次“态度”罚款，第 3 次将取消销售资格，链家 当月佣金全部扣除（R7）。',
          '从 链家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      expect((await h.outbox()).filter((m) => m.text.startsWith('【警告】')).map((m) => m.targetId)).toEqual(['lj1'])
      expect(codes(await h.say('mgr', '罚款 李四 态度'))).toBe(
        [
          '已开罚款 P3：链家 李四「态度」¥200.00',
          '依据：R7 对客户态度蛮横、争吵、辱骂（¥200.00/次），李四第 3 次',
          '时间：2026-12-05 10:00，开具：赵经理',
          '⛔ 升级处理：李四 取消销售资格（已停用），链家 2026-12 佣金全部扣除（R7）。',
          '从 链家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      expect((await h.store.db.staff.findFirstOrThrow({ where: { name: '李四' } })).status).toBe('inactive')
      expect(await h.say('lj1', '业绩')).toBe(
        '你的销售资格已于 12-05 取消（P3 态度第3次，R7），不能再使用本案场的命令。如有异议请联系现场经理；恢复资格由管理员办理。',
      )
      const st = await h.say('mgr', '佣金 链家')
      expect(st).toContain('佣金：¥1,000,000.00 × 1.5% = ¥15,000.00，全部扣除（R7 “态度”罚款 P3）→ ¥0.00')
      expect(st).toContain('净额：¥0.00 − ¥600.00 = -¥600.00')
      expect(st).toContain('再签1套 → 本月佣金已全部扣除，不增加佣金')
      expect(await h.store.db.agency.count({ where: { status: 'dismissed' } })).toBe(0)
    })

    it('2nd 派单: the agency dismissed, its agents stopped, its commission confiscated (R11)', async () => {
      await sign('我爱我家', '5-2-0801', 2_000_000, '2026-12-04T11:00:00+08:00')
      await h.say('mgr', '罚款 我爱我家 派单')
      const before = await counts()
      expect(await h.say('mgr', '罚款 周五 派单 2')).toBe(
        [
          '⚠️ 这笔罚款将劝退 我爱我家，不可撤回，请确认：',
          '· 罚款：我爱我家 周五「派单」2 位客户 ¥2,000.00（R11 5公里保护区内私自派发DM单）',
          '· 我爱我家 劝退：退出轮排，不再计入分销名额',
          '· 1 名销售取消资格：周五',
          '· 我爱我家 2026-12 佣金没收',
          '确认请在 2026-12-05 10:10 前发送：确认 Q1（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
        ].join('\n'),
      )
      expect(await counts()).toEqual(before)
      expect(codes(await h.say('mgr', '确认 Q1'))).toBe(
        [
          '已确认 Q1。已开罚款 P2：我爱我家 周五「派单」2 位客户 ¥2,000.00',
          '依据：R11 5公里保护区内私自派发DM单（¥1,000.00/位客户），本分销第 2 次',
          '时间：2026-12-05 10:00，开具：赵经理',
          '⛔ 升级处理：我爱我家 劝退（退出轮排和分销名额，销售 周五 停用），2026-12 佣金没收（R11）。',
          '从 我爱我家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      const agency = await h.store.db.agency.findUniqueOrThrow({ where: { id: ids.我爱我家 } })
      expect(agency.status).toBe('dismissed')
      const dismissal = await h.store.db.dismissal.findFirstOrThrow()
      expect(dismissal).toMatchObject({ agencyId: ids.我爱我家, reason: 'R11:P2', confirmedBy: expect.any(Number) })
      expect(dismissal.confirmedAt).toEqual(new Date('2026-12-05T10:00:00+08:00'))
      expect((await h.store.db.staff.findFirstOrThrow({ where: { name: '周五' } })).status).toBe('inactive')
      expect(await h.say('sec', '轮排')).toContain('顺序：链家（未签到）')
      expect(await h.say('sec', '轮排')).not.toContain('我爱我家')
      expect(await h.say('mgr', '/agency list')).toContain('分销 1/20 家')
      const st = await h.say('mgr', '佣金')
      expect(st).toContain('■ 我爱我家（已劝退）')
      expect(st).toContain('佣金：¥2,000,000.00 × 1.5% = ¥30,000.00，没收（R11 “派单”罚款 P2）→ ¥0.00')
      expect(await h.say('mgr', '罚款 我爱我家 培训')).toBe(
        '分销“我爱我家”已于 2026-12-05 10:00 劝退，不在场，不能再罚款或劝退。',
      )
      const group = (await h.outbox()).filter((m) => m.targetKind === 'group' && m.text.startsWith('【罚款】P2'))
      expect(group).toHaveLength(1)
    })

    it('捣乱 dismisses at once and keeps the commission (R13); a serious 不配合 dismisses and forfeits (R6)', async () => {
      await sign('链家', '3-1-1201', 1_000_000, '2026-12-03T11:00:00+08:00')
      await sign('我爱我家', '5-2-0801', 1_000_000, '2026-12-03T11:00:00+08:00')
      expect(await h.say('mgr', '罚款 链家 捣乱 撞单后在前台吵闹')).toBe(
        [
          '⚠️ 这笔罚款将劝退 链家，不可撤回，请确认：',
          '· 罚款：链家「捣乱」¥10,000.00（R13 撞单捣乱）',
          '· 链家 劝退：退出轮排，不再计入分销名额',
          '· 1 名销售取消资格：李四',
          '· 佣金照常结算（罚款从中扣除）',
          '确认请在 2026-12-05 10:10 前发送：确认 Q1（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
        ].join('\n'),
      )
      expect(await h.store.db.fine.count()).toBe(0)
      expect(codes(await h.say('mgr', '确认 Q1'))).toBe(
        [
          '已确认 Q1。已开罚款 P1：链家「捣乱」¥10,000.00',
          '依据：R13 撞单捣乱（¥10,000.00/次）',
          '时间：2026-12-05 10:00，开具：赵经理，备注：撞单后在前台吵闹',
          '⛔ 升级处理：链家 劝退（退出轮排和分销名额，销售 李四 停用）（R13）。',
          '从 链家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      expect(await h.say('mgr', '罚款 我爱我家 不配合 500元 情节严重 拒不配合')).toBe(
        [
          '⚠️ 这笔罚款将劝退 我爱我家，不可撤回，请确认：',
          '· 罚款：我爱我家「不配合」¥500.00，情节严重（R6 不配合公司及业务工作）',
          '· 我爱我家 劝退：退出轮排，不再计入分销名额',
          '· 1 名销售取消资格：周五',
          '· 我爱我家 2026-12 佣金全部扣除',
          '确认请在 2026-12-05 10:10 前发送：确认 Q2（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
        ].join('\n'),
      )
      expect(codes(await h.say('mgr', '确认 Q2'))).toBe(
        [
          '已确认 Q2。已开罚款 P2：我爱我家「不配合」¥500.00，情节严重',
          '依据：R6 不配合公司及业务工作（金额由现场经理确定）',
          '时间：2026-12-05 10:00，开具：赵经理，备注：拒不配合',
          '⛔ 升级处理：我爱我家 劝退（退出轮排和分销名额，销售 周五 停用），2026-12 佣金全部扣除（R6）。',
          '从 我爱我家 2026-12 佣金中扣除。证据 A#',
        ].join('\n'),
      )
      const st = await h.say('mgr', '佣金')
      expect(st).toContain('■ 链家（已劝退）\n签约 1 套')
      expect(st).toContain('佣金：¥1,000,000.00 × 1.5% = ¥15,000.00\n罚款 1 笔，合计 ¥10,000.00：')
      expect(st).toContain('佣金：¥1,000,000.00 × 1.5% = ¥15,000.00，全部扣除（R6 “不配合”罚款 P2）→ ¥0.00')
      expect(await h.store.db.dismissal.count({ where: { confirmedAt: { not: null } } })).toBe(2)
    })

    it('counts quantities (复印 pages), warns on the first 谈判桌 and charges the uniform fee once (R18–R20)', async () => {
      expect((await h.say('mgr', '罚款 链家 复印 20张')).split('\n')[0]).toBe('已开罚款 P1：链家「复印」20 张 ¥10.00')
      expect(codes(await h.say('mgr', '罚款 链家 谈判桌'))).toBe(
        [
          '已开罚款 P2：链家「谈判桌」警告（¥0.00）',
          '依据：R19 谈判完毕未整理谈判桌（先警告，之后 ¥50.00/次），本分销第 1 次',
          '时间：2026-12-05 10:00，开具：赵经理',
          '本次不扣款。证据 A#',
        ].join('\n'),
      )
      expect((await h.say('mgr', '罚款 链家 谈判桌')).split('\n')[0]).toBe('已开罚款 P3：链家「谈判桌」¥50.00')
      expect((await h.say('mgr', '罚款 李四 工服')).split('\n')[0]).toBe('已开罚款 P4：链家 李四「工服」¥200.00')
      expect(await h.say('mgr', '罚款 李四 工服')).toBe('该销售的工服费已收取（P4），只收一次（R20）。')
      expect(await h.store.db.fine.count()).toBe(4)
    })
  })

  describe('冲正 (reversal)', () => {
    it('adds a reversing row with its own code and never edits the original', async () => {
      await h.say('mgr', '罚款 链家 抢客')
      const before = await h.store.db.fine.findUniqueOrThrow({ where: { id: 1 } })
      h.clock.set('2026-12-06T09:30:00+08:00')
      expect(codes(await h.say('mgr', '冲正 P1 查监控是秘书安排接待'))).toBe(
        [
          '冲正 P2：冲正 P1（链家「抢客」¥100.00，2026-12-05 10:00 赵经理开具）',
          '退回 ¥100.00，计入 链家 2026-12 佣金；原罚款记录保留不变。原因：查监控是秘书安排接待。证据 A#',
        ].join('\n'),
      )
      expect(await h.store.db.fine.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before)
      const reversal = await h.store.db.fine.findUniqueOrThrow({ where: { id: 2 } })
      expect(reversal).toMatchObject({ reversesId: 1, amountFen: -10000n, type: '抢客', agencyId: ids.链家 })
      expect(reversal.issuedAt).toEqual(new Date('2026-12-06T09:30:00+08:00'))
      expect(await h.say('mgr', '冲正 p1 再冲一次')).toBe('罚款 P1 已由 P2 冲正。')
      expect(await h.say('mgr', '冲正 P2 冲正冲正')).toBe('P2 本身是冲正记录，不能再冲正。')
      expect(await h.say('mgr', '冲正 P9 误罚')).toBe('找不到罚款 P9。')
      expect(await h.store.db.fine.count()).toBe(2)
      const st = await h.say('mgr', '佣金 链家')
      expect(st).toContain(
        '罚款 1 笔、冲正 1 笔，合计 ¥0.00：\n· P1 抢客 R9 ¥100.00（12-05）\n· P2 冲正 P1 -¥100.00（12-06）',
      )
      const group = (await h.outbox()).filter((m) => m.targetKind === 'group' && m.text.startsWith('【冲正】'))
      expect(codes(group[0]?.text ?? '')).toBe(
        '【冲正】P2 冲正 P1（链家「抢客」¥100.00，2026-12-05 10:00 赵经理开具）\n退回 ¥100.00，原记录保留。原因：查监控是秘书安排接待。经办：赵经理，2026-12-06 09:30。证据 A#',
      )
    })

    it('lists the escalations the reversal undoes so the manager can act', async () => {
      await h.say('mgr', '罚款 李四 态度')
      await h.say('mgr', '罚款 李四 态度')
      await h.say('mgr', '罚款 李四 态度')
      expect(codes(await h.say('mgr', '冲正 P1 客户投诉不实'))).toBe(
        [
          '冲正 P4：冲正 P1（链家 李四「态度」¥200.00，2026-12-05 10:00 赵经理开具）',
          '退回 ¥200.00，计入 链家 2026-12 佣金；原罚款记录保留不变。原因：客户投诉不实。证据 A#',
          '以下升级处理不再成立，请酌情处理：',
          '· P3 使 李四 被取消销售资格（R7）；2026-12 佣金不再扣除：恢复资格请管理员发送 /员工 启用 李四',
        ].join('\n'),
      )
      expect(await h.say('mgr', '佣金 链家')).toContain(
        '佣金：¥0.00 × 1.5% = ¥0.00\n罚款 3 笔、冲正 1 笔，合计 ¥400.00：',
      )
    })

    it('refuses malformed input with the right form and changes nothing', async () => {
      await h.say('mgr', '罚款 链家 抢客')
      const before = await counts()
      expect(await h.say('mgr', '冲正 P1')).toBe(
        '请写明冲正原因。\n用法：冲正 <罚款编号或结佣编号> <原因>\n例如：冲正 P7 误罚',
      )
      expect(await h.say('mgr', '冲正 D1 误罚')).toBe('用法：冲正 <罚款编号或结佣编号> <原因>\n例如：冲正 P7 误罚')
      expect(await h.say('mgr', '冲正')).toBe('用法：冲正 <罚款编号或结佣编号> <原因>\n例如：冲正 P7 误罚')
      expect(await counts()).toEqual(before)
    })
  })

  describe('roles', () => {
    it('refuses each money command to the roles that may not use it, and changes nothing', async () => {
      await h.say('mgr', '罚款 链家 抢客')
      const before = await counts()
      const managersOnly = '无权使用此命令：仅限现场经理、管理员。'
      expect(await h.say('lj1', '罚款 周五 态度')).toBe(managersOnly)
      expect(await h.say('sec', '罚款 链家 培训')).toBe(managersOnly)
      expect(await h.say('sec', '冲正 P1 误罚')).toBe(managersOnly)
      expect(await h.say('lj1', '佣金')).toBe(managersOnly)
      expect(await h.say('sec', '劝退 链家')).toBe(managersOnly)
      expect(await h.say('lj1', '公告 今晚聚餐')).toBe(managersOnly)
      expect(await h.say('sec', '业绩')).toBe('无权使用此命令：仅限分销销售、管理员。')
      expect(await h.say('mgr', '业绩')).toBe('无权使用此命令：仅限分销销售、管理员。')
      expect(await h.say('admin', '业绩')).toBe(
        '业绩 查看本分销的月度结算。现场经理和管理员请用：佣金 [YYYY-MM] [分销名称]',
      )
      expect(await counts()).toEqual(before)
    })

    it('lets an agent see only the own agency', async () => {
      await h.say('mgr', '罚款 我爱我家 大厅')
      const mine = await h.say('lj1', '业绩')
      expect(mine.split('\n')[0]).toBe('【链家 2026-12 业绩】（本月截至 2026-12-05 10:00，未结算）')
      expect(mine).not.toContain('我爱我家')
      expect(await h.say('lj1', '业绩 我爱我家')).toBe('用法：业绩 [YYYY-MM]\n例如：业绩 2026-12')
    })
  })

  describe('bad input changes nothing', () => {
    it('罚款: each mistake is explained with the right form', async () => {
      const before = await counts()
      const cases: [string, string][] = [
        ['罚款 链家', '用法：罚款'],
        ['罚款 链家 吃饭', '没有“吃饭”这种罚款。可选：培训 不配合 态度 抢客 派单 捣乱 大厅 水杯 谈判桌 工服 复印。'],
        [
          '罚款 王五 培训',
          '找不到销售或分销“王五”。请写销售姓名或分销名称，例如：罚款 李四 态度、罚款 链家 培训；发送 /分销 列表 查看。',
        ],
        ['罚款 链家 培训 2', '“培训”罚款按次计，不能写数量。'],
        ['罚款 链家 培训 100元', '“培训”罚款金额按制度执行，不能另写金额。'],
        ['罚款 链家 不配合', '“不配合”罚款的金额由现场经理确定，请写明金额，例如：罚款 链家 不配合 500元'],
        ['罚款 链家 不配合 abc元', '“不配合”罚款的金额由现场经理确定，请写明金额，例如：罚款 链家 不配合 500元'],
        ['罚款 链家 不配合 0元', '金额“0元”不能为 0。'],
        ['罚款 链家 不配合 500.123元', '金额“500.123元”最多保留 2 位小数（到分）。'],
        ['罚款 链家 复印 0', '“复印”的数量须为 1 到 10000 的整数。'],
        ['罚款 链家 复印 1.5张', '“复印”的数量须为 1 到 10000 的整数。'],
        ['罚款 链家 复印 10001', '“复印”的数量须为 1 到 10000 的整数。'],
        ['罚款 链家 态度', '“态度”罚款按人计，请写销售姓名，例如：罚款 李四 态度'],
        ['罚款 链家 培训 情节严重', '“情节严重”只适用于“不配合”，不适用于“培训”。'],
        [
          '罚款 赵经理 培训',
          '找不到销售或分销“赵经理”。请写销售姓名或分销名称，例如：罚款 李四 态度、罚款 链家 培训；发送 /分销 列表 查看。',
        ],
      ]
      for (const [text, reply] of cases) {
        const got = await h.say('mgr', text)
        if (reply.startsWith('用法：')) expect(got).toMatch(/^用法：罚款 <销售姓名或分销名称> <类型>/)
        else expect(got).toBe(reply)
      }
      expect(await counts()).toEqual(before)
    })

    it('业绩/佣金: an impossible or future month is refused', async () => {
      const before = await counts()
      expect(await h.say('lj1', '业绩 2026-13')).toBe('月份“2026-13”无效。请写 YYYY-MM，例如 2026-12。')
      expect(await h.say('mgr', '佣金 2027-01')).toBe(
        '2027-01 还没有到。可以查询本月（2026-12）及以前的月份，例如：业绩 2026-12',
      )
      expect(await h.say('mgr', '佣金 2026年11月 链家')).toMatch(/^【2026-11 佣金】1 家分销，合计应付 ¥0\.00\n/)
      expect(await h.say('mgr', '佣金 2026-09')).toBe('【2026-09 佣金】该月没有分销的签约、罚款或结转记录。')
      expect(await h.say('mgr', '佣金 不存在')).toBe('找不到分销“不存在”。发送 /分销 列表 查看所有分销的名称。')
      expect(await h.say('mgr', '佣金 链家 我爱我家')).toBe('用法：佣金 [YYYY-MM] [分销名称]\n例如：佣金 2026-12')
      expect(await counts()).toEqual(before)
    })
  })

  describe('劝退 (dismissal)', () => {
    function systemCtx(notices: Notice[]): (project: CommandContext['project']) => CommandContext {
      return (project) => ({
        project,
        actor: {
          identity: 'system',
          staffId: null,
          name: '系统',
          role: 'admin',
          agencyId: null,
          agencyName: null,
          status: 'active',
        },
        now: h.clock.now(),
        source: null,
        notify: (n) => notices.push(n),
      })
    }

    async function close(month: string, notices: Notice[] = []) {
      return h.store.transaction(async (tx) => {
        const project = await tx.projects.byId(ids.projectId)
        if (!project) throw new Error('no project')
        return closeMonth(tx, systemCtx(notices)(project), month)
      })
    }

    it('closeMonth proposes an agency two months under target once; the manager confirms with 劝退 (R4)', async () => {
      await sign('链家', '3-1-1201', 1_200_000, '2026-10-08T11:00:00+08:00')
      await sign('链家', '3-1-1202', 1_350_000, '2026-11-03T11:00:00+08:00')
      await sign('链家', '3-1-1203', 1_100_000, '2026-11-20T11:00:00+08:00')
      await sign('我爱我家', '5-2-0801', 2_000_000, '2026-11-04T11:00:00+08:00')
      h.clock.set('2026-11-10T10:00:00+08:00')
      await h.say('mgr', '罚款 我爱我家 大厅')
      h.clock.set('2026-12-01T00:05:00+08:00')
      const notices: Notice[] = []
      const first = await close('2026-11', notices)
      expect(first.underTarget.map((u) => u.agencyName)).toEqual(['我爱我家'])
      expect(first.proposals).toEqual([
        {
          agencyId: ids.我爱我家,
          agencyName: '我爱我家',
          months: ['2026-10', '2026-11'],
          dismissalId: expect.any(Number),
          created: true,
        },
      ])
      expect(first.statements.map((s) => [s.agencyName, s.statement.netFen])).toEqual([
        ['链家', 3_920_000],
        ['我爱我家', 2_980_000],
      ])
      expect(notices.map((n) => n.audience)).toEqual([[{ to: 'role', role: 'manager' }]])
      expect(
        noticeText(notices[0]?.event as Notice['event'], {
          tz: 'Asia/Shanghai',
          group: false,
          settings: DEFAULT_SETTINGS,
        }),
      ).toBe(
        [
          '【月结 2026-11】各分销佣金：',
          '· 链家：签约 2 套（计入 2/2），费率 1.6%，佣金 ¥39,200.00，罚款 ¥0.00，上月结转 ¥0.00，净额 ¥39,200.00，应付 ¥39,200.00',
          '· 我爱我家：签约 1 套（计入 1/2），费率 1.5%，佣金 ¥30,000.00，罚款 ¥200.00，上月结转 ¥0.00，净额 ¥29,800.00，应付 ¥29,800.00',
          '未达标（R4）：我爱我家',
          '劝退提议（R4 连续2个月未完成任务：2026-10、2026-11）：我爱我家。确认请发送：劝退 我爱我家',
          '明细请发送：佣金 2026-11',
        ].join('\n'),
      )
      const audit = await h.store.db.auditEntry.count()
      const second = await close('2026-11')
      expect(second.proposals).toEqual([{ ...first.proposals[0], created: false }])
      expect(await h.store.db.dismissal.count()).toBe(1)
      expect(await h.store.db.auditEntry.count()).toBe(audit)
      await expect(close('2026-12')).rejects.toThrow(RangeError)

      expect(await h.say('mgr', '佣金 2026-11 我爱我家')).toContain(
        '⚠️ 劝退提议待确认：R4 连续未完成签约任务（截至 2026-11）。确认请发送：劝退 我爱我家',
      )
      expect(await h.say('mgr', '劝退 我爱我家')).toBe(
        [
          '⚠️ 劝退 我爱我家 不可撤回，请确认：',
          '· 依据：R4 连续未完成签约任务（截至 2026-11）',
          '· 我爱我家 退出轮排，不再计入分销名额',
          '· 1 名销售取消资格：周五',
          '· 佣金照常结算，不扣除',
          '确认请在 2026-12-01 00:15 前发送：确认 Q1（仅限 赵经理 本人，10 分钟内有效）。现在什么都没有改变。',
        ].join('\n'),
      )
      expect((await h.store.db.agency.findUniqueOrThrow({ where: { id: ids.我爱我家 } })).status).toBe('active')
      expect(codes(await h.say('mgr', '确认 Q1'))).toBe(
        '已确认 Q1。已劝退 我爱我家：R4 连续未完成签约任务（截至 2026-11）。我爱我家 退出轮排，不再计入分销名额（在场 1/20 家）；销售 周五 已停用。证据 A#',
      )
      const row = await h.store.db.dismissal.findFirstOrThrow()
      expect(row.confirmedAt).toEqual(new Date('2026-12-01T00:05:00+08:00'))
      expect(row.confirmedBy).toBe((await h.store.db.staff.findFirstOrThrow({ where: { name: '赵经理' } })).id)
      expect((await h.store.db.agency.findUniqueOrThrow({ where: { id: ids.我爱我家 } })).status).toBe('dismissed')
      const group = (await h.outbox()).filter((m) => m.targetKind === 'group' && m.text.startsWith('【劝退】'))
      expect(codes(group[0]?.text ?? '')).toBe(
        '【劝退】我爱我家 已劝退：R4 连续未完成签约任务（截至 2026-11）。退出轮排，不再计入分销名额；销售 周五 停用。经办：赵经理，2026-12-01 00:05。证据 A#',
      )
      const after = await counts()
      expect(await h.say('mgr', '劝退 我爱我家')).toBe(
        '分销“我爱我家”已于 2026-12-01 00:05 劝退，不在场，不能再罚款或劝退。',
      )
      expect(await h.say('mgr', '劝退 不存在')).toBe('找不到分销“不存在”。发送 /分销 列表 查看所有分销的名称。')
      expect(await h.say('mgr', '劝退')).toBe('用法：劝退 <分销名称> [原因]\n例如：劝退 链家')
      expect(await counts()).toEqual(after)
      expect((await close('2026-11')).proposals).toEqual([])
    })

    it('a month the agency joined after its 1st is not held against it', async () => {
      h.clock.set('2026-11-01T00:05:00+08:00')
      expect((await close('2026-10')).proposals).toEqual([])
      h.clock.set('2026-12-01T00:05:00+08:00')
      expect((await close('2026-11')).proposals.map((p) => p.agencyName)).toEqual(['链家', '我爱我家'])
    })

    it('dismisses directly with the manager’s reason when nothing was proposed', async () => {
      expect(await h.say('mgr', '劝退 链家 多次违反现场制度')).toMatch(
        /^⚠️ 劝退 链家 不可撤回，请确认：\n· 依据：现场经理决定：多次违反现场制度\n/,
      )
      expect(codes(await h.say('mgr', '确认 Q1'))).toBe(
        '已确认 Q1。已劝退 链家：现场经理决定：多次违反现场制度。链家 退出轮排，不再计入分销名额（在场 1/20 家）；销售 李四 已停用。证据 A#',
      )
      const row = await h.store.db.dismissal.findFirstOrThrow()
      expect(row).toMatchObject({ agencyId: ids.链家, reason: 'manual:多次违反现场制度' })
      expect(row.confirmedAt).toEqual(new Date('2026-12-05T10:00:00+08:00'))
      expect(await h.say('mgr', '/agency add 中原')).toMatch(/^已添加分销“中原”，轮排第 3 位；还可添加 18 家（R1）/)
    })
  })

  describe('公告 (R17)', () => {
    it('stores, audits and broadcasts to every bound group', async () => {
      expect(codes(await h.say('mgr', '公告 周六上午10点开盘，请各分销9点前到场'))).toBe('公告已发布到 1 个群。证据 A#')
      const row = await h.store.db.announcement.findFirstOrThrow()
      expect(row.text).toBe('周六上午10点开盘，请各分销9点前到场')
      const group = (await h.outbox()).filter((m) => m.text.startsWith('【公告】'))
      expect(group).toEqual([
        {
          platform: 'console',
          targetKind: 'group',
          targetId: 'g1',
          text: '【公告】周六上午10点开盘，请各分销9点前到场\n—— 赵经理',
        },
      ])
      expect(codes(await h.say('mgr', '/公告 班车时刻：\n  8:30 地铁站发车；\n  17:30 案场返程'))).toBe(
        '公告已发布到 1 个群。证据 A#',
      )
      expect((await h.store.db.announcement.findMany({ orderBy: { id: 'asc' } }))[1]?.text).toBe(
        '班车时刻：\n  8:30 地铁站发车；\n  17:30 案场返程',
      )
      const before = await counts()
      expect(await h.say('mgr', '公告')).toBe('用法：公告 <内容>\n例如：公告 周六上午10点开盘，请各分销9点前到场')
      expect(await h.say('mgr', `公告 ${'字'.repeat(1001)}`)).toBe(
        '公告最多1000字，现在 1001 字。\n用法：公告 <内容>\n例如：公告 周六上午10点开盘，请各分销9点前到场',
      )
      expect(await counts()).toEqual(before)
    })
  })
})
