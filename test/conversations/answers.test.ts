import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileCustomer } from '../../src/app/file-customer.ts'
import { seedDemo } from '../../src/chat/demo.ts'
import { errorText } from '../../src/chat/reply/errors.ts'
import { pushed, runJob, schedulerFor } from '../scheduler/support.ts'
import { chatHarness, GROUP, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { phone } from '../support/phone.ts'

/** Audit codes depend on how many entries set-up wrote; the replies are compared with them as `A#`. */
const codes = (text: string) => text.replace(/A\d+/g, 'A#')

// Issue 11's wrong answers, each as a person meets it.
describe.each(databaseKinds())('answers that used to be wrong (%s)', (kind) => {
  let h: Harness
  const unit = (code: string) => h.store.db.unit.findFirstOrThrow({ where: { code } })
  const deposit = (id: number) => h.store.db.deposit.findUniqueOrThrow({ where: { id } })

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('lj1', '报备 张三 13812345678')
  })
  afterEach(() => h.close())

  describe('a pending 认购 keeps the unit held until the manager decides it', () => {
    beforeEach(async () => {
      await h.say('lj1', '定金 3-1-1201 13812345678 小定') // D1, held until 12-04 00:00
      await h.say('mgr', '批准 D1')
      expect(await h.say('lj1', '认购 D1 1650000')).toMatch(/^认购 S1 已提交/)
    })

    it('announces the hold’s end as waiting for the decision, once; 批准 S1 then subscribes the unit', async () => {
      const s = schedulerFor(h)
      h.clock.set('2026-12-03T23:59:59.999+08:00')
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 1 })
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
      expect(await pushed(h, '保留期到】')).toEqual([
        'group:g1 【保留期到】房源 3-1-1201 的定金 D1 保留期已于 12-04 00:00 结束；认购 S1 待现场经理审批，审批前房源继续保留（R21）。请现场经理 批准 S1 或 驳回 S1 <原因>。',
      ])
      expect(await pushed(h, '自动开封】')).toEqual([])
      expect([(await unit('3-1-1201')).status, (await deposit(1)).status]).toEqual(['held', 'awaiting'])
      expect((await h.say('wa1', '销控')).split('\n')[0]).toBe(
        '销控（2026-12-04 00:00）共 1 套：可售 0 · 已定 1 · 已认购 0 · 已签约 0 · 锁定 0',
      )
      // it still waits on the manager's desk
      expect(await h.say('mgr', '待审批')).toContain(
        '1. 认购 S1：房源 3-1-1201，链家，总价 ¥1,650,000.00，2026-12-01 15:40 提交；审批前房源继续保留（定金保留期至 12-03）',
      )
      // the customer stays locked to the deal: another agency's filing is a collision
      expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(/^报备未成功：该客户已有定金\/认购\/签约/)
      h.clock.set('2026-12-06T10:00:00+08:00')
      expect(codes(await h.say('mgr', '批准 S1'))).toBe(
        '已批准认购 S1（房源 3-1-1201，¥1,650,000.00）：房源已认购，不再自动开封（R21）。签约：签约 S1。证据 A#',
      )
      expect([(await unit('3-1-1201')).status, (await deposit(1)).status]).toEqual(['subscribed', 'subscribed'])
    })

    it('驳回 after the hold’s end releases the unit at once and says so', async () => {
      const s = schedulerFor(h)
      h.clock.set('2026-12-04T00:00:00.000+08:00')
      await runJob(s, h, 'hold-ends')
      h.clock.set('2026-12-04T10:00:00+08:00')
      expect(codes(await h.say('mgr', '驳回 S1 价格有误'))).toBe(
        '已驳回认购 S1（价格有误）。定金 D1 的保留期已于 2026-12-04 00:00 结束，房源 3-1-1201 自动开封，重新可售（R14）。证据 A#',
      )
      expect([(await unit('3-1-1201')).status, (await deposit(1)).status]).toEqual(['available', 'released'])
      expect(await pushed(h, '自动开封】')).toEqual([
        'group:g1 【自动开封】房源 3-1-1201 的定金 D1 保留期已于 12-04 00:00 结束，未认购，房源自动开封，重新可售（R14）。',
      ])
      expect(await runJob(s, h, 'hold-ends')).toMatchObject({ applied: 0 })
    })

    it('sends no “ends tonight” reminder for a hold its pending 认购 keeps, nor lists it in the brief', async () => {
      const s = schedulerFor(h)
      h.clock.set('2026-12-03T09:00:00+08:00')
      expect(await runJob(s, h, 'hold-reminders')).toMatchObject({ sent: 0 })
      expect(await runJob(s, h, 'daily-brief')).toMatchObject({ sent: 1 })
      const briefs = (await pushed(h, '待审批：')).filter((m) => m.startsWith('direct:mgr '))
      expect(briefs).toHaveLength(1)
      const brief = briefs[0] as string
      expect(brief).not.toMatch(/3-1-1201 D1/)
      expect(brief).toMatch(/待审批：1 项，最早 S1/)
    })
  })

  it('签约 S1 a second time says when and by which contract it was signed', async () => {
    await h.say('lj1', '定金 3-1-1201 13812345678 大定')
    await h.say('mgr', '批准 D1')
    await h.say('lj1', '认购 D1 1650000')
    await h.say('mgr', '批准 S1')
    h.clock.set('2026-12-05T16:00:00+08:00')
    expect(await h.say('sec', '签约 S1')).toMatch(/^签约成功 C1/)
    h.clock.set('2026-12-06T09:00:00+08:00')
    expect(await h.say('sec', '签约 S1')).toBe('认购 S1 已于 2026-12-05 16:00 签约（合同 C1），无需重复签约。')
    expect(await h.store.db.contract.count()).toBe(1)
  })

  it('tells an agent whose qualification the 3rd 态度 cancelled why, by which fine', async () => {
    h.clock.set('2026-12-03T10:00:00+08:00')
    await h.say('mgr', '罚款 李四 态度')
    await h.say('mgr', '罚款 李四 态度')
    expect(await h.say('mgr', '罚款 李四 态度')).toMatch(/^已开罚款 P3/)
    h.clock.set('2026-12-04T09:00:00+08:00')
    const why =
      '你的销售资格已于 12-03 取消（P3 态度第3次，R7），不能再使用本案场的命令。如有异议请联系现场经理；恢复资格由管理员办理。'
    expect(await h.say('lj1', '签到')).toBe(why)
    expect(await h.say('lj1', '我的客户', 'direct')).toBe(why)
    // a later reversal of an earlier fine does not rewrite the record that ended the qualification
    await h.say('mgr', '冲正 P1 客户投诉不实')
    expect(await h.say('lj1', '签到')).toBe(why)
    // someone who never joined still gets the join hint
    expect(await h.say('nobody', '签到')).toBe(
      '你还不是本案场的工作人员。请向管理员索取加入码，然后私聊机器人发送：/加入 <加入码>',
    )
  })

  it('tells an agent of an agency dismissed for 捣乱 why, by which fine', async () => {
    h.clock.set('2026-12-03T10:00:00+08:00')
    const asked = await h.say('mgr', '罚款 链家 捣乱')
    const code = /确认 (Q\d+)/.exec(asked)?.[1]
    expect(await h.say('mgr', `确认 ${code}`)).toMatch(/^已确认 Q\d+。已开罚款 P1/)
    expect(await h.say('lj1', '报备 王五 13912345678')).toBe(
      '你所在的分销“链家”已于 12-03 劝退（P1 捣乱罚款，R13），你的销售资格随之终止。分销恢复在场后由管理员重新启用。',
    )
    expect(await h.store.db.filing.count()).toBe(1)
  })

  it('refuses a deposit on a unit the secretary locked under R18, the rule that locked it', async () => {
    await h.say('sec', '/unit lock 3-1-1201')
    expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定')).toBe(
      '房源 3-1-1201 已被秘书锁定，不能交定金（R18 销控以现场秘书为主）。发送“销控”查看可售房源。',
    )
  })

  it('counts a reversal apart from the fines in the statement', async () => {
    await h.say('mgr', '罚款 链家 大厅')
    await h.say('mgr', '罚款 链家 水杯')
    await h.say('mgr', '冲正 P1 误罚')
    expect(await h.say('mgr', '佣金 链家')).toContain(
      '罚款 2 笔、冲正 1 笔，合计 ¥50.00：\n· P1 大厅 R16 ¥200.00（12-01）\n· P2 水杯 R16 ¥50.00（12-01）\n· P3 冲正 P1 -¥200.00（12-01）',
    )
  })

  it('names a walk-in with no name once: 来访客户 and the masked number', async () => {
    await h.say('lj1', '签到')
    expect(await h.say('sec', '来访 13912345678')).toMatch(/分配给 链家/)
    expect((await h.outbox()).map((m) => m.text).filter((t) => t.startsWith('【来访分配】'))).toEqual([
      '【来访分配】来访客户 139****5678 分配给 链家，按轮排分配（R3），已报备 F2。请该分销销售接待。',
    ])
  })

  it('names an agency that cannot take a filing by its name, never its id', async () => {
    await h.say('mgr', '劝退 我爱我家 多次违规')
    await h.say('mgr', '确认 Q1')
    const wa = await h.store.db.agency.findFirstOrThrow({ where: { name: '我爱我家' } })
    const project = (await h.store.transaction((tx) => tx.projects.list()))[0]
    if (!project) throw new Error('no project')
    const refused = await h.store.transaction((tx) =>
      fileCustomer(
        tx,
        {
          project,
          actor: {
            identity: 'console:sec',
            staffId: null,
            name: '王秘书',
            role: 'secretary',
            agencyId: null,
            agencyName: null,
            status: 'active',
          },
          now: h.clock.now(),
          source: 'test',
          notify: () => {},
        },
        { agencyId: wa.id, name: '王五', phone: phone('13912345678'), note: null },
      ),
    )
    if (refused.ok) throw new Error('filed for a dismissed agency')
    expect(errorText(refused.error, { tz: 'Asia/Shanghai', group: true, settings: project.settings })).toBe(
      '分销“我爱我家”已于 2026-12-01 15:40 劝退，不在场。发送 /分销 列表 查看在场分销。',
    )
  })

  it('stores notes, reasons and announcements exactly as typed; only command words and arguments are folded', async () => {
    await h.say('mgr', '罚款　李四　态度　秘书未接待（第一次），“已提醒”')
    expect((await h.store.db.fine.findFirstOrThrow()).note).toBe('秘书未接待（第一次），“已提醒”')
    await h.say('mgr', '冲正 P1 客户投诉不实（已核实）！')
    expect((await h.store.db.fine.findUniqueOrThrow({ where: { id: 2 } })).note).toBe('客户投诉不实（已核实）！')
    await h.say('wa1', '报备 王五 13912345678 看三居（南向）；周末再来')
    expect((await h.store.db.filing.findFirstOrThrow({ where: { id: 2 } })).note).toBe('看三居（南向）；周末再来')
    await h.say('lj1', '定金 3-1-1201 13812345678 小定')
    expect(codes(await h.say('mgr', '驳回 D1 金额不对，请重交。'))).toMatch(/^已驳回定金 D1（金额不对，请重交。）/)
    expect((await deposit(1)).reason).toBe('金额不对，请重交。')
  })
  it('takes basement and parking codes: B1-017, 地下室-12, 车位-A-001; the basement flag stays explicit', async () => {
    expect(codes(await h.say('sec', '/unit add B1-017 12 150000 140000 地下室'))).toBe(
      '已添加房源 B1-017：面积 12㎡，总价 ¥150,000.00，地下室（不计业绩套数，R4），可售。证据 A#',
    )
    expect(codes(await h.say('sec', '/unit add 车位-Ａ-001 12 150000 140000'))).toBe(
      '已添加房源 车位-A-001：面积 12㎡，总价 ¥150,000.00，可售。证据 A#',
    )
    expect(codes(await h.say('sec', '/unit add 地下室-12 30 300000 280000 地下室'))).toMatch(/^已添加房源 地下室-12：/)
    expect([(await unit('B1-017')).basement, (await unit('车位-A-001')).basement]).toEqual([true, false])
    expect(await h.say('lj1', '房源 b1-017')).toBe(
      '房源 B1-017：可售\n面积 12㎡，总价 ¥150,000.00，地下室（不计业绩套数，R4）',
    )
    expect(await h.say('lj1', '定金 B1-017 13812345678 小定')).toMatch(/^定金 D1 已登记：房源 B1-017/)
    expect(await h.say('sec', '/unit add 3-1-12-01-5 12 150000 140000')).toBe(
      '房号“3-1-12-01-5”无效。房号由 1–4 段字母、数字或汉字以“-”连接，最多 20 个字符，例如 3-1-1201、B1-017、地下室-12、车位-A-001。',
    )
  })
})

describe.each(databaseKinds())('projects: /group bind, /project use and the demo (%s)', (kind) => {
  let h: Harness
  const inGroup = async (who: string, text: string, group: string) =>
    (await h.send({ ...h.message(who, text), chat: { kind: 'group', id: group } })).replies[0] ?? ''
  const agenciesOf = async (project: string) => {
    const p = await h.store.db.project.findUniqueOrThrow({ where: { name: project } })
    return (await h.store.db.agency.findMany({ where: { projectId: p.id }, orderBy: { id: 'asc' } })).map((a) => a.name)
  }

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T10:00:00+08:00')
    // what the first start does with ANCHANG_PROJECT: one project, no group yet
    await h.store.transaction((tx) => tx.projects.create('案场', 'Asia/Shanghai', h.clock.now()))
  })
  afterEach(() => h.close())

  it('binds the only project with no name; with a name binds or creates that one; direct chat then asks which', async () => {
    expect(codes(await h.say('admin', '/group bind'))).toBe(
      '本群已绑定项目“案场”（本部署唯一的项目）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A#',
    )
    expect(await h.say('admin', '/agency add 链家', 'direct')).toMatch(/^已添加分销“链家”/)
    expect(codes(await inGroup('admin', '/group bind 香公馆', 'g2'))).toBe(
      '本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。本部署现有 2 个项目，管理员私聊命令请先发送 /项目 使用 <名称>。证据 A#',
    )
    expect(codes(await inGroup('admin', '/group bind 案场', 'g3'))).toBe(
      '本群已绑定项目“案场”。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A#',
    )
    expect(await inGroup('admin', '/group bind', 'g4')).toBe(
      '本部署有 2 个项目：案场、香公馆。请指明项目：/群 绑定 <项目名称>',
    )
    expect(await h.store.db.groupBinding.count()).toBe(3)
    const before = await h.store.db.agency.count()
    expect(await h.say('admin', '/agency add 麦田', 'direct')).toBe(
      '本部署有 2 个项目：案场、香公馆。请指明项目：/项目 使用 <项目名称>',
    )
    expect(await h.store.db.agency.count()).toBe(before)
    expect(await h.say('admin', '/project use 香公馆')).toBe('此命令请私聊机器人使用。')
    expect(await h.say('admin', '/project use 翠苑', 'direct')).toBe('找不到项目“翠苑”。发送 /项目 查看所有项目。')
    expect(codes(await h.say('admin', '/project use 香公馆', 'direct'))).toBe(
      '已选择项目“香公馆”：之后你私聊机器人的命令都作用于该项目。证据 A#',
    )
    expect(await h.say('admin', '/project', 'direct')).toBe(
      '项目：案场、香公馆（当前：香公馆）。选择私聊命令作用的项目：/项目 使用 <名称>',
    )
    expect(await h.say('admin', '/agency add 麦田', 'direct')).toMatch(/^已添加分销“麦田”/)
    expect([await agenciesOf('案场'), await agenciesOf('香公馆')]).toEqual([['链家'], ['麦田']])
  })

  it('the demo creates everything in the project of the group it is pressed for', async () => {
    await h.say('admin', '/group bind 香公馆')
    await seedDemo(h.deps, GROUP, async () => [])
    expect(await agenciesOf('香公馆')).toEqual(['链家', '我爱我家', '麦田'])
    expect(await agenciesOf('案场')).toEqual([])
    const units = await h.store.db.unit.findMany({ orderBy: { id: 'asc' } })
    expect(units.map((u) => [u.code, u.basement])).toEqual([
      ['3-1-1201', false],
      ['3-1-1202', false],
      ['5-2-0801', false],
      ['B1-017', true],
    ])
    expect(await h.say('lj1', '签到')).toMatch(/^李四（链家）签到成功/)
  })
})
