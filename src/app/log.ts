import { maskPhonesIn } from '../domain/phone.ts'

/** Structured logging: one JSON object per line. Every layer takes a `Log`; only main.ts decides where lines go. */
export type Log = (event: string, fields?: Record<string, unknown>, level?: LogLevel) => void
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 }

/**
 * Mainland mobile numbers (however written: the same finder as the groups' privacy gate) and anything that looks
 * like a credential are scrubbed before a line is written.
 */
const SECRET_KEYS = /token|secret|password|aes|key|authorization|signature|echostr|encrypt/i

export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhonesIn(value)
  if (value instanceof Error) return { name: value.name, message: scrub(value.message, depth + 1) }
  if (typeof value !== 'object' || value === null || depth > 4) return value
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1)
  return out
}

export function jsonLogger(
  write: (line: string) => void,
  min: LogLevel = 'info',
  now: () => Date = () => new Date(),
): Log {
  return (event, fields = {}, level = 'info') => {
    if (LEVELS[level] < LEVELS[min]) return
    write(`${JSON.stringify({ time: now().toISOString(), level, event, ...(scrub(fields) as object) })}\n`)
  }
}

export const silentLog: Log = () => {}
