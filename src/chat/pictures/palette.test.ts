import { describe, expect, it } from 'vitest'
import { UNIT_STATUSES } from '../../domain/unit.ts'
import { STATUS_COLORS } from './palette.ts'

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number]
/** WCAG 2 relative luminance and contrast ratio. */
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
/** CIE L*a*b* (D65) of an sRGB colour, for the CIE76 colour difference ΔE. */
const lab = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ]
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t) / 116 + 16 / 116)) as [number, number, number]
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])]
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

describe('status colours', () => {
  it.each(UNIT_STATUSES)('%s: the cell text reaches WCAG AA contrast on its fill', (s) => {
    expect(contrast(STATUS_COLORS[s].fill, STATUS_COLORS[s].text)).toBeGreaterThanOrEqual(4.5)
  })

  it('gives every status a clearly different fill (CIE76 ΔE over 40; 2.3 is the smallest difference people notice)', () => {
    for (const a of UNIT_STATUSES)
      for (const b of UNIT_STATUSES) {
        if (a >= b) continue
        const [x, y] = [lab(STATUS_COLORS[a].fill), lab(STATUS_COLORS[b].fill)]
        const deltaE = Math.hypot(...x.map((v, i) => v - (y[i] as number)))
        expect(deltaE, `${a} vs ${b}`).toBeGreaterThan(40)
      }
  })
})
