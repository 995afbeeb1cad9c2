import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETTING_SPECS, settingValue } from '../../src/app/update-settings.ts'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import type { View } from '../../src/chat/reply/format.ts'
import { yuan } from '../../src/chat/reply/format.ts'
import { settingLabel, settingValueText } from '../../src/chat/reply/settings.ts'
import { COMMAND_TEXTS, ERRORS, helpText, NOTICES } from '../../src/chat/reply/zh-CN.ts'
import { DEFAULT_SETTINGS, type RuleSettings } from '../../src/domain/settings.ts'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { sample } from '../support/samples.ts'

/** Every setting away from the seed's value, each to a value no default shares. */
const CHANGES: Record<string, string> = {
  保护期天数: '23',
  保护期提前提醒天数: '4',
  分销上限: '17',
  每家分销销售上限: '5',
  未签到自动放弃天数: '6',
  大定金额: '12345',
  大定封房天数: '9',
  小定金额: '1234',
  小定封房天数: '5',
  封房到期提醒时间: '8:10',
  保护期到期提醒时间: '8:20',
  佣金费率: '1.75%',
  未达标佣金费率: '1.25%',
  月度任务套数: '4',
  连续未达标劝退月数: '3',
  加入码有效小时数: '48',
  每日简报时间: '7:45',
  确认时限分钟数: '25',
  待审批紧急小时数: '36',
  态度罚款取消资格次数: '4',
  派单罚款劝退次数: '3',
  谈判桌警告次数: '2',
  单笔罚款数量上限: '500',
  培训罚款: '111',
  不配合罚款: '333',
  态度罚款: '222',
  抢客罚款: '121',
  派单罚款: '1111',
  捣乱罚款: '11111',
  大厅罚款: '212',
  水杯罚款: '55',
  谈判桌罚款: '66',
  工服罚款: '233',
  复印罚款: '0.3',
  隐号报备: '开',
  隐号报备有效天数: '11',
  结佣逾期提醒天数: '45',
}

/** The ways a default value could show in a text: in its unit (15天, 1.6%, 10,000元, 2套) and as ¥ with cents. */
function defaultMarkers(): { label: string; marker: RegExp }[] {
  const out: { label: string; marker: RegExp }[] = []
  const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  for (const spec of SETTING_SPECS) {
    const v = settingValue(DEFAULT_SETTINGS, spec.key)
    // A time of day (09:00) reads like any timestamp or schedule example; no text names the reminder times. A switch's
    // 开/关 is any sentence's word.
    if (v === null || spec.unit === 'clock' || spec.unit === 'switch') continue
    const forms = [settingValueText(spec.unit, v)]
    if (spec.unit === 'yuan') forms.push(yuan(v))
    if (spec.unit === 'days') forms.push(`${v} 天`)
    for (const f of forms) out.push({ label: settingLabel(spec.key), marker: new RegExp(`(?<![\\d.,:])${literal(f)}`) })
  }
  return out
}

const MARKERS = defaultMarkers()
const defaultsIn = (text: string) => MARKERS.filter((m) => m.marker.test(text)).map((m) => `${m.label} ${m.marker}`)

/** The settings CHANGES describes, made directly (the conversation half makes them through /设置 修改). */
function changedSettings(): RuleSettings {
  const s = structuredClone(DEFAULT_SETTINGS)
  s.protectionDays = 23
  s.protectionReminderDays = 4
  s.maxAgencies = 17
  s.maxAgentsPerAgency = 5
  s.forfeitAfterDays = 6
  s.deposits = { big: { amountFen: 1_234_500, holdDays: 9 }, small: { amountFen: 123_400, holdDays: 5 } }
  s.holdReminderTime = { hour: 8, minute: 10 }
  s.protectionReminderTime = { hour: 8, minute: 20 }
  s.commission = { fullRateBp: 175, reducedRateBp: 125, monthlyTarget: 4, dismissAfterMonthsUnder: 3 }
  s.joinCodeHours = 48
  s.dailyBriefTime = { hour: 7, minute: 45 }
  s.confirmMinutes = 25
  s.approvalUrgentHours = 36
  s.fines = {
    unitFen: {
      培训: 11_100,
      不配合: 33_300,
      态度: 22_200,
      抢客: 12_100,
      派单: 111_100,
      捣乱: 1_111_100,
      大厅: 21_200,
      水杯: 5_500,
      谈判桌: 6_600,
      工服: 23_300,
      复印: 30,
    },
    rudeEscalateAt: 4,
    flyerEscalateAt: 3,
    tableWarnings: 2,
    maxQuantity: 500,
  }
  s.maskedFiling = true
  s.maskedLapseDays = 11
  s.settlementOverdueDays = 45
  return s
}

describe('no text shows a default once every setting is changed', () => {
  it('the markers would catch a default (the test can fail)', () => {
    expect(defaultsIn('报备客户，获得15天保护期（R12）')).toEqual(['保护期天数 /(?<![\\d.,:])15天/'])
    expect(defaultsIn('费率 1.6%')).toHaveLength(1)
    expect(defaultsIn('大定 ¥10,000.00')).toEqual([
      '大定金额 /(?<![\\d.,:])¥10,000\\.00/',
      '捣乱罚款 /(?<![\\d.,:])¥10,000\\.00/',
    ])
    expect(defaultsIn('保护期至 12-15（12-16 00:00 失效），共 115天')).toEqual([])
  })

  it('CHANGES covers every setting', () => {
    expect(Object.keys(CHANGES).sort()).toEqual(SETTING_SPECS.map((s) => settingLabel(s.key)).sort())
  })

  it('renders every catalog entry with sample data from the changed settings, help included', () => {
    const settings = changedSettings()
    for (const spec of SETTING_SPECS) {
      expect(settingValue(settings, spec.key), spec.key).not.toBe(settingValue(DEFAULT_SETTINGS, spec.key))
    }
    const at = new Date('2026-12-01T07:40:00Z')
    const found: string[] = []
    for (const group of [false, true]) {
      const v: View = { tz: 'Asia/Shanghai', group, settings }
      const render = (name: string, r: unknown, base: Record<string, unknown>) => {
        const out = (r as (e: unknown, v: View) => string)(sample(base, '13912345678', '某某', at), v)
        for (const d of defaultsIn(out)) found.push(`${name}: ${d} in ${out}`)
      }
      for (const [code, r] of Object.entries(ERRORS)) render(code, r, { code })
      for (const [kind, r] of Object.entries(NOTICES)) render(kind, r, { kind })
    }
    for (const [id, t] of Object.entries(COMMAND_TEXTS)) {
      for (const d of defaultsIn(`${t.summary(settings)}\n${t.usage}`)) found.push(`${id}: ${d}`)
    }
    for (const kind of ['short', 'full'] as const) {
      const out = helpText({ kind, items: COMMANDS }, settings)
      for (const d of defaultsIn(out)) found.push(`帮助 ${kind}: ${d}`)
    }
    for (const item of COMMANDS) {
      const out = helpText({ kind: 'one', item, allowed: true }, settings)
      for (const d of defaultsIn(out)) found.push(`帮助 ${item.names[0]}: ${d}`)
    }
    expect(found).toEqual([])
  })
})

describe.each(databaseKinds())('through the chat, after /设置 修改 of every setting (%s)', (kind) => {
  let h: Harness
  beforeAll(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    for (const [label, value] of Object.entries(CHANGES)) {
      const reply = await h.say(ADMIN, `/设置 修改 ${label} ${value}`)
      if (!reply.startsWith('已修改')) throw new Error(`${label}: ${reply}`)
    }
  })
  afterAll(() => h.close())

  it('help, refusals and replies show the changed numbers, never a default', async () => {
    const before = (await h.outbox()).length
    for (const who of [ADMIN, 'mgr', 'sec', 'lj1']) {
      await h.say(who, '帮助')
      await h.say(who, '帮助 全部')
    }
    for (const c of COMMANDS) await h.say(ADMIN, `帮助 ${c.names[0]}`)
    await h.say('sec', '/房源 添加 3-1-1201 89.5 1680000 1600000')
    await h.say('lj1', '签到')
    await h.say('lj1', '报备 张三 13812345678')
    await h.say('lj1', '定金 3-1-1201 13812345678 大定')
    await h.say('mgr', '罚款 链家 谈判桌')
    await h.say('lj1', '报备 李四 139****5678')
    await h.say('sec', '到访 13912345678 李四')
    await h.say('lj1', '结佣 查询')
    await h.say('mgr', '结佣 链家 2026-11 100')
    await h.say(ADMIN, '/设置 修改 保护期天数 0')
    const texts = (await h.outbox()).slice(before).map((m) => m.text)
    expect(texts.join('\n')).toContain('获得23天保护期')
    expect(texts.join('\n')).toContain('大定 12,345元 保留9天')
    expect(texts.join('\n')).toContain('11天内须由秘书登记到访补全')
    expect(texts.join('\n')).toContain('隐号报备成功 M1')
    expect(texts.join('\n')).toContain('月结45天后仍未付清')
    expect(texts.filter((t) => defaultsIn(t).length > 0).map((t) => `${defaultsIn(t)}: ${t}`)).toEqual([])
  })
})
