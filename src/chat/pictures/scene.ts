/**
 * A picture as plain data: rectangles and single-line texts in logical pixels. Layout produces it without touching a
 * canvas, so what is drawn (every character, every position) can be tested as data; the painter only rasterises it.
 */
export interface SceneRect {
  kind: 'rect'
  x: number
  y: number
  w: number
  h: number
  fill: string
  radius?: number
}

export type Weight = 'regular' | 'bold'

export interface SceneText {
  kind: 'text'
  /** Left edge, centre or right edge per `align`; `y` is the text's vertical middle. */
  x: number
  y: number
  text: string
  size: number
  weight: Weight
  color: string
  align: 'left' | 'center' | 'right'
  /** The width the text was fitted to (its measured width never exceeds it). */
  maxWidth: number
}

export type SceneItem = SceneRect | SceneText

export interface Scene {
  width: number
  height: number
  background: string
  items: SceneItem[]
}

/** What layout needs from the font: widths, and the text with every character the font lacks replaced. */
export interface TextMeasure {
  width(text: string, size: number, weight: Weight): number
  drawable(text: string): string
}

/**
 * `text` at the largest size from `size` down to `minSize` whose width fits `maxWidth`; at the smallest size, a text
 * still too wide loses characters in its middle (`车位-…-0012`), keeping both ends, which tell units apart.
 */
export function fitText(
  m: TextMeasure,
  text: string,
  maxWidth: number,
  size: number,
  minSize: number,
  weight: Weight,
): { text: string; size: number } {
  const full = m.width(text, size, weight)
  if (full <= maxWidth) return { text, size }
  // widths scale with the size: start at the size that should fit, then step down in half pixels
  for (let s = Math.floor(((size * maxWidth) / full) * 2) / 2; s >= minSize; s -= 0.5)
    if (m.width(text, s, weight) <= maxWidth) return { text, size: s }
  const chars = [...text]
  for (let keep = chars.length - 1; keep > 0; keep--) {
    const head = Math.ceil(keep / 2)
    const cut = `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`
    if (m.width(cut, minSize, weight) <= maxWidth) return { text: cut, size: minSize }
  }
  return { text: '…', size: minSize }
}
