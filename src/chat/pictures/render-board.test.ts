import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { GOLDEN_BOARDS, goldenBoard } from '../../../test/support/boards.ts'
import { BOARD_LABELS } from '../reply/board-labels.ts'
import type { BoardInput } from './board.ts'
import { SIZES } from './board-blocks.ts'
import { STATUS_COLORS } from './palette.ts'
import { boardScale, boardScene, renderBoardPng } from './render-board.ts'
import type { SceneRect } from './scene.ts'

const GOLDEN = join(import.meta.dirname, 'golden')
/** Anti-aliasing may move by a level between builds: pixels count as different past pixelmatch's 0.1 threshold
 * (its anti-aliasing detection on), and at most 0.1% of them may differ. A changed cell or a moved block is more. */
const MAX_DIFFERING = 0.001

const decode = (png: Buffer) => PNG.sync.read(png)

function differing(a: PNG, b: PNG): number {
  expect([a.width, a.height]).toEqual([b.width, b.height])
  return pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 }) / (a.width * a.height)
}

const render = async (input: BoardInput) => decode(await renderBoardPng(input, BOARD_LABELS))

describe('renderBoardPng', () => {
  it.each(GOLDEN_BOARDS)(
    'draws $name as its golden image (regenerate deliberately: npm run golden:board)',
    async (g) => {
      const golden = decode(readFileSync(join(GOLDEN, `${g.name}.png`)))
      expect(differing(await render(g.input()), golden)).toBeLessThanOrEqual(MAX_DIFFERING)
    },
  )

  it('fails the golden comparison when one unit changes status or the drawing moves by 2 pixels', async () => {
    const golden = decode(readFileSync(join(GOLDEN, 'board.png')))
    const input = goldenBoard()
    const changed = input.units.map((u) => (u.code === '1-2-303' ? { ...u, status: 'available' as const } : u))
    expect(differing(await render({ ...input, units: changed }), golden)).toBeGreaterThan(MAX_DIFFERING)
    // everything drawn 2 device pixels further right, as a layout slip would
    const shifted = new PNG({ width: golden.width, height: golden.height })
    shifted.data.fill(255)
    for (let y = 0; y < golden.height; y++)
      golden.data.copy(shifted.data, (y * golden.width + 2) * 4, y * golden.width * 4, ((y + 1) * golden.width - 2) * 4)
    expect(differing(shifted, golden)).toBeGreaterThan(MAX_DIFFERING)
  })

  it('gives a valid PNG of the scene’s size at its scale, each cell filled with its status colour', async () => {
    const input = goldenBoard()
    const bytes = await renderBoardPng(input, BOARD_LABELS)
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const png = decode(bytes)
    const scene = boardScene(input, BOARD_LABELS)
    const scale = boardScale(scene)
    expect([png.width, png.height]).toEqual([Math.round(scene.width * scale), Math.round(scene.height * scale)])
    const cells = scene.items.filter((i): i is SceneRect => i.kind === 'rect' && i.h === SIZES.cellH)
    const byFill = new Map(Object.entries(STATUS_COLORS).map(([s, c]) => [c.fill, s]))
    let checked = 0
    for (const c of cells) {
      if (!byFill.has(c.fill)) continue
      // a point inside the cell, left of any text and clear of the rounded corners
      const [x, y] = [Math.round((c.x + 3) * scale), Math.round((c.y + c.h / 2) * scale)]
      const i = (y * png.width + x) * 4
      const hex = `#${[...png.data.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`
      expect(hex, `cell at ${c.x},${c.y}`).toBe(c.fill)
      checked++
    }
    expect(checked).toBe(input.units.length)
  })

  it('gives the same bytes for the same board, also when two are asked for at once', async () => {
    const input = goldenBoard()
    const [a, b] = await Promise.all([renderBoardPng(input, BOARD_LABELS), renderBoardPng(input, BOARD_LABELS)])
    expect(a?.equals(b as Buffer)).toBe(true)
    expect((await renderBoardPng(input, BOARD_LABELS)).equals(a as Buffer)).toBe(true)
  })
})
