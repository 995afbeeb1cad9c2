import { DEFAULT_SETTINGS, type RuleSettings } from '../domain/settings.ts'

/**
 * A project's stored overrides laid over the defaults. Only keys the defaults have, with the same type, are taken,
 * so a settings row written by an older or newer version can never put a string where a rule expects a number.
 */
export function parseSettings(json: string): RuleSettings {
  let overrides: unknown
  try {
    overrides = JSON.parse(json)
  } catch {
    overrides = {}
  }
  return overlay(DEFAULT_SETTINGS, overrides) as RuleSettings
}

function overlay(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    return typeof over === typeof base && (typeof over !== 'number' || Number.isFinite(over)) ? over : base
  }
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return base
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(base)) out[key] = overlay(value, (over as Record<string, unknown>)[key])
  return out
}
