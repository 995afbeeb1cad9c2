import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FULL_MOBILE } from '../../src/domain/phone.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

const A = 'A\\d+'
/** A reply pattern: the literal text with the audit code left open (`证据 A12`). */
const literal = (text: string) =>
  new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/A\\\\d\\\+/g, A)}$`)

describe.each(databaseKinds())('销控, 定金, 认购 and 签约 (%s)', (kind) => {
  let h: Harness
  const counts = async () => ({
    units: await h.store.db.unit.count(),
    deposits: await h.store.db.deposit.count(),
    refunds: await h.store.db.refund.count(),
    subscriptions: await h.store.db.subscription.count(),
    contracts: await h.store.db.contract.count(),
    customers: await h.store.db.customer.count(),
    audit: await h.store.db.auditEntry.count(),
  })
  const unit = (code: string) => h.store.db.unit.findFirstOrThrow({ where: { code } })
  const customer = (phone: string) => h.store.db.customer.findFirstOrThrow({ where: { phone } })
  const pushed = async (prefix: string) => (await h.outbox()).filter((m) => m.text.startsWith(prefix))

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('sec', '/unit add 3-1-901 90 1580000 1500000')
    await h.say('admin', '/unit add 1-1-B101 20 200000 180000 地下室')
    await h.say('lj1', '报备 张三 13812345678')
  })
  afterEach(() => h.close())

  describe('units (R18 销控以现场秘书为主)', () => {
    it('adds a unit for the secretary, the manager and the admin; the floor price only in a direct reply', async () => {
      expect(await h.say('mgr', '/unit add 3-1-1202 89.5 1,680,000 160万')).toMatch(
        literal('已添加房源 3-1-1202：面积 89.5㎡，总价 ¥1,680,000.00，可售。证据 A\\d+'),
      )
      expect(await h.say('sec', '/unit add 3-1-1203 95.25 1700000 1650000', 'direct')).toMatch(
        literal('已添加房源 3-1-1203：面积 95.25㎡，总价 ¥1,700,000.00，底价 ¥1,650,000.00，可售。证据 A\\d+'),
      )
      expect(await h.say('admin', '/unit add 1-1-B102 20 200000 180000 地下室')).toMatch(
        literal('已添加房源 1-1-B102：面积 20㎡，总价 ¥200,000.00，地下室（不计业绩套数，R4），可售。证据 A\\d+'),
      )
      const u = await unit('3-1-1202')
      expect([u.areaCm2, u.listPriceFen, u.floorPriceFen, u.basement, u.status]).toEqual([
        8950,
        168_000_000n,
        160_000_000n,
        false,
        'available',
      ])
      expect((await unit('1-1-B102')).basement).toBe(true)
    })

    it('refuses /unit to agents and bad input with how to do it right, changing nothing', async () => {
      const before = await counts()
      expect(await h.say('lj1', '/unit add 3-1-1202 89.5 1680000 1600000')).toBe(
        '无权使用此命令：仅限案场秘书、现场经理、管理员。',
      )
      expect(await h.say('lj1', '/unit lock 3-1-1201')).toBe('无权使用此命令：仅限案场秘书、现场经理、管理员。')
      expect(await h.say('sec', '/unit add 3-1-1202 abc 1680000 1600000')).toBe(
        '面积“abc”无效。例如：/房源 添加 3-1-1201 89.5 1680000 1600000 [地下室]',
      )
      expect(await h.say('sec', '/unit add 3-1-1202 89.5 1680000 1700000')).toBe(
        '底价 ¥1,700,000.00 高于总价 ¥1,680,000.00，请核对。',
      )
      expect(await h.say('sec', '/unit add 3/1/1202 89.5 1680000 1600000')).toBe(
        '房号“3/1/1202”无效。房号由 1–4 段字母、数字或汉字以“-”连接，最多 20 个字符，例如 3-1-1201、B1-017、地下室-12、车位-A-001。',
      )
      expect(await h.say('sec', '/unit add 3-1-1202 89.5 1680000 1600000 车位')).toBe(
        '地下室标记“车位”无效。例如：/房源 添加 3-1-1201 89.5 1680000 1600000 [地下室]',
      )
      expect(await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')).toBe(
        '房源 3-1-1201 已存在，未重复添加。发送“房源 3-1-1201”查看。',
      )
      const help =
        '用法：/房源 添加 <房号> <面积㎡> <总价元> <底价元> [地下室] ｜ /房源 锁定 <房号> [原因] ｜ /房源 解锁 <房号>\n例如：/房源 添加 3-1-1201 89.5 1680000 1600000'
      expect(await h.say('sec', '/unit add 3-1-1202 89.5 1680000')).toBe(help)
      expect(await h.say('sec', '/unit sell 3-1-1202')).toBe(help)
      expect(await counts()).toEqual(before)
    })

    it('shows the board to anyone on staff: counts per status and the available units in code order', async () => {
      expect(await h.say('wa1', '销控')).toBe(
        [
          '销控（2026-12-01 15:40）共 3 套：可售 3 · 已定 0 · 已认购 0 · 已签约 0 · 锁定 0',
          '可售房源：',
          '1-1-B101（20㎡）¥200,000.00 地下室',
          '3-1-901（90㎡）¥1,580,000.00',
          '3-1-1201（89.5㎡）¥1,680,000.00',
        ].join('\n'),
      )
    })

    it('shows one unit; the floor price only to the secretary, manager or admin in a direct chat', async () => {
      expect(await h.say('lj1', '房源 3-1-1201', 'direct')).toBe('房源 3-1-1201：可售\n面积 89.5㎡，总价 ¥1,680,000.00')
      expect(await h.say('sec', '房源 3-1-1201')).toBe('房源 3-1-1201：可售\n面积 89.5㎡，总价 ¥1,680,000.00')
      expect(await h.say('mgr', '房源 ３－１－１２０１', 'direct')).toBe(
        '房源 3-1-1201：可售\n面积 89.5㎡，总价 ¥1,680,000.00，底价 ¥1,600,000.00',
      )
      expect(await h.say('lj1', '房源 9-9-999')).toBe(
        '没有房源 9-9-999。发送“销控”查看房源；秘书可添加：/房源 添加 <房号> <面积㎡> <总价元> <底价元>',
      )
      expect(await h.say('lj1', '房源')).toBe('用法：房源 <房号>\n例如：房源 3-1-1201')
    })

    it('locks and unlocks a unit (secretary), recorded and audited; a locked unit takes no deposit', async () => {
      expect(await h.say('sec', '/unit lock 3-1-1201 开发商保留')).toMatch(
        literal(
          '房源 3-1-1201 已锁定（开发商保留），暂停销售，不能交定金（R18 销控以现场秘书为主）。解锁：/unit unlock 3-1-1201。证据 A\\d+',
        ),
      )
      expect((await unit('3-1-1201')).status).toBe('locked')
      const before = await counts()
      expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定')).toBe(
        '房源 3-1-1201 已被秘书锁定，不能交定金（R18 销控以现场秘书为主）。发送“销控”查看可售房源。',
      )
      expect(await h.say('sec', '/unit lock 3-1-1201')).toBe('房源 3-1-1201 当前为“锁定”，不能改为“锁定”。')
      expect(await counts()).toEqual(before)
      expect((await h.say('lj1', '销控')).split('\n')[0]).toBe(
        '销控（2026-12-01 15:40）共 3 套：可售 2 · 已定 0 · 已认购 0 · 已签约 0 · 锁定 1',
      )
      expect(await h.say('mgr', '/unit unlock 3-1-1201')).toMatch(literal('房源 3-1-1201 已解锁，恢复可售。证据 A\\d+'))
      expect(await h.say('sec', '/unit unlock 3-1-1201')).toBe('房源 3-1-1201 当前为“可售”，不能改为“可售”。')
      const actions = await h.store.db.auditEntry.findMany({
        where: { action: { in: ['unit.lock', 'unit.unlock'] } },
        orderBy: { seq: 'asc' },
      })
      expect(actions.map((a) => [a.action, a.subject, a.actor])).toEqual([
        ['unit.lock', '3-1-1201', 'console:sec'],
        ['unit.unlock', '3-1-1201', 'console:mgr'],
      ])
    })
  })

  describe('deposits (R14 无定金不封房, R15, R13)', () => {
    it('holds a unit for a small deposit recorded 12-01 15:40 until 12-04 00:00, pending the manager', async () => {
      expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定')).toMatch(
        literal(
          '定金 D1 已登记：房源 3-1-1201 小定 ¥1,000.00，客户 张三 138****5678，归 链家。房源保留至 12-03（12-04 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      const d = await h.store.db.deposit.findFirstOrThrow()
      expect([d.status, d.kind, d.amountFen, d.heldUntil.toISOString(), d.attribution]).toEqual([
        'pending',
        'small',
        100_000n,
        '2026-12-03T16:00:00.000Z',
        'protection',
      ])
      expect((await customer('13812345678')).dealCode).toBe('D1')
      const group = await pushed('【封房】')
      expect(group.map((m) => [m.targetKind, m.text])).toEqual([
        [
          'group',
          '【封房】房源 3-1-1201 已交小定 ¥1,000.00（D1，客户 138****5678），保留至 12-03（12-04 00:00 自动开封，R14）。待现场经理批准（R15）。',
        ],
      ])
      const manager = await pushed('【待审批·定金】')
      expect(manager.map((m) => [m.targetKind, m.targetId])).toEqual([['direct', 'mgr']])
      expect(manager[0]?.text).toMatch(
        literal(
          [
            '【待审批·定金】D1 房源 3-1-1201 小定 ¥1,000.00',
            '客户：张三 13812345678',
            '归属：链家；申请人：李四（链家）',
            '保留至 12-03（12-04 00:00 自动开封）',
            '请现场经理 批准 D1 或 驳回 D1 <原因>（R15）。证据 A\\d+',
          ].join('\n'),
        ),
      )
      for (const m of await h.outbox()) if (m.targetKind === 'group') expect(m.text).not.toMatch(FULL_MOBILE)
    })

    it('shows the hold on the board until heldUntil − 1 ms and the unit as available at heldUntil (derived)', async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
      h.clock.set('2026-12-03T23:59:59.999+08:00')
      expect((await h.say('wa1', '销控')).split('\n')[0]).toBe(
        '销控（2026-12-03 23:59）共 3 套：可售 2 · 已定 1 · 已认购 0 · 已签约 0 · 锁定 0',
      )
      expect(await h.say('wa1', '房源 3-1-1201')).toBe(
        '房源 3-1-1201：已定（D1 小定，待现场经理批准），保留至 12-03（12-04 00:00 自动开封）\n面积 89.5㎡，总价 ¥1,680,000.00',
      )
      expect(await h.say('wa1', '定金 3-1-1201 13912345678 小定')).toBe(
        '房源 3-1-1201 已被定金封房至 12-03，不能交定金（R14 无定金不封房，不重复封房）。发送“销控”查看可售房源。',
      )
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      expect((await h.say('wa1', '销控')).split('\n')[0]).toBe(
        '销控（2026-12-04 00:00）共 3 套：可售 3 · 已定 0 · 已认购 0 · 已签约 0 · 锁定 0',
      )
      expect(await h.say('wa1', '房源 3-1-1201')).toBe('房源 3-1-1201：可售\n面积 89.5㎡，总价 ¥1,680,000.00')
      // the lapsed hold no longer locks the customer either: another deposit may take the unit at once
      expect(await h.say('wa1', '定金 3-1-1201 13912345678 大定')).toMatch(
        literal(
          '定金 D2 已登记：房源 3-1-1201 大定 ¥10,000.00，客户 未报备客户 139****5678，归 我爱我家（客户此前无人保护，随定金归该分销）。房源保留至 12-10（12-11 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      expect(await h.say('mgr', '批准 D1')).toBe('定金 D1 的保留期已于 2026-12-04 00:00 结束，房源已自动开封（R14）。')
    })

    it('lets the manager approve at heldUntil − 1 ms', async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
      h.clock.set('2026-12-03T23:59:59.999+08:00')
      expect(await h.say('mgr', '批准 D1')).toMatch(
        literal(
          '已批准定金 D1（房源 3-1-1201），保留至 12-03（12-04 00:00 自动开封，R14）。可办理认购：认购 D1 <总价>。证据 A\\d+',
        ),
      )
      expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('approved')
      expect((await pushed('【审批结果】')).map((m) => [m.targetId, m.text])).toEqual([
        ['lj1', '【审批结果】D1（房源 3-1-1201）已被 赵经理 批准。'],
      ])
      expect(await h.say('mgr', '批准 D1')).toBe('定金 D1 不是待审批状态（已批准）。')
    })

    it('refuses approval at heldUntil exactly, and changes nothing', async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      const before = await counts()
      expect(await h.say('mgr', '批准 D1')).toBe('定金 D1 的保留期已于 2026-12-04 00:00 结束，房源已自动开封（R14）。')
      expect(await counts()).toEqual(before)
      expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('pending')
    })

    it('holds for 7 days on a big deposit, counting the recording day as day 1', async () => {
      h.clock.set('2026-12-15T23:59:00+08:00')
      expect(await h.say('lj1', '定金 3-1-901 13812345678 大定', 'direct')).toMatch(
        literal(
          '定金 D1 已登记：房源 3-1-901 大定 ¥10,000.00，客户 张三 13812345678，归 链家。房源保留至 12-21（12-22 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      expect((await unit('3-1-901')).heldUntil?.toISOString()).toBe('2026-12-21T16:00:00.000Z')
    })

    it('crosses the year end: a big deposit at 12-31 23:59 holds until 01-07 00:00', async () => {
      h.clock.set('2026-12-31T23:59:00+08:00')
      expect(await h.say('lj1', '定金 3-1-901 13812345678 大定', 'direct')).toMatch(
        literal(
          '定金 D1 已登记：房源 3-1-901 大定 ¥10,000.00，客户 张三 13812345678，归 链家（客户此前无人保护，随定金归该分销）。房源保留至 01-06（01-07 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      expect((await unit('3-1-901')).heldUntil?.toISOString()).toBe('2027-01-06T16:00:00.000Z')
    })

    it('attributes the deal to the protecting agency and tells the manager when another agency asks (R13)', async () => {
      expect(await h.say('wa1', '定金 3-1-1201 138 1234 5678 小定')).toMatch(
        literal(
          '定金 D1 已登记：房源 3-1-1201 小定 ¥1,000.00，客户 138****5678，该客户在其他分销的保护期内，定金归保护方（R13 交定后撞单按R12处理），已通知现场经理。房源保留至 12-03（12-04 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      const d = await h.store.db.deposit.findFirstOrThrow()
      const lianjia = await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })
      const woai = await h.store.db.agency.findFirstOrThrow({ where: { name: '我爱我家' } })
      expect([d.agencyId, d.requesterAgencyId, d.attribution]).toEqual([lianjia.id, woai.id, 'protection'])
      const [note] = await pushed('【待审批·定金】')
      expect(note?.targetId).toBe('mgr')
      expect(note?.text).toContain('归属：链家；申请人：周五（我爱我家）')
      expect(note?.text).toContain(
        '注意（R13 交定后撞单按R12处理）：该客户在 链家 保护期内，申请人属 我爱我家；定金归保护方 链家。',
      )
      // the deposit locks the customer to 链家 (rule 5): the deal does not lapse with the protection
      h.clock.set('2026-12-03T10:00:00+08:00')
      expect(await h.say('lj1', '查客户 13812345678', 'direct')).toBe(
        '张三 13812345678\n分销：链家（F1），报备于 2026-12-01 15:40\n已成交锁定：D1',
      )
      expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(
        literal(
          '报备未成功：该客户已有定金/认购/签约，锁定在其成交分销名下（R13 交定后撞单按保护期规定处理）。证据 A\\d+',
        ),
      )
    })

    it("gives a customer nobody protects to the requester's agency, and asks the secretary to name one", async () => {
      const before = await counts()
      expect(await h.say('sec', '定金 3-1-901 13912345678 大定')).toBe(
        '该客户目前不在任何分销的保护期内，请指明分销：定金 <房号> <手机号> <大定|小定> <分销名称>',
      )
      expect(await h.say('sec', '定金 3-1-901 13912345678 大定 麦田')).toBe(
        '找不到分销“麦田”。发送 /分销 列表 查看所有分销的名称。',
      )
      expect(await counts()).toEqual(before)
      expect(await h.say('sec', '定金 3-1-901 13912345678 大定 我爱我家')).toMatch(
        literal(
          '定金 D1 已登记：房源 3-1-901 大定 ¥10,000.00，客户 未报备客户 139****5678，归 我爱我家（客户此前无人保护，随定金归该分销）。房源保留至 12-07（12-08 00:00 自动开封，R14 交定金日算第一天）。待现场经理批准（R15）。证据 A\\d+',
        ),
      )
      const c = await customer('13912345678')
      const woai = await h.store.db.agency.findFirstOrThrow({ where: { name: '我爱我家' } })
      // owned by the deal's agency for at least a protection period (15 days from today)
      expect([c.ownerAgencyId, c.dealCode, c.protectedUntil?.toISOString()]).toEqual([
        woai.id,
        'D1',
        '2026-12-15T16:00:00.000Z',
      ])
      expect(await h.say('lj1', '报备 王五 13912345678')).toMatch(/^报备未成功：该客户已有定金\/认购\/签约/)
    })

    it('refuses bad deposit input with how to do it right, and changes nothing', async () => {
      const before = await counts()
      expect(await h.say('lj1', '定金 3-1-1201 1381234567 小定')).toBe(
        '手机号“1381234567”无效。请填写以1开头的11位大陆手机号（可带 +86、空格或短横线）。',
      )
      expect(await h.say('lj1', '定金 3-1-1201 13812345678 中定')).toBe('定金类型“中定”无效：请写“大定”或“小定”。')
      expect(await h.say('lj1', '定金 9-9-999 13812345678 小定')).toBe(
        '没有房源 9-9-999。发送“销控”查看房源；秘书可添加：/房源 添加 <房号> <面积㎡> <总价元> <底价元>',
      )
      const help =
        '用法：定金 <房号> <手机号> <大定|小定>（秘书：客户无人保护时加 <分销名称>）\n例如：定金 3-1-1201 13800000000 小定'
      expect(await h.say('lj1', '定金 3-1-1201 13812345678', 'direct')).toBe(help)
      expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定 我爱我家', 'direct')).toBe(help)
      expect(await counts()).toEqual(before)
    })

    it('rejects a deposit (manager): the unit is for sale again and the deal lock is gone', async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
      expect(await h.say('lj1', '驳回 D1')).toBe('无权使用此命令：仅限现场经理、管理员。')
      expect(await h.say('sec', '批准 D1')).toBe('无权使用此命令：仅限现场经理、管理员。')
      expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('pending')
      expect(await h.say('mgr', '驳回 D1 客户未付款')).toMatch(
        literal('已驳回定金 D1（客户未付款）：房源 3-1-1201 重新可售，客户的成交锁定已解除。证据 A\\d+'),
      )
      const d = await h.store.db.deposit.findFirstOrThrow()
      expect([d.status, d.reason]).toEqual(['rejected', '客户未付款'])
      const u = await unit('3-1-1201')
      expect([u.status, u.depositId, u.heldUntil]).toEqual(['available', null, null])
      const c = await customer('13812345678')
      expect([c.dealCode, c.protectedUntil?.toISOString()]).toEqual([null, '2026-12-15T16:00:00.000Z'])
      expect((await pushed('【开封】')).map((m) => m.text)).toEqual([
        '【开封】定金 D1 已被现场经理驳回，房源 3-1-1201 重新可售。',
      ])
      expect((await pushed('【审批结果】')).map((m) => [m.targetId, m.text])).toEqual([
        ['lj1', '【审批结果】D1（房源 3-1-1201）已被 赵经理 驳回：客户未付款。'],
      ])
      expect(await h.say('mgr', '驳回 D1')).toBe('定金 D1 不是待审批状态（已驳回）。')
    })

    it('reads the approval code: D, S or R; anything else gets the usage; an unknown number is named', async () => {
      const before = await counts()
      expect(await h.say('mgr', '批准 P1')).toBe('用法：批准 <编号>（D定金、S认购、R退定）\n例如：批准 D3')
      expect(await h.say('mgr', '批准')).toBe('用法：批准 <编号>（D定金、S认购、R退定）\n例如：批准 D3')
      expect(await h.say('mgr', '驳回 X1 理由')).toBe(
        '用法：驳回 <编号> [原因]（D定金、S认购、R退定）\n例如：驳回 S2 价格有误',
      )
      expect(await h.say('mgr', '批准 D99')).toBe('找不到编号 D99。请核对回复中的编号，例如 D3、S2。')
      expect(await h.say('mgr', '批准 S99')).toBe('找不到编号 S99。请核对回复中的编号，例如 D3、S2。')
      expect(await h.say('mgr', '驳回 R99')).toBe('找不到编号 R99。请核对回复中的编号，例如 D3、S2。')
      expect(await counts()).toEqual(before)
    })
  })

  describe('refunds (退定, R15)', () => {
    it('asks for a refund of an approved deposit; the manager approves; the unit and the customer are released', async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
      expect(await h.say('lj1', '退定 D1')).toBe(
        '定金 D1 当前为“待审批”，不能退定。只有已批准、仍在保留期内的定金可以退。',
      )
      await h.say('mgr', '批准 D1')
      const before = await counts()
      expect(await h.say('wa1', '退定 D1')).toBe('定金 D1 不属于你的分销：只有成交分销的销售或案场秘书可以办理。')
      expect(await h.say('lj1', '退定 1')).toBe('用法：退定 <定金编号>\n例如：退定 D3')
      expect(await counts()).toEqual(before)
      expect(await h.say('lj1', '退定 D1')).toMatch(
        literal(
          '退定申请 R1 已提交：定金 D1（房源 3-1-1201，¥1,000.00）。待现场经理批准（R15），批准前房源仍保留。证据 A\\d+',
        ),
      )
      expect(await h.say('sec', '退定 D1')).toBe('定金 D1 已有退定申请 R1，等待现场经理审批。')
      expect((await pushed('【待审批·退定】')).map((m) => m.targetId)).toEqual(['mgr'])
      expect((await unit('3-1-1201')).status).toBe('held')
      expect(await h.say('mgr', '驳回 R1 已签认购意向')).toMatch(
        literal('已驳回退定 R1（已签认购意向），定金 D1 保持不变。证据 A\\d+'),
      )
      expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('approved')
      expect(await h.say('sec', '退定 D1')).toMatch(/^退定申请 R2 已提交/)
      expect(await h.say('mgr', '批准 R2')).toMatch(
        literal('已批准退定 R2（定金 D1，¥1,000.00）：房源 3-1-1201 重新可售，客户的成交锁定已解除（R15）。证据 A\\d+'),
      )
      expect((await h.store.db.deposit.findFirstOrThrow()).status).toBe('refunded')
      expect((await unit('3-1-1201')).status).toBe('available')
      expect((await customer('13812345678')).dealCode).toBeNull()
      expect((await pushed('【开封】')).map((m) => m.text)).toEqual([
        '【开封】定金 D1 已退定（R15），房源 3-1-1201 重新可售。',
      ])
      expect(await h.say('mgr', '批准 R2')).toBe('退定申请 R2 不是待审批状态。')
    })
  })

  describe('subscription and signing (R8, R21, R4)', () => {
    beforeEach(async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定')
    })

    it('needs the deposit approved first (R15)', async () => {
      expect(await h.say('lj1', '认购 D1 1650000')).toBe('定金 D1 当前为“待审批”，需现场经理批准后才能认购（R15）。')
      expect(await h.store.db.subscription.count()).toBe(0)
    })

    it('refuses a price below the floor (R8), naming the floor only to the secretary in a direct chat', async () => {
      await h.say('mgr', '批准 D1')
      const before = await counts()
      expect(await h.say('lj1', '认购 D1 1599999.99')).toBe(
        '认购价 ¥1,599,999.99 低于签约底价，不能认购（R8 不得擅自承诺低于签约底价）。请向案场秘书确认底价。',
      )
      expect(await h.say('sec', '认购 D1 159万', 'direct')).toBe(
        '认购价 ¥1,590,000.00 低于签约底价 ¥1,600,000.00，不能认购（R8 不得擅自承诺低于签约底价）。',
      )
      expect(await h.say('wa1', '认购 D1 1650000')).toBe(
        '定金 D1 不属于你的分销：只有成交分销的销售或案场秘书可以办理。',
      )
      expect(await h.say('lj1', '认购 D1 abc')).toBe('金额“abc”无法识别。请写元，例如 1680000、1,680,000 或 168万。')
      expect(await h.say('lj1', '认购 D1')).toBe('用法：认购 <定金编号> <总价元>\n例如：认购 D3 1650000')
      expect(await counts()).toEqual(before)
    })

    it('takes a form at the floor price, the manager approves it, the secretary signs it', async () => {
      await h.say('mgr', '批准 D1')
      expect(await h.say('lj1', '认购 D1 1600000')).toMatch(
        literal(
          '认购 S1 已提交：房源 3-1-1201 认购价 ¥1,600,000.00（不低于签约底价，R8），定金 D1。待现场经理核查批准（R21）。证据 A\\d+',
        ),
      )
      expect(await h.say('sec', '认购 D1 1650000')).toBe('定金 D1 已有认购 S1。')
      expect(await h.say('lj1', '退定 D1')).toBe('定金 D1 已有认购 S1，不能退定。')
      expect(await h.say('sec', '签约 S1')).toBe('认购 S1 尚未经现场经理批准，不能签约（R21）。')
      const [form] = await pushed('【待审批·认购】')
      expect(form?.targetId).toBe('mgr')
      expect(form?.text).toMatch(
        literal(
          '【待审批·认购】S1 房源 3-1-1201 认购价 ¥1,600,000.00（总价 ¥1,680,000.00，底价 ¥1,600,000.00），定金 D1，链家 李四。请现场经理核查后 批准 S1 或 驳回 S1 <原因>（R21）。证据 A\\d+',
        ),
      )

      expect(await h.say('mgr', '批准 S1')).toMatch(
        literal(
          '已批准认购 S1（房源 3-1-1201，¥1,600,000.00）：房源已认购，不再自动开封（R21）。签约：签约 S1。证据 A\\d+',
        ),
      )
      expect((await customer('13812345678')).dealCode).toBe('S1')
      // a subscribed unit no longer expires with the hold
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      expect((await h.say('wa1', '销控')).split('\n')[0]).toBe(
        '销控（2026-12-04 00:00）共 3 套：可售 2 · 已定 0 · 已认购 1 · 已签约 0 · 锁定 0',
      )
      expect(await h.say('lj1', '签约 S1')).toBe('无权使用此命令：仅限案场秘书、现场经理、管理员。')
      expect(await h.say('sec', '签约 S1')).toMatch(
        literal('签约成功 C1：房源 3-1-1201（S1，链家）成交价 ¥1,600,000.00，计入 2026-12 业绩（R4）。证据 A\\d+'),
      )
      const c = await h.store.db.contract.findFirstOrThrow()
      const lianjia = await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })
      expect([c.agencyId, c.priceFen, c.basement, c.localMonth, c.signedAt.toISOString()]).toEqual([
        lianjia.id,
        160_000_000n,
        false,
        '2026-12',
        '2026-12-03T16:00:00.000Z',
      ])
      expect((await unit('3-1-1201')).status).toBe('signed')
      expect((await customer('13812345678')).dealCode).toBe('C1')
      expect((await pushed('【签约】')).map((m) => m.text)).toEqual([
        '【签约】房源 3-1-1201 已签约（C1，链家），计入 2026-12 业绩。',
      ])
      expect(await h.say('sec', '签约 S1')).toBe('认购 S1 已于 2026-12-04 00:00 签约（合同 C1），无需重复签约。')
      expect(await h.store.db.contract.count()).toBe(1)
    })

    it('a rejected form leaves the hold running; a pending one keeps the unit held past the hold end until decided', async () => {
      await h.say('mgr', '批准 D1')
      await h.say('lj1', '认购 D1 1650000')
      expect(await h.say('mgr', '驳回 S1 价格有误')).toMatch(
        literal('已驳回认购 S1（价格有误）。定金 D1 的房源照常保留至 12-03（12-04 00:00 自动开封）。证据 A\\d+'),
      )
      expect((await unit('3-1-1201')).status).toBe('held')
      expect(await h.say('lj1', '认购 D1 1680000')).toMatch(/^认购 S2 已提交/)
      // no sweep has run: the derived state alone keeps the unit held and the form approvable
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      expect(await h.say('wa1', '定金 3-1-1201 13912345678 小定')).toBe(
        '房源 3-1-1201 有认购待现场经理审批，审批前继续保留，不能交定金（R14 无定金不封房，不重复封房）。发送“销控”查看可售房源。',
      )
      expect(await h.say('mgr', '批准 S2')).toMatch(
        literal(
          '已批准认购 S2（房源 3-1-1201，¥1,680,000.00）：房源已认购，不再自动开封（R21）。签约：签约 S2。证据 A\\d+',
        ),
      )
      expect((await unit('3-1-1201')).status).toBe('subscribed')
    })

    it('counts a signing in the local month: 23:59:59.999 on 12-31 is December, 00:00 on 01-01 is January', async () => {
      await h.say('mgr', '批准 D1')
      await h.say('lj1', '认购 D1 1650000')
      await h.say('mgr', '批准 S1')
      h.clock.set('2026-12-31T23:59:59.999+08:00')
      expect(await h.say('sec', '签约 S1')).toMatch(/计入 2026-12 业绩（R4）。证据 A\d+$/)
      await h.say('lj1', '定金 1-1-B101 13812345678 大定')
      await h.say('mgr', '批准 D2')
      await h.say('lj1', '认购 D2 190000')
      await h.say('mgr', '批准 S2')
      h.clock.set('2027-01-01T00:00:00.000+08:00')
      expect(await h.say('sec', '签约 S2')).toMatch(
        literal(
          '签约成功 C2：房源 1-1-B101（S2，链家）成交价 ¥190,000.00，地下室，不计业绩套数（R4）；计入 2027-01 业绩（R4）。证据 A\\d+',
        ),
      )
      const rows = await h.store.db.contract.findMany({ orderBy: { id: 'asc' } })
      expect(rows.map((r) => [r.localMonth, r.basement])).toEqual([
        ['2026-12', false],
        ['2027-01', true],
      ])
      // the customer stays locked by the earlier contract
      expect((await customer('13812345678')).dealCode).toBe('C1')
    })
  })
})
