import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, join, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('签到 and the walk-in rotation (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await h.say('admin', '/agency add 麦田')
    await join(h, 'mt1', '/staff add 孙六 agent 麦田')
  })
  afterEach(() => h.close())

  it('checks in once per local day; the day turns at 00:00 Asia/Shanghai', async () => {
    expect(await h.say('lj1', '签到')).toMatch(/^李四（链家）签到成功：12-01。证据 A\d+$/)
    h.clock.set('2026-12-01T23:59:59.999+08:00')
    expect(await h.say('lj1', '签到')).toBe('李四今天（12-01）已经签到过了。')
    h.clock.set('2026-12-02T00:00:00.000+08:00')
    expect(await h.say('lj1', '签到')).toMatch(/^李四（链家）签到成功：12-02。证据 A\d+$/)
  })

  it('refuses 签到 to the secretary with who may use it', async () => {
    expect(await h.say('sec', '签到')).toBe('无权使用此命令：仅限分销销售、管理员。')
  })

  it('deals walk-ins by agency in turn, skipping agencies nobody checked in for, and files the lead', async () => {
    await h.say('lj1', '签到')
    await h.say('mt1', '签到')
    expect(await h.say('sec', '来访')).toMatch(/^来访：客户 按轮排（R3）分配给 链家。证据 A\d+$/)
    expect(await h.say('sec', '来访 王先生 13912345678')).toMatch(
      /^来访：王先生 139\*\*\*\*5678 按轮排（R3）分配给 麦田；轮空：我爱我家（今日无人签到），已报备 F1。证据 A\d+$/,
    )
    expect(await h.say('sec', '来电')).toMatch(/^来电：客户 按轮排（R3）分配给 链家。证据 A\d+$/)
    expect(await h.say('sec', '轮排')).toBe(
      [
        '轮排（12-01）下一位：麦田',
        '顺序：我爱我家（未签到） → 麦田 → 链家',
        '链家：分配 2，轮空 0',
        '我爱我家：分配 0，轮空 1（今日无人签到）',
        '麦田：分配 1，轮空 0',
      ].join('\n'),
    )
    const pushed = (await h.outbox()).filter((m) => m.text.startsWith('【来访分配】'))
    expect(pushed.map((m) => m.text)).toContain(
      '【来访分配】来访客户（王先生 139****5678）分配给 麦田，按轮排分配（R3），已报备 F1。请该分销销售接待。',
    )
  })

  it('sends a protected visitor to the owning agency without using a turn', async () => {
    await h.say('lj1', '签到')
    await h.say('wa1', '签到')
    await h.say('wa1', '报备 王先生 13912345678')
    expect(await h.say('sec', '来访 王先生 13912345678')).toMatch(
      /^来访：王先生 139\*\*\*\*5678 该客户在 我爱我家 保护期内，归原分销，不占轮次，已报备 F1。证据 A\d+$/,
    )
    expect(await h.say('sec', '来访')).toMatch(/分配给 链家。/)
  })

  it('says nobody can take a lead when no agent has checked in', async () => {
    expect(await h.say('sec', '来访')).toBe('3 家分销今天都还没有销售签到，无法按轮排分配（R3）。请销售先发送“签到”。')
  })
})
