import type { DomainError } from '../domain/errors.ts'
import { FINE_CODES, type FineCode } from '../domain/fines.ts'
import { parseYuan } from '../domain/money.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { DEFAULT_SETTINGS, type RuleSettings, settingBounds, settingsProblems } from '../domain/settings.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/**
 * How people count a setting: its value is stored as the rules use it (days, fen, basis points, minutes of the day)
 * and typed and shown in the unit people use (天, 元, %, 09:00).
 */
export type SettingUnit =
  | 'days'
  | 'agencies'
  | 'agents'
  | 'yuan'
  | 'percent'
  | 'units'
  | 'months'
  | 'hours'
  | 'minutes'
  | 'clock'
  | 'times'
  | 'quantity'
  | 'switch'

export interface SettingSpec {
  /** The stable key, accepted by /config set as before (`protectionDays`, `dailyBriefTime`, `fines.unitFen.态度`). */
  key: SettingKey
  unit: SettingUnit
  /** The range of the stored value (fen, basis points, minutes of the day). */
  min: number
  max: number
  /** The manager sets the amount each time (R6 不配合): the value may be "nobody's number". */
  nullable: boolean
}

const KEYS = [
  'protectionDays',
  'protectionReminderDays',
  'maxAgencies',
  'maxAgentsPerAgency',
  'forfeitAfterDays',
  'deposits.big.amountFen',
  'deposits.big.holdDays',
  'deposits.small.amountFen',
  'deposits.small.holdDays',
  'holdReminderTime',
  'protectionReminderTime',
  'commission.fullRateBp',
  'commission.reducedRateBp',
  'commission.monthlyTarget',
  'commission.dismissAfterMonthsUnder',
  'joinCodeHours',
  'dailyBriefTime',
  'confirmMinutes',
  'approvalUrgentHours',
  'fines.rudeEscalateAt',
  'fines.flyerEscalateAt',
  'fines.tableWarnings',
  'fines.maxQuantity',
  'maskedFiling',
  'maskedLapseDays',
  'settlementOverdueDays',
] as const

export type SettingKey = (typeof KEYS)[number] | `fines.unitFen.${FineCode}`

const UNITS: Record<(typeof KEYS)[number], SettingUnit> = {
  protectionDays: 'days',
  protectionReminderDays: 'days',
  maxAgencies: 'agencies',
  maxAgentsPerAgency: 'agents',
  forfeitAfterDays: 'days',
  'deposits.big.amountFen': 'yuan',
  'deposits.big.holdDays': 'days',
  'deposits.small.amountFen': 'yuan',
  'deposits.small.holdDays': 'days',
  holdReminderTime: 'clock',
  protectionReminderTime: 'clock',
  'commission.fullRateBp': 'percent',
  'commission.reducedRateBp': 'percent',
  'commission.monthlyTarget': 'units',
  'commission.dismissAfterMonthsUnder': 'months',
  joinCodeHours: 'hours',
  dailyBriefTime: 'clock',
  confirmMinutes: 'minutes',
  approvalUrgentHours: 'hours',
  'fines.rudeEscalateAt': 'times',
  'fines.flyerEscalateAt': 'times',
  'fines.tableWarnings': 'times',
  'fines.maxQuantity': 'quantity',
  maskedFiling: 'switch',
  maskedLapseDays: 'days',
  settlementOverdueDays: 'days',
}

const CLOCK_MAX = 23 * 60 + 59

/** Every setting a site may change, in the order /config lists them, with its unit and range. */
export const SETTING_SPECS: readonly SettingSpec[] = [
  ...KEYS.map((key): SettingSpec => {
    const unit = UNITS[key]
    const [min, max] = unit === 'clock' ? [0, CLOCK_MAX] : unit === 'switch' ? [0, 1] : (settingBounds(key) ?? [0, 0])
    return { key, unit, min, max, nullable: false }
  }),
  ...FINE_CODES.map(
    (code): SettingSpec => ({
      key: `fines.unitFen.${code}`,
      unit: 'yuan',
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      nullable: DEFAULT_SETTINGS.fines.unitFen[code] === null,
    }),
  ),
]

/** A spec by its key, or by an old dotted path (`dailyBriefTime.hour`), which keeps its old meaning. */
export function settingSpec(key: string): SettingSpec | undefined {
  return SETTING_SPECS.find((s) => s.key === key) ?? legacySpec(key)
}

/** `holdReminderTime.hour` and `.minute` were settings of their own before the clock settings: still accepted. */
function legacySpec(key: string): SettingSpec | undefined {
  const m = /^(holdReminderTime|protectionReminderTime|dailyBriefTime)\.(hour|minute)$/.exec(key)
  if (!m) return undefined
  return {
    key: key as SettingKey,
    unit: 'quantity',
    min: 0,
    max: m[2] === 'hour' ? 23 : 59,
    nullable: false,
  }
}

/**
 * The value a setting holds now, in its stored form (minutes of the day for a clock, 1/0 for a switch); null: set by
 * the manager.
 */
export function settingValue(s: RuleSettings, key: string): number | null {
  const v = at(s, key)
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v !== null && typeof v === 'object') {
    const t = v as { hour: number; minute: number }
    return t.hour * 60 + t.minute
  }
  return v as number | null
}

/** How a switch (e.g. maskedFiling) is typed. */
const SWITCH: Record<string, boolean> = {
  on: true,
  off: false,
  true: true,
  false: false,
  开: true,
  关: false,
  开启: true,
  关闭: false,
  '1': true,
  '0': false,
}

/**
 * Reads what a person typed for a setting, in its unit: `20` or `20天`, `1.7%` (old Bp keys take basis points
 * unless a % is written), `10000`/`1万`/`10,000元`, `8:30`, `开`/`关` for a switch, and `由经理定` where the manager
 * sets the amount.
 */
export function parseSettingValue(spec: SettingSpec, raw: string, legacyKey = false): number | null | undefined {
  const s = raw.trim().replace(/：/g, ':').replace(/％/g, '%')
  if (spec.nullable && (s === 'null' || s === '由经理定')) return null
  switch (spec.unit) {
    case 'yuan': {
      const fen = parseYuan(s, { allowZero: true })
      return fen.ok ? fen.value : undefined
    }
    case 'percent': {
      if (legacyKey && /^\d{1,5}$/.test(s)) return Number(s)
      const m = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/.exec(s)
      if (!m) return undefined
      return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
    }
    case 'switch': {
      const on = SWITCH[s.toLowerCase()]
      return on === undefined ? undefined : on ? 1 : 0
    }
    case 'clock': {
      const m = /^(\d{1,2})(?::(\d{2})|点(半)?)?$/.exec(s)
      if (!m) return undefined
      const minute = m[3] ? 30 : Number(m[2] ?? 0)
      return minute > 59 ? undefined : Number(m[1]) * 60 + minute
    }
    default: {
      const m = /^(\d{1,9})\s*(?:天|日|家|人|名|个|套|月|个月|小时|分钟|分|次|张|页|份|位)?$/.exec(s)
      return m ? Number(m[1]) : undefined
    }
  }
}

/**
 * /config set <设置> <值> (admin): changes one rule number of the project. New values apply from now on; what was
 * decided before keeps its numbers (a filing's protection end is fixed when it is made). Refused, changing nothing,
 * when the key is not a setting, the value is not one of its unit or out of its range, or it contradicts what is on
 * site now (an agency limit below the agencies present, R1).
 */
export async function updateSettings(
  tx: Tx,
  ctx: CommandContext,
  key: string,
  raw: string,
): Promise<Result<{ spec: SettingSpec; before: number | null; after: number | null; auditCode: string }, DomainError>> {
  const spec = settingSpec(key)
  if (!spec) return err({ code: 'settings.unknown', path: key })
  const value = parseSettingValue(spec, raw, key.endsWith('Bp'))
  if (value === undefined || (value !== null && (value < spec.min || value > spec.max)))
    return err({ code: 'settings.invalid', path: spec.key, input: raw })

  const next = structuredClone(ctx.project.settings)
  const before = settingValue(next, spec.key)
  if (spec.unit === 'clock') {
    const time = at(next, spec.key) as { hour: number; minute: number }
    time.hour = Math.floor((value as number) / 60)
    time.minute = (value as number) % 60
  } else if (spec.unit === 'switch') {
    Object.assign(next, { [spec.key]: value === 1 })
  } else {
    const keys = spec.key.split('.')
    const last = keys.pop() as string
    const node = keys.reduce<Record<string, unknown>>((n, k) => n[k] as Record<string, unknown>, next as never)
    node[last] = value
  }
  if (settingsProblems(next).length > 0) return err({ code: 'settings.invalid', path: spec.key, input: raw })
  const conflict = await conflictOf(tx, ctx, spec.key, value)
  if (conflict) return err(conflict)

  await tx.projects.saveSettings(ctx.project.id, JSON.stringify(next))
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'settings.update',
    subject: spec.key,
    data: { path: spec.key, before, after: value },
  })
  return ok({ spec, before, after: value, auditCode })
}

/** A limit below what is on site now would be broken the moment it is set (R1): refused, saying what is there. */
async function conflictOf(tx: Tx, ctx: CommandContext, key: string, value: number | null): Promise<DomainError | null> {
  if (value === null) return null
  if (key === 'maxAgencies') {
    const active = (await tx.agencies.list(ctx.project.id)).filter((a) => a.status === 'active').length
    return value < active ? { code: 'settings.conflict', path: key, value, active, agencyName: null } : null
  }
  if (key === 'maxAgentsPerAgency') {
    const agencies = (await tx.agencies.list(ctx.project.id)).filter((a) => a.status === 'active')
    const agents = await tx.people.listStaff(ctx.project.id, { role: 'agent' })
    for (const a of agencies) {
      const active = agents.filter((s) => s.agencyId === a.id && s.status === 'active').length
      if (value < active) return { code: 'settings.conflict', path: key, value, active, agencyName: a.name }
    }
  }
  return null
}

function at(s: RuleSettings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as never)[k] : undefined), s)
}
