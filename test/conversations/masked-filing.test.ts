import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FULL_MOBILE } from '../../src/domain/phone.ts'
import { pushed, runJob, schedulerFor } from '../scheduler/support.ts'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('隐号报备 decision table (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    expect(await h.say(ADMIN, '/设置 修改 隐号报备 开', 'direct')).toMatch(/^已修改 隐号报备：关 → 开。/)
  })
  afterEach(() => h.close())

  it('is refused while the setting is off, and a malformed mask says how to write one', async () => {
    await h.say(ADMIN, '/设置 修改 隐号报备 关', 'direct')
    expect(await h.say('lj1', '报备 张三 138****5678')).toBe(
      '本项目未开启隐号报备，请填写完整手机号：报备 <姓名> <手机号>。开启由管理员设置：/设置 修改 隐号报备 开',
    )
    await h.say(ADMIN, '/设置 修改 隐号报备 开', 'direct')
    expect(await h.say('lj1', '报备 张三 138***5678')).toBe(
      '隐号“138***5678”无效。隐号报备请写手机号前三位和后四位，中间四位用 * 代替，例如：报备 张三 138****5678',
    )
    expect(await h.store.db.maskedFiling.count()).toBe(0)
  })

  it('/设置 lists the switch and the two day counts in their units, and refuses a value that is not 开 or 关', async () => {
    const list = await h.say(ADMIN, '/设置', 'direct')
    expect(list).toContain(
      '\n隐号报备 开（开或关）\n隐号报备有效天数 3天（1–365天）\n结佣逾期提醒天数 30天（1–3650天）\n',
    )
    expect(await h.say(ADMIN, '/设置 修改 隐号报备 也许', 'direct')).toBe(
      '“也许”不是“隐号报备”可用的值：请写“开”或“关”，例如 /设置 修改 隐号报备 关',
    )
    expect(await h.say(ADMIN, '/设置 隐号报备有效天数 0', 'direct')).toMatch(
      /^“0”不是“隐号报备有效天数”可用的值：请写1–365天的整数天数/,
    )
    expect(await h.say(ADMIN, '/设置 隐号报备有效天数 5', 'direct')).toMatch(/^已修改 隐号报备有效天数：3天 → 5天。/)
    expect(await h.say(ADMIN, '/config set maskedFiling off', 'direct')).toMatch(/^已修改 隐号报备：开 → 关。/)
    expect(await h.say('lj1', '报备 张三 138****5678')).toMatch(/^本项目未开启隐号报备/)
  })

  it('help of 报备 and 到访 names the masked form only while the setting is on', async () => {
    expect(await h.say('lj1', '帮助 报备', 'direct')).toContain(
      '报备（file）：报备客户，获得15天保护期（R12）；本项目已开启隐号报备：销售可写前三后四位（报备 张三 138****0000），3天内须由秘书登记到访补全，否则失效\n',
    )
    expect(await h.say('sec', '帮助 到访', 'direct')).toContain('；写上姓名可补全隐号报备\n')
    await h.say(ADMIN, '/设置 修改 隐号报备 关', 'direct')
    expect(await h.say('lj1', '帮助 报备', 'direct')).toContain('报备（file）：报备客户，获得15天保护期（R12）\n')
    expect(await h.say('sec', '帮助 到访', 'direct')).toContain('（R12）\n')
  })

  it('row 1: masked, then the visit with the full number completes it from the masked instant', async () => {
    expect(await h.say('lj1', '报备 张三 138****5678 看三居')).toMatch(
      /^隐号报备成功 M1：张三 138\*\*\*\*5678 归 链家，自报备时起受保护（R12）。客户须在 12-03 前到访，由秘书登记“到访 <手机号> <姓名>”补全号码（12-04 00:00 未补全即失效）；补全后保护期至 12-15。证据 A\d+$/,
    )
    h.clock.set('2026-12-03T10:00:00+08:00')
    expect(await h.say('sec', '到访 13812345678 张三', 'direct')).toMatch(
      /^到访已登记，隐号报备 M1 已补全为 F1：张三 13812345678（链家）自 2026-12-01 15:40 报备起受保护，保护期续至 12-17（R12）。证据 A\d+$/,
    )
    // the agency is told with the digits it typed, no more
    const told = await pushed(h, '【隐号补全】')
    expect(told).toEqual([
      expect.stringMatching(
        /^direct:lj1 【隐号补全】链家 的隐号报备 M1（张三 138\*\*\*\*5678）客户已到访，补全为 F1，保护期至 12-17。证据 A\d+$/,
      ),
    ])
    // now an ordinary customer of 链家: another agency collides under R12
    expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-17/,
    )
  })

  it('row 2: masked, then a full filing of a matching number by another agency collides (R12 first filing wins)', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    h.clock.set('2026-12-02T09:00:00+08:00')
    const reply = await h.say('wa1', '报备 张三丰 13812345678')
    expect(reply).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-03（R12 先到访者：撞单归第一到访者）。证据 A\d+$/,
    )
    expect(reply).not.toContain('链家')
    const pushedText = (await h.outbox()).filter((m) => m.text.startsWith('【撞单】') && m.targetId === 'mgr')
    expect(pushedText[0]?.text).toContain('原分销：链家（M1），报备于 2026-12-01 15:40')
    expect(await h.store.db.collision.count()).toBe(1)
    // another surname is another customer: the mask alone does not block it
    expect(await h.say('wa1', '报备 李雷 13812345678')).toMatch(/^报备成功 F1：张三丰 138\*\*\*\*5678 归 我爱我家/)
  })

  it('row 3: full, then a masked filing of that customer by another agency collides; the same agency is no collision', async () => {
    await h.say('wa1', '报备 张三 13812345678')
    const reply = await h.say('lj1', '报备 张先生 138****5678')
    expect(reply).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-15（R12 先到访者：撞单归第一到访者）。证据 A\d+$/,
    )
    expect(FULL_MOBILE.test(reply)).toBe(false)
    expect(await h.say('lj1', '报备 李四 138****5678')).toMatch(/^隐号报备成功 M1：李四 138\*\*\*\*5678 归 链家/)
  })

  it('row 4: two masked filings of one mask and surname — the first wins, the second is told it collided', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    h.clock.set('2026-12-01T16:00:00+08:00')
    const second = await h.say('wa1', '报备 张四 138****5678')
    expect(second).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-03（R12 先到访者：撞单归第一到访者）。证据 A\d+$/,
    )
    expect(await h.say('lj1', '报备 张三 138****5678')).toBe(
      '本分销已隐号报备 M1：张三 138****5678，待客户到访补全（12-04 00:00 前）。无需重复报备。',
    )
    const c = await h.store.db.collision.findFirst()
    expect(c).toMatchObject({ customerId: null, maskedPhone: '138****5678', maskedName: '张四' })
    // the manager's 撞单 lists it with the mask and name the challenger typed
    expect(await h.say('mgr', '撞单', 'direct')).toContain(
      '1. 客户 张四 138****5678\n   原分销：链家，2026-12-01 15:40 起，保护期至 12-03\n   撞单方：我爱我家 周五，2026-12-01 16:00',
    )
    expect(await h.say('sec', '到访 13812345678 张三', 'direct')).toMatch(
      /^到访已登记，隐号报备 M1 已补全为 F1：.*（链家）/,
    )
  })

  it('row 5: lapses at N days — protected at N days − 1 ms, free at N days; the sweep tells the agency once', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    const s = schedulerFor(h)
    h.clock.set('2026-12-03T23:59:59.999+08:00')
    expect((await runJob(s, h, 'masked-lapses')).sent).toBe(0)
    expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-03/,
    )
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    // free at the instant, sweep or not
    expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(/^报备成功 F1：张三 138\*\*\*\*5678 归 我爱我家/)
    expect((await runJob(s, h, 'masked-lapses')).sent).toBe(1)
    expect((await runJob(s, h, 'masked-lapses')).sent).toBe(0)
    expect(await pushed(h, '【隐号失效】')).toEqual([
      'direct:lj1 【隐号失效】链家 的隐号报备 M1（张三 138****5678）未在期限内到访补全，已于 2026-12-04 00:00 失效，不再受保护。',
    ])
    // the visit no longer completes it: the customer is 我爱我家's
    expect(await h.say('sec', '到访 13812345678 张三', 'direct')).toMatch(/^到访已登记：张三 13812345678（我爱我家）/)
  })

  it('row 6: a lapsed mask can be filed again, even before the sweep marked it', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    expect(await h.say('wa1', '报备 张三 138****5678')).toMatch(/^隐号报备成功 M2：张三 138\*\*\*\*5678 归 我爱我家/)
  })

  it('row 7: a wrong surname at the visit does not complete it; no name asks for one', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    expect(await h.say('sec', '到访 13812345678', 'direct')).toBe(
      '该号码与隐号报备相符，补全须核对客户姓氏。请写上客户姓名：到访 <手机号> <姓名>',
    )
    expect(await h.say('sec', '到访 13812345678 王五', 'direct')).toBe(
      '该号码的隐号报备与客户姓氏“王”不符，隐号报备不能补全（姓名或号码有误的报备无效），也没有其他分销保护该客户。请核对姓名后重发：到访 <手机号> <姓名>',
    )
    expect(await h.store.db.filing.count()).toBe(0)
    expect(await h.store.db.maskedFiling.findFirst()).toMatchObject({ status: 'live' })
  })

  it('row 8: the earliest live masked filing wins at the visit when a later full filing got the number', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    h.clock.set('2026-12-02T09:00:00+08:00')
    // filed under another surname, so no collision then; the visit shows it is 张三
    await h.say('wa1', '报备 李雷 13812345678')
    expect(await h.say('sec', '到访 13812345678 张三', 'direct')).toMatch(
      /^到访已登记，隐号报备 M1 已补全为 F2：李雷 13812345678（链家）/,
    )
  })

  it('row 9: a protection by another agency that began before the masked filing keeps the customer at the visit', async () => {
    await h.say('wa1', '报备 王五 13812345678')
    h.clock.set('2026-12-01T16:00:00+08:00')
    expect(await h.say('lj1', '报备 张三 138****5678')).toMatch(/^隐号报备成功 M1/)
    expect(await h.say('sec', '到访 13812345678 张三', 'direct')).toMatch(/^到访已登记：王五 13812345678（我爱我家）/)
    expect(await h.store.db.maskedFiling.findFirst()).toMatchObject({ status: 'live' })
  })

  it('a walk-in (来访) matching a live masked filing is that agency’s, completed, using no turn', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    expect(await h.say('sec', '来访 张三 13812345678')).toMatch(
      /^来访：张三 138\*\*\*\*5678 该客户在 链家 保护期内，归原分销，不占轮次，已报备 F1。证据 A\d+$/,
    )
    expect(await h.store.db.maskedFiling.findFirst()).toMatchObject({ status: 'completed', filingId: 1 })
    expect(await h.store.db.rotationTurn.findMany({ select: { outcome: true } })).toEqual([{ outcome: 'owner' }])
  })

  it('never shows an agent more digits than it typed', async () => {
    await h.say('wa1', '报备 张三 13812345678')
    const texts = [
      await h.say('lj1', '报备 张先生 138****5678'),
      await h.say('lj1', '报备 张先生 138****5678', 'direct'),
      await h.say('lj1', '报备 李四 139****0000', 'direct'),
      await h.say('lj1', '我的客户', 'direct'),
    ]
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    await runJob(schedulerFor(h), h, 'masked-lapses')
    const toAgents = (await h.outbox()).filter((m) => m.targetId === 'lj1').map((m) => m.text)
    for (const t of [...texts, ...toAgents]) expect(FULL_MOBILE.test(t), t).toBe(false)
  })

  it('after completion the agency still reads the mask: 我的客户 and the protection reminder', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    expect(await h.say('lj1', '我的客户', 'direct')).toBe(
      '链家保护期内客户 0 位。\n隐号报备待到访补全 1 位：\n张三 138****5678 M1 2026-12-04 00:00 前须到访',
    )
    await h.say('sec', '到访 13812345678 张三', 'direct')
    expect(await h.say('lj1', '我的客户', 'direct')).toBe('链家保护期内客户 1 位：\n张三 138****5678 至 12-15')
    // the protection reminder 2 days before the end (12-14 09:00)
    h.clock.set('2026-12-14T09:00:00+08:00')
    await runJob(schedulerFor(h), h, 'protection-reminders')
    const reminders = await pushed(h, '【保护期提醒】')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toContain('张三 138****5678')
    expect(FULL_MOBILE.test(reminders[0] as string)).toBe(false)
  })

  it('a full filing by the agency that masked-filed the customer replaces its masked filing', async () => {
    await h.say('lj1', '报备 张三 138****5678')
    expect(await h.say('lj1', '报备 张三 13812345678')).toMatch(
      /^报备成功 F1：张三 138\*\*\*\*5678 归 链家，保护期至 12-15/,
    )
    expect(await h.store.db.maskedFiling.findFirst()).toMatchObject({ status: 'completed', filingId: 1, liveKey: null })
    expect(await h.say('lj1', '我的客户', 'direct')).toBe('链家保护期内客户 1 位：\n张三 13812345678 至 12-15')
  })
})
