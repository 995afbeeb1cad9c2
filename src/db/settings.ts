import { DEFAULT_SETTINGS, type RuleSettings, settingsProblems } from '../domain/settings.ts'

/**
 * A project's stored overrides laid over the defaults. Only keys the defaults have, with the same type, are taken
 * (a default of null — an amount the manager sets — takes a number or null), and a value out of its range falls back
 * to the default, so a settings row written by another version can never put nonsense where a rule expects a number.
 */
export function parseSettings(json: string): RuleSettings {
  let overrides: unknown
  try {
    overrides = JSON.parse(json)
  } catch {
    overrides = {}
  }
  const merged = overlay(DEFAULT_SETTINGS, overrides) as RuleSettings
  const problems = settingsProblems(merged)
  if (problems.length === 0) return merged
  // Keep every valid override; put the defaults back where a value is out of range.
  const repaired = structuredClone(merged) as unknown as Record<string, unknown>
  for (const path of problems)
    setPath(repaired, path, getPath(DEFAULT_SETTINGS as unknown as Record<string, unknown>, path))
  return repaired as unknown as RuleSettings
}

function overlay(base: unknown, over: unknown): unknown {
  if (base === null) return over === null || (typeof over === 'number' && Number.isFinite(over)) ? over : base
  if (typeof base !== 'object' || Array.isArray(base)) {
    return typeof over === typeof base && (typeof over !== 'number' || Number.isFinite(over)) ? over : base
  }
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return base
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(base)) out[key] = overlay(value, (over as Record<string, unknown>)[key])
  return out
}

const getPath = (o: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o)

function setPath(o: Record<string, unknown>, path: string, value: unknown) {
  const keys = path.split('.')
  const last = keys.pop() as string
  let cur = o
  for (const k of keys) cur = cur[k] as Record<string, unknown>
  cur[last] = value
}
