import { UNIT_STATUSES } from '../../domain/unit.ts'
import { dateTime } from '../reply/format.ts'
import type { BoardInput, BoardLabels } from './board.ts'
import { type Block, buildingBlock, otherBlock, Pen } from './board-blocks.ts'
import { arrangeBoard } from './board-grid.ts'
import { PAGE, STATUS_COLORS } from './palette.ts'
import type { Scene, SceneItem, TextMeasure } from './scene.ts'

const PAD = 24
const BLOCK_GAP = 28
/** Buildings flow left to right up to this width, then wrap, so a big project stays a picture a phone can zoom into. */
const MAX_ROW_W = 2000
const MIN_CONTENT_W = 640

const moved = (items: readonly SceneItem[], dx: number, dy: number): SceneItem[] =>
  items.map((i) => ({ ...i, x: i.x + dx, y: i.y + dy }))

/** Places blocks in rows: left to right while the row stays within MAX_ROW_W (a wider block gets a row of its own). */
function flow(blocks: readonly Block[]): { w: number; h: number; items: SceneItem[] } {
  const items: SceneItem[] = []
  let x = 0
  let y = 0
  let rowH = 0
  let w = 0
  for (const b of blocks) {
    if (x > 0 && x + b.w > MAX_ROW_W) {
      y += rowH + BLOCK_GAP
      x = 0
      rowH = 0
    }
    for (const i of moved(b.items, x, y)) items.push(i)
    w = Math.max(w, x + b.w)
    rowH = Math.max(rowH, b.h)
    x += b.w + BLOCK_GAP
  }
  return { w, h: blocks.length ? y + rowH : 0, items }
}

/** Title, time drawn and total, and the legend: each status's colour, name and count. */
function header(input: BoardInput, labels: BoardLabels, m: TextMeasure, width: number): Block {
  const pen = new Pen(m)
  const title = input.building === null ? labels.title : labels.buildingTitle(input.building)
  pen.text(0, 18, `${input.projectName} ${title}`, { size: 28, min: 14, weight: 'bold', max: width })
  pen.text(0, 52, `${labels.drawnAt(dateTime(input.drawnAt, input.tz))} · ${labels.total(input.units.length)}`, {
    size: 15,
    color: PAGE.muted,
    max: width,
  })
  const counts = new Map(UNIT_STATUSES.map((s) => [s, 0]))
  for (const u of input.units) counts.set(u.status, (counts.get(u.status) ?? 0) + 1)
  const slot = width / UNIT_STATUSES.length
  UNIT_STATUSES.forEach((s, i) => {
    const x = i * slot
    pen.rect(x, 76, 20, 20, STATUS_COLORS[s].fill, 4)
    pen.text(x + 28, 86, `${labels.status[s]} ${labels.count(counts.get(s) ?? 0)}`, { size: 15, max: slot - 36 })
  })
  pen.text(0, 114, labels.holdNote, { size: 13, color: PAGE.muted, max: width })
  return { w: width, h: 128, items: pen.items }
}

function emptyBlock(labels: BoardLabels, m: TextMeasure, width: number): Block {
  const pen = new Pen(m)
  pen.rect(0, 0, width, 120, PAGE.panel, 8)
  pen.text(width / 2, 60, labels.empty, { size: 20, color: PAGE.muted, align: 'center', max: width - 32 })
  return { w: width, h: 120, items: pen.items }
}

/**
 * The 销控 board as a scene: header and legend on top, then one grid per building (flowing into rows), then the
 * basement and parking block, or a note that there are no units. Pure: the same input, labels and font give the
 * same scene.
 */
export function layoutBoard(input: BoardInput, labels: BoardLabels, m: TextMeasure): Scene {
  const { buildings, others } = arrangeBoard(input.units)
  const grids = flow(buildings.map((g) => buildingBlock(g, m, labels, input.tz)))
  const width = Math.max(MIN_CONTENT_W, grids.w)
  const blocks: Block[] = [header(input, labels, m, width)]
  if (grids.items.length) blocks.push(grids)
  if (others.length) blocks.push(otherBlock(others, width, m, labels, input.tz))
  if (input.units.length === 0) blocks.push(emptyBlock(labels, m, width))
  const items: SceneItem[] = []
  let y = PAD
  for (const b of blocks) {
    for (const i of moved(b.items, PAD, y)) items.push(i)
    y += b.h + BLOCK_GAP
  }
  return { width: width + 2 * PAD, height: y - BLOCK_GAP + PAD, background: PAGE.background, items }
}
