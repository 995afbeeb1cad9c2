import type { BoardInput, BoardLabels } from './board.ts'
import { layoutBoard } from './board-layout.ts'
import { canvasMeasure, paintPng } from './paint.ts'
import type { Scene, TextMeasure } from './scene.ts'

/**
 * Device pixels a board may take. Encoding time and PNG size grow with the pixels, so small boards are drawn sharp at
 * 2× and a 1,000-unit board at what this allows (about 0.85×: codes at 11 device pixels, still legible).
 */
const PIXEL_BUDGET = 3_600_000
const MAX_SCALE = 2
/** Telegram's sendPhoto refuses a photo whose width and height add up to more than 10,000. */
const MAX_SIDES = 10_000

let measure: TextMeasure | null = null
/** One board at a time per process: a second request waits, so two big boards never hold their pixels at once. */
let queue: Promise<unknown> = Promise.resolve()

/** The scale a scene is drawn at: sharp where the budget allows, never past the chat platforms' size limits. */
export function boardScale(scene: Pick<Scene, 'width' | 'height'>): number {
  const byBudget = Math.sqrt(PIXEL_BUDGET / (scene.width * scene.height))
  const bySides = (MAX_SIDES - 2) / (scene.width + scene.height)
  return Math.min(MAX_SCALE, byBudget, bySides)
}

/** The board's scene with the pictures' font (what `renderBoardPng` draws). */
export function boardScene(input: BoardInput, labels: BoardLabels): Scene {
  measure ??= canvasMeasure()
  return layoutBoard(input, labels, measure)
}

/** The 销控 board as PNG bytes: the same input and labels give the same picture. */
export function renderBoardPng(input: BoardInput, labels: BoardLabels): Promise<Buffer> {
  const run = queue.then(() => {
    const scene = boardScene(input, labels)
    return paintPng(scene, boardScale(scene))
  })
  queue = run.catch(() => undefined)
  return run
}
