import type { DomainError } from '../domain/errors.ts'
import { parseYuan } from '../domain/money.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { DEFAULT_SETTINGS, type RuleSettings, settingsProblems } from '../domain/settings.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/** Every setting a site may change, as dotted paths (`protectionDays`, `deposits.small.holdDays`, `fines.unitFen.态度`). */
export function settingPaths(s: RuleSettings = DEFAULT_SETTINGS): string[] {
  const out: string[] = []
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k)
    else out.push(path)
  }
  walk(s, '')
  return out
}

export function settingAt(s: RuleSettings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as never)[k] : undefined), s)
}

/** Amounts (paths of fen) are typed in yuan; everything else is a whole number. */
export const isMoneyPath = (path: string) => /Fen$|\.unitFen\./.test(path)

/** How a switch (e.g. maskedFiling) is typed. */
const SWITCH: Record<string, boolean> = {
  on: true,
  off: false,
  true: true,
  false: false,
  开: true,
  关: false,
  '1': true,
  '0': false,
}

/**
 * /config set <设置> <值> (admin): changes one rule number of the project. New values apply from now on; what was
 * decided before keeps its numbers (a filing's protection end is fixed when it is made). Refused when the path is not
 * a setting or the value is out of its range, and nothing changes.
 */
export async function updateSettings(
  tx: Tx,
  ctx: CommandContext,
  path: string,
  raw: string,
): Promise<Result<{ path: string; before: unknown; after: number | boolean | null; auditCode: string }, DomainError>> {
  if (!settingPaths().includes(path)) return err({ code: 'settings.unknown', path })
  const nullable = DEFAULT_SETTINGS.fines.unitFen[path.split('.')[2] as never] === null && isMoneyPath(path)
  let value: number | boolean | null
  if (typeof settingAt(DEFAULT_SETTINGS, path) === 'boolean') {
    const on = SWITCH[raw.toLowerCase()]
    if (on === undefined) return err({ code: 'settings.invalid', path, input: raw })
    value = on
  } else if (raw === 'null' && nullable) value = null
  else if (isMoneyPath(path)) {
    const fen = parseYuan(raw, { allowZero: true })
    if (!fen.ok) return err({ code: 'settings.invalid', path, input: raw })
    value = fen.value
  } else if (/^\d{1,9}$/.test(raw)) value = Number(raw)
  else return err({ code: 'settings.invalid', path, input: raw })

  const next = structuredClone(ctx.project.settings) as unknown as Record<string, unknown>
  const keys = path.split('.')
  const last = keys.pop() as string
  let node = next
  for (const k of keys) node = node[k] as Record<string, unknown>
  const before = node[last]
  node[last] = value
  if (settingsProblems(next as unknown as RuleSettings).length > 0) {
    return err({ code: 'settings.invalid', path, input: raw })
  }
  await tx.projects.saveSettings(ctx.project.id, JSON.stringify(next))
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'settings.update',
    subject: path,
    data: { path, before, after: value },
  })
  return ok({ path, before, after: value, auditCode })
}
