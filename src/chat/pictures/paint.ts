import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas'
import { pictureFont } from './font.ts'
import type { Scene, TextMeasure, Weight } from './scene.ts'

const cssFont = (size: number, weight: Weight, family: string) =>
  `${weight === 'bold' ? 'bold ' : ''}${size}px "${family}"`

/** Sets what makes text the same pixels on every machine: our font only, a fixed language (see @napi-rs/canvas). */
function prepare(ctx: SKRSContext2D) {
  ctx.lang = 'zh-CN'
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
}

/** Text widths from the canvas with the pictures' font, cached per text, size and weight. */
export function canvasMeasure(): TextMeasure {
  const font = pictureFont()
  const ctx = createCanvas(1, 1).getContext('2d')
  prepare(ctx)
  const cache = new Map<string, number>()
  return {
    drawable: font.drawable,
    width(text, size, weight) {
      const key = `${size}|${weight}|${text}`
      let w = cache.get(key)
      if (w === undefined) {
        ctx.font = cssFont(size, weight, font.family)
        w = ctx.measureText(text).width
        cache.set(key, w)
      }
      return w
    },
  }
}

/**
 * Rasterises a scene at `scale` device pixels per logical pixel and encodes it as PNG.
 * Every rectangle edge and every text origin is snapped to a whole device pixel: edges stay crisp at any scale, and
 * the same text (a status name, a code's prefix) is the same pixels wherever it is drawn, which PNG's compression
 * finds again along a row — a 1,000-unit board is about half the bytes it would be with sub-pixel positions.
 * The encoding runs off the main thread (`encode`, not `toBuffer`): the event loop keeps serving meanwhile.
 */
export async function paintPng(scene: Scene, scale: number): Promise<Buffer> {
  const { family } = pictureFont()
  const px = (v: number) => Math.round(v * scale)
  const canvas = createCanvas(px(scene.width), px(scene.height))
  const ctx = canvas.getContext('2d')
  prepare(ctx)
  ctx.fillStyle = scene.background
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  let font = ''
  for (const item of scene.items) {
    if (item.kind === 'rect') {
      ctx.fillStyle = item.fill
      const [x, y] = [px(item.x), px(item.y)]
      const [w, h] = [px(item.x + item.w) - x, px(item.y + item.h) - y]
      if (item.radius) {
        ctx.beginPath()
        ctx.roundRect(x, y, w, h, item.radius * scale)
        ctx.fill()
      } else ctx.fillRect(x, y, w, h)
      continue
    }
    ctx.fillStyle = item.color
    const f = cssFont(item.size * scale, item.weight, family)
    if (f !== font) ctx.font = font = f
    const width = item.align === 'left' ? 0 : ctx.measureText(item.text).width
    const left = item.x * scale - (item.align === 'center' ? width / 2 : item.align === 'right' ? width : 0)
    ctx.fillText(item.text, Math.round(left), px(item.y))
  }
  const png = await canvas.encode('png')
  // Free the pixels now: the native surface is invisible to V8's heap accounting, so a dead canvas could wait many
  // collections for its finaliser. Resizing reallocates it at 1×1 (the HTML canvas rule, which @napi-rs/canvas follows).
  canvas.width = 1
  canvas.height = 1
  return png
}
