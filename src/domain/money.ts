import { err, ok, type Result } from './result.ts'
import { toHalfWidth } from './text.ts'

/** Money is integer fen (分) everywhere: a safe integer, never a float of yuan. */
export type Fen = number
/** Area in hundredths of a square metre (89.5 ㎡ → 8950). */
export type AreaCm2 = number

const FEN_DECIMALS = 2
/** 万 (ten thousand yuan) allows six decimals: 0.000001万 is one fen. */
const WAN_DECIMALS = 6

function halfWidth(s: string): string {
  return toHalfWidth(s).replace(/−/g, '-')
}

/** Digits with optional correctly grouped thousands commas, and an optional fraction. */
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/

/** An exact decimal as an integer of 10^-scale units, or why not. */
function scaled(
  body: string,
  scale: number,
): { ok: true; value: bigint } | { ok: false; why: 'invalid' | 'too-precise' } {
  const m = NUMBER.exec(body)
  if (!m) return { ok: false, why: 'invalid' }
  const int = (m[1] ?? '').replace(/,/g, '')
  const frac = (m[2] ?? '').replace(/0+$/, '')
  if (frac.length > scale) return { ok: false, why: 'too-precise' }
  return { ok: true, value: BigInt(int + frac.padEnd(scale, '0')) }
}

/**
 * A yuan amount typed by a person → integer fen: "1680000", "1,680,000", "168万", "89.5", "¥1680000", "1680000元",
 * full-width digits. At most 2 decimals (6 with 万); negative, zero (unless allowed), garbage and amounts beyond a safe
 * integer of fen are refused with a code.
 */
export function parseYuan(input: string, options: { allowZero?: boolean } = {}): Result<Fen, MoneyError> {
  const shown = input.slice(0, 40)
  let s = halfWidth(input.trim())
    .replace(/^(?:¥|￥|RMB)\s*/i, '')
    .replace(/\s*(?:元|块)$/, '')
  let wan = false
  if (/\s*万$/.test(s)) {
    wan = true
    s = s.replace(/\s*万$/, '')
  }
  const negative = s.startsWith('-')
  if (negative) s = s.slice(1)
  const maxDecimals = wan ? WAN_DECIMALS : FEN_DECIMALS
  const r = scaled(s, maxDecimals)
  if (!r.ok) {
    if (r.why === 'too-precise') return err({ code: 'money.too-precise', input: shown, maxDecimals })
    return err({ code: 'money.invalid', input: shown })
  }
  if (negative && r.value !== 0n) return err({ code: 'money.negative', input: shown })
  // without 万 the value is already in fen; with 万 it is in 10^-6 万 = fen as well (1万 = 10^6 fen)
  const fen = r.value
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return err({ code: 'money.too-large', input: shown })
  if (fen === 0n && !options.allowZero) return err({ code: 'money.zero', input: shown })
  return ok(Number(fen))
}

/** An area in ㎡ typed by a person ("89.5", "89.5㎡", "89.5平") → hundredths of ㎡; at most 2 decimals, above zero. */
export function parseArea(input: string): Result<AreaCm2, AreaError> {
  const shown = input.slice(0, 40)
  const s = halfWidth(input.trim()).replace(/\s*(?:㎡|m²|m2|平方米|平米|平)$/i, '')
  const r = scaled(s, 2)
  if (!r.ok) {
    if (r.why === 'too-precise') return err({ code: 'area.too-precise', input: shown, maxDecimals: 2 })
    return err({ code: 'area.invalid', input: shown })
  }
  if (r.value === 0n || r.value > BigInt(Number.MAX_SAFE_INTEGER)) return err({ code: 'area.invalid', input: shown })
  return ok(Number(r.value))
}

/** Whether `n` is a valid amount of fen: a safe integer (may be negative for reversals and balances). */
export const isFen = (n: number): n is Fen => Number.isSafeInteger(n)

/** Sum of amounts in fen; throws only on a programming error (a non-integer or an overflow past 2^53). */
export function sumFen(amounts: readonly Fen[]): Fen {
  let total = 0
  for (const a of amounts) {
    total += a
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(total)) throw new RangeError(`not a safe fen sum: ${a}`)
  }
  return total
}

/** `fen × bp / 10000`, rounded half-up to the fen (half away from zero for negatives), in exact integer arithmetic. */
export function applyRateBp(fen: Fen, bp: number): Fen {
  if (!Number.isSafeInteger(fen) || !Number.isSafeInteger(bp)) throw new RangeError(`not integers: ${fen}, ${bp}`)
  const product = BigInt(fen) * BigInt(bp)
  const magnitude = product < 0n ? -product : product
  const rounded = (magnitude * 2n + 10_000n) / 20_000n
  const result = Number(product < 0n ? -rounded : rounded)
  if (!Number.isSafeInteger(result)) throw new RangeError(`commission overflow: ${fen} × ${bp}bp`)
  return result
}

/** `1234567` fen → "12,345.67" (a minus sign for negatives). Numbers only; words live in the chat catalog. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(cents).padStart(2, '0')}`
}

/** `8950` → "89.5", `9000` → "90": an area without trailing zeros. */
export function formatArea(cm2: AreaCm2): string {
  const whole = Math.floor(cm2 / 100)
  const frac = String(cm2 % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : String(whole)
}

/** `160` basis points → "1.6%". */
export function formatRateBp(bp: number): string {
  const whole = Math.floor(bp / 100)
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return frac ? `${whole}.${frac}%` : `${whole}%`
}

export type MoneyError =
  | { code: 'money.invalid'; input: string }
  | { code: 'money.negative'; input: string }
  | { code: 'money.zero'; input: string }
  | { code: 'money.too-precise'; input: string; maxDecimals: number }
  | { code: 'money.too-large'; input: string }

export type AreaError =
  | { code: 'area.invalid'; input: string }
  | { code: 'area.too-precise'; input: string; maxDecimals: number }
