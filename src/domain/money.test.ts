import { describe, expect, it } from 'vitest'
import { applyRateBp, formatArea, formatFen, formatRateBp, isFen, parseArea, parseYuan, sumFen } from './money.ts'

const fen = (input: string, options?: { allowZero?: boolean }) => {
  const r = parseYuan(input, options)
  return r.ok ? r.value : r.error.code
}

describe('parseYuan: a yuan amount typed by a person → integer fen', () => {
  it('plain, grouped and 万 amounts', () => {
    expect(fen('1680000')).toBe(168_000_000)
    expect(fen('1,680,000')).toBe(168_000_000)
    expect(fen('168万')).toBe(168_000_000)
    expect(fen('168.5万')).toBe(168_500_000)
    expect(fen('168万元')).toBe(168_000_000)
    expect(fen('0.000001万')).toBe(1)
  })
  it('decimals up to the fen', () => {
    expect(fen('89.5')).toBe(8950)
    expect(fen('89.05')).toBe(8905)
    expect(fen('0.01')).toBe(1)
    expect(fen('1,680,000.50')).toBe(168_000_050)
    expect(fen('89.500')).toBe(8950) // trailing zeros are not precision
  })
  it('currency marks, 元, full-width digits and surrounding spaces', () => {
    expect(fen('¥1680000')).toBe(168_000_000)
    expect(fen('￥ 1680000')).toBe(168_000_000)
    expect(fen('1680000元')).toBe(168_000_000)
    expect(fen('１６８００００')).toBe(168_000_000)
    expect(fen('１，６８０，０００．５')).toBe(168_000_050)
    expect(fen('  1000 ')).toBe(100_000)
  })
  it('refuses too many decimals with the allowed count', () => {
    expect(parseYuan('89.555')).toEqual({
      ok: false,
      error: { code: 'money.too-precise', input: '89.555', maxDecimals: 2 },
    })
    expect(parseYuan('1.0000001万')).toEqual({
      ok: false,
      error: { code: 'money.too-precise', input: '1.0000001万', maxDecimals: 6 },
    })
  })
  it('refuses negatives', () => {
    expect(fen('-5')).toBe('money.negative')
    expect(fen('－5')).toBe('money.negative')
    expect(fen('-5万')).toBe('money.negative')
  })
  it('refuses zero unless allowed', () => {
    expect(fen('0')).toBe('money.zero')
    expect(fen('0.00')).toBe('money.zero')
    expect(fen('0', { allowZero: true })).toBe(0)
    expect(fen('-0', { allowZero: true })).toBe(0)
  })
  it('refuses garbage', () => {
    for (const bad of [
      '',
      'abc',
      '1.2.3',
      '12a',
      '.5',
      '5.',
      '1,68,0000',
      '16,80,000',
      '1 680 000',
      '万',
      '1e6',
      '0x10',
      'NaN',
    ]) {
      expect([bad, fen(bad)]).toEqual([bad, 'money.invalid'])
    }
  })
  it('refuses amounts past a safe integer of fen, and the largest safe one is accepted', () => {
    expect(fen('90071992547409.91')).toBe(Number.MAX_SAFE_INTEGER)
    expect(fen('90071992547409.92')).toBe('money.too-large')
    expect(fen('99999999999999999999')).toBe('money.too-large')
  })
  it('shows at most 40 characters of the input back', () => {
    const r = parseYuan('x'.repeat(100))
    expect(!r.ok && r.error.code === 'money.invalid' && r.error.input.length).toBe(40)
  })
  it('round-trips through formatFen', () => {
    for (const v of [1, 99, 100, 8950, 168_000_000, 4_310_000]) {
      const r = parseYuan(formatFen(v))
      expect(r).toEqual({ ok: true, value: v })
    }
  })
})

describe('parseArea → hundredths of ㎡', () => {
  it('accepts plain and suffixed areas', () => {
    expect(parseArea('89.5')).toEqual({ ok: true, value: 8950 })
    expect(parseArea('89.5㎡')).toEqual({ ok: true, value: 8950 })
    expect(parseArea('120平')).toEqual({ ok: true, value: 12000 })
    expect(parseArea('120平米')).toEqual({ ok: true, value: 12000 })
    expect(parseArea('89.55m2')).toEqual({ ok: true, value: 8955 })
  })
  it('refuses three decimals, zero, negatives and garbage', () => {
    expect(parseArea('89.555')).toEqual({
      ok: false,
      error: { code: 'area.too-precise', input: '89.555', maxDecimals: 2 },
    })
    expect(parseArea('0')).toEqual({ ok: false, error: { code: 'area.invalid', input: '0' } })
    expect(parseArea('-5')).toEqual({ ok: false, error: { code: 'area.invalid', input: '-5' } })
    expect(parseArea('big')).toEqual({ ok: false, error: { code: 'area.invalid', input: 'big' } })
  })
})

describe('applyRateBp: fen × bp / 10000, half-up to the fen', () => {
  it('exact results', () => {
    expect(applyRateBp(270_000_000, 160)).toBe(4_320_000) // 2,700,000 yuan × 1.6% = 43,200 yuan
    expect(applyRateBp(200_000_000, 150)).toBe(3_000_000)
  })
  it('rounds half up at exactly half a fen, down just below it', () => {
    // 3125 fen × 160bp = 50 fen exactly; 3126 × 160 = 50.016 → 50; 3128 × 160 = 50.048 → 50
    expect(applyRateBp(3125, 160)).toBe(50)
    // 1 fen × 5000bp = 0.5 fen → 1; 1 fen × 4999bp = 0.4999 → 0
    expect(applyRateBp(1, 5000)).toBe(1)
    expect(applyRateBp(1, 4999)).toBe(0)
    // 31 fen × 160bp = 0.496 → 0; 32 fen × 160bp = 0.512 → 1
    expect(applyRateBp(31, 160)).toBe(0)
    expect(applyRateBp(32, 160)).toBe(1)
  })
  it('half away from zero for negatives', () => {
    expect(applyRateBp(-1, 5000)).toBe(-1)
    expect(applyRateBp(-1, 4999)).toBe(0)
  })
  it('stays exact where a float would not: 2^53 − 1 fen × 1bp', () => {
    expect(applyRateBp(Number.MAX_SAFE_INTEGER, 1)).toBe(900_719_925_474)
  })
  it('throws only on a programming error', () => {
    expect(() => applyRateBp(0.5, 160)).toThrow(RangeError)
    expect(() => applyRateBp(Number.MAX_SAFE_INTEGER, 20_000)).toThrow(RangeError)
  })
})

describe('sums and formats', () => {
  it('sumFen adds safe integers and refuses a float', () => {
    expect(sumFen([])).toBe(0)
    expect(sumFen([4_320_000, -10_000])).toBe(4_310_000)
    expect(() => sumFen([0.1, 0.2])).toThrow(RangeError)
    expect(isFen(1)).toBe(true)
    expect(isFen(1.5)).toBe(false)
  })
  it('formatFen groups thousands and shows two decimals', () => {
    expect(formatFen(4_310_000)).toBe('43,100.00')
    expect(formatFen(2_900_000)).toBe('29,000.00')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(-100_050)).toBe('-1,000.50')
    expect(formatFen(168_000_000)).toBe('1,680,000.00')
  })
  it('formatArea and formatRateBp trim zeros', () => {
    expect(formatArea(8950)).toBe('89.5')
    expect(formatArea(9000)).toBe('90')
    expect(formatArea(8905)).toBe('89.05')
    expect(formatRateBp(160)).toBe('1.6%')
    expect(formatRateBp(150)).toBe('1.5%')
    expect(formatRateBp(200)).toBe('2%')
    expect(formatRateBp(125)).toBe('1.25%')
  })
})
