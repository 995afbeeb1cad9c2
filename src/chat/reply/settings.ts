import {
  SETTING_SPECS,
  type SettingKey,
  type SettingSpec,
  type SettingUnit,
  settingValue,
} from '../../app/update-settings.ts'
import type { DomainError } from '../../domain/errors.ts'
import type { FineCode } from '../../domain/fines.ts'
import { percent, type View, wholeYuan } from './format.ts'

/** What a fine's amount is counted per (SPEC.md's table): per time unless said. */
const FINE_PER: Partial<Record<FineCode, string>> = { 派单: '每位客户', 复印: '每张', 工服: '一次' }

const BASE_LABELS: Record<Exclude<SettingKey, `fines.unitFen.${string}`>, string> = {
  protectionDays: '保护期天数',
  protectionReminderDays: '保护期提前提醒天数',
  maxAgencies: '分销上限',
  maxAgentsPerAgency: '每家分销销售上限',
  forfeitAfterDays: '未签到自动放弃天数',
  'deposits.big.amountFen': '大定金额',
  'deposits.big.holdDays': '大定封房天数',
  'deposits.small.amountFen': '小定金额',
  'deposits.small.holdDays': '小定封房天数',
  holdReminderTime: '封房到期提醒时间',
  protectionReminderTime: '保护期到期提醒时间',
  'commission.fullRateBp': '佣金费率',
  'commission.reducedRateBp': '未达标佣金费率',
  'commission.monthlyTarget': '月度任务套数',
  'commission.dismissAfterMonthsUnder': '连续未达标劝退月数',
  joinCodeHours: '加入码有效小时数',
  dailyBriefTime: '每日简报时间',
  confirmMinutes: '确认时限分钟数',
  approvalUrgentHours: '待审批紧急小时数',
  'fines.rudeEscalateAt': '态度罚款取消资格次数',
  'fines.flyerEscalateAt': '派单罚款劝退次数',
  'fines.tableWarnings': '谈判桌警告次数',
  'fines.maxQuantity': '单笔罚款数量上限',
  maskedFiling: '隐号报备',
  maskedLapseDays: '隐号报备有效天数',
  settlementOverdueDays: '结佣逾期提醒天数',
}

/** The Chinese name /config shows and /config set accepts for a setting (an old dotted key shows as itself). */
export function settingLabel(key: string): string {
  const fine = /^fines\.unitFen\.(.+)$/.exec(key)
  if (fine) return `${fine[1]}罚款`
  return (BASE_LABELS as Record<string, string>)[key] ?? key
}

/** The setting a Chinese name names (`保护期天数` → protectionDays), or the key itself when one was typed. */
export function settingKeyOf(word: string): string {
  return SETTING_SPECS.find((s) => settingLabel(s.key) === word)?.key ?? word
}

const UNIT_WORDS: Record<Exclude<SettingUnit, 'yuan' | 'percent' | 'clock' | 'switch'>, string> = {
  days: '天',
  agencies: '家',
  agents: '人',
  units: '套',
  months: '个月',
  hours: '小时',
  minutes: '分钟',
  times: '次',
  quantity: '',
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** A stored value in the unit people use: 15天, 10,000元, 1.6%, 09:00, 开/关; null: 由经理定. */
export function settingValueText(unit: SettingUnit, value: number | null): string {
  if (value === null) return '由经理定'
  if (unit === 'switch') return value === 1 ? '开' : '关'
  if (unit === 'yuan') return wholeYuan(value)
  if (unit === 'percent') return percent(value)
  if (unit === 'clock') return clock(value)
  return `${value}${UNIT_WORDS[unit]}`
}

/** A setting's range as people write it: 1–365天, 0–100%, 00:00–23:59, 0元以上, 开或关. */
export function settingRangeText(spec: SettingSpec): string {
  if (spec.unit === 'switch') return '开或关'
  if (spec.unit === 'yuan')
    return `${settingValueText(spec.unit, spec.min)}以上${spec.nullable ? '，或“由经理定”' : ''}`
  if (spec.unit === 'percent' || spec.unit === 'clock')
    return `${settingValueText(spec.unit, spec.min)}–${settingValueText(spec.unit, spec.max)}`
  return `${spec.min}–${settingValueText(spec.unit, spec.max)}`
}

const FINE_NOTE = (key: string) => {
  const code = /^fines\.unitFen\.(.+)$/.exec(key)?.[1] as FineCode | undefined
  return code && FINE_PER[code] ? `（${FINE_PER[code]}）` : ''
}

/** /config: every setting with its Chinese name, value in its unit, and range. */
export function settingsListText(values: readonly { spec: SettingSpec; value: number | null }[]): string {
  const lines = values.map(
    ({ spec, value }) =>
      `${settingLabel(spec.key)}${FINE_NOTE(spec.key)} ${settingValueText(spec.unit, value)}（${settingRangeText(spec)}）`,
  )
  return [
    '本项目的规则设置（当前值，括号内为可设范围）：',
    ...lines,
    '修改：/设置 修改 <名称> <值>，例如 /设置 修改 保护期天数 20、/设置 修改 佣金费率 1.7%',
  ].join('\n')
}

/** The answer to a change. */
export const settingChangedText = (spec: SettingSpec, before: number | null, after: number | null, auditCode: string) =>
  `已修改 ${settingLabel(spec.key)}：${settingValueText(spec.unit, before)} → ${settingValueText(spec.unit, after)}。从现在起生效，已做出的决定（如已报备客户的保护期）不变。证据 ${auditCode}`

const HOW: Record<SettingUnit, string> = {
  days: '整数天数',
  agencies: '整数家数',
  agents: '整数人数',
  yuan: '金额（元，例如 1000、0.5 或 1万）',
  percent: '百分比（最多两位小数，例如 1.75%）',
  units: '整数套数',
  months: '整数月数',
  hours: '整数小时数',
  minutes: '整数分钟数',
  clock: '时刻（例如 9:00 或 8:30）',
  times: '整数次数',
  quantity: '整数',
  switch: '开关',
}

type SettingsError = Extract<DomainError, { code: 'settings.unknown' | 'settings.invalid' | 'settings.conflict' }>
type Entries = { [C in SettingsError['code']]: (e: Extract<SettingsError, { code: C }>, v: View) => string }

export const SETTINGS_ERRORS: Entries = {
  'settings.unknown': (e) => `没有“${e.path}”这项设置。发送 /设置 查看全部设置的名称、当前值和范围。`,
  'settings.invalid': (e, v) => {
    const spec = SETTING_SPECS.find((s) => s.key === e.path)
    const label = settingLabel(e.path)
    if (!spec) return `“${e.input}”不是“${label}”可用的值。发送 /设置 查看它的范围。`
    // A switch's example is the other position: the one a person who got it wrong most likely meant.
    if (spec.unit === 'switch')
      return `“${e.input}”不是“${label}”可用的值：请写“开”或“关”，例如 /设置 修改 ${label} ${settingValueText(spec.unit, settingValue(v.settings, spec.key) === 1 ? 0 : 1)}`
    return `“${e.input}”不是“${label}”可用的值：请写${settingRangeText(spec)}的${HOW[spec.unit]}，例如 /设置 修改 ${label} ${settingValueText(spec.unit, settingValue(v.settings, spec.key) ?? spec.min)}`
  },
  'settings.conflict': (e) =>
    e.agencyName === null
      ? `不能把分销上限改为 ${e.value} 家：现在有 ${e.active} 家分销在场（R1）。请先劝退多出的分销，或设为不少于 ${e.active} 家。`
      : `不能把每家分销销售上限改为 ${e.value} 人：分销“${e.agencyName}”现在有 ${e.active} 名销售在场（R1）。请先停用多出的销售，或设为不少于 ${e.active} 人。`,
}
