import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('报备 and collisions (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('files a free customer for 15 days counting today as day 1', async () => {
    expect(await h.say('lj1', '报备 张三 13812345678 看三居')).toMatch(
      /^报备成功 F1：张三 138\*\*\*\*5678 归 链家，保护期至 12-15（12-16 00:00 失效）。R12 报备保护。证据 A\d+$/,
    )
  })

  it('refuses a second agency inside protection and tells the secretary and manager (R12 先到访者)', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    h.clock.set('2026-12-15T23:59:59.999+08:00')
    const reply = await h.say('wa1', '报备 张三丰 138-1234-5678')
    expect(reply).toMatch(
      /^报备未成功：该客户在其他分销的保护期内，保护期至 12-15（R12 先到访者：撞单归第一到访者）。证据 A\d+$/,
    )
    expect(reply).not.toContain('链家')
    const pushed = (await h.outbox()).filter((m) => m.text.startsWith('【撞单】'))
    expect(pushed.map((m) => m.targetId).sort()).toEqual(['mgr', 'sec'])
    expect(pushed[0]?.text).toContain('原分销：链家（F1）')
    expect(pushed[0]?.text).toContain('13812345678')
  })

  it('gives the customer to the next filer at the first instant after protection (R12 15天后归新约访者)', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    h.clock.set('2026-12-16T00:00:00.000+08:00')
    expect(await h.say('wa1', '报备 张三 +86 138 1234 5678')).toMatch(
      /^报备成功 F2：张三 138\*\*\*\*5678 归 我爱我家，保护期至 12-30（12-31 00:00 失效）。原保护期已于 2026-12-16 00:00 结束，客户归新报备方（R12 15天后归新约访者）。证据 A\d+$/,
    )
  })

  it('does not renew on a second 报备 by the same agency; a visit renews from its day', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    h.clock.set('2026-12-10T10:00:00+08:00')
    expect(await h.say('lj1', '报备 张三 13812345678')).toBe(
      '该客户 张三 138****5678 已由本分销报备（F1），保护期至 12-15。再次报备不会延长保护期；客户到访时请秘书登记“到访 <手机号>”续期（R12）。',
    )
    expect(await h.say('sec', '到访 13812345678')).toMatch(
      /^到访已登记：张三 138\*\*\*\*5678（链家）保护期由 12-15 续至 12-24（R12）。证据 A\d+$/,
    )
  })

  it('refuses a malformed phone number with an example, and changes nothing', async () => {
    const before = await h.store.db.customer.count()
    expect(await h.say('lj1', '报备 张三 1381234567')).toBe(
      '手机号“1381234567”无效。请填写以1开头的11位大陆手机号（可带 +86、空格或短横线）。',
    )
    expect(await h.say('lj1', '报备 13812345678')).toBe(
      '用法：报备 <姓名> <手机号> [备注]（秘书：报备 <分销名称> <姓名> <手机号> [备注]）\n例如：报备 张三 13800000000 看三居',
    )
    expect(await h.store.db.customer.count()).toBe(before)
  })

  it('shows others only "protected until", never who', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    expect(await h.say('wa1', '查客户 13812345678', 'direct')).toBe('13812345678：受保护至 12-15。')
    // in the group the same words whoever asks (the owner's agent too), the asker's own answer directly
    expect(await h.say('wa1', '查客户 13812345678')).toBe('138****5678：受保护至 12-15。（详情已私信发给你）')
    expect(await h.say('lj1', '查客户 13812345678', 'direct')).toBe(
      '张三 13812345678\n分销：链家（F1），报备于 2026-12-01 15:40\n保护期至 12-15（12-16 00:00 失效）',
    )
  })

  it('runs a redelivered message once', async () => {
    const msg = h.message('lj1', '报备 张三 13812345678', 'group', 'same-event')
    expect((await h.send(msg)).receipt.kind).toBe('handled')
    expect((await h.send(msg)).receipt.kind).toBe('duplicate')
    expect(await h.store.db.filing.count()).toBe(1)
  })

  it('locks a customer to the deal while a hold lives, and frees them the instant it ends, sweep or not (rule 5)', async () => {
    await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('lj1', '报备 张三 13812345678')
    h.clock.set('2026-12-14T10:00:00+08:00')
    expect(await h.say('lj1', '定金 3-1-1201 13812345678 小定')).toMatch(/^定金 D1 已登记/)
    h.clock.set('2026-12-16T23:59:59.999+08:00')
    expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(
      /^报备未成功：该客户已有定金\/认购\/签约，锁定在其成交分销名下（R13/,
    )
    h.clock.set('2026-12-17T00:00:00.000+08:00')
    expect(await h.say('wa1', '报备 张三 13812345678')).toMatch(/^报备成功 F2：张三 138\*\*\*\*5678 归 我爱我家/)
  })
})
