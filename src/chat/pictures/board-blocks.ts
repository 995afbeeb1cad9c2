import { UNIT_STATUSES, type UnitStatus } from '../../domain/unit.ts'
import { lastDay } from '../reply/format.ts'
import type { BoardLabels, BoardUnit } from './board.ts'
import type { BuildingGrid, OtherGroup } from './board-grid.ts'
import { PAGE, STATUS_COLORS } from './palette.ts'
import { fitText, type SceneItem, type TextMeasure, type Weight } from './scene.ts'

/** Sizes in logical pixels. A cell holds a code like `12-2-3301` at 13 px; longer ones shrink, then lose their middle. */
export const SIZES = {
  cellW: 76,
  cellH: 38,
  gap: 2,
  floorW: 36,
  headerH: 20,
  headingH: 48,
  code: 13,
  codeMin: 8.5,
  status: 11,
  statusMin: 8,
  otherMaxW: 190,
} as const

/** A laid-out piece of the picture in its own coordinates, placed later. */
export interface Block {
  w: number
  h: number
  items: SceneItem[]
}

/** Builds a block's items; every text goes through the font's `drawable` and is fitted to its width. */
export class Pen {
  readonly items: SceneItem[] = []
  constructor(readonly m: TextMeasure) {}

  rect(x: number, y: number, w: number, h: number, fill: string, radius = 0) {
    this.items.push({ kind: 'rect', x, y, w, h, fill, ...(radius ? { radius } : {}) })
  }

  text(
    x: number,
    y: number,
    raw: string,
    o: {
      size: number
      min?: number
      weight?: Weight
      color?: string
      align?: 'left' | 'center' | 'right'
      max: number
    },
  ) {
    const weight = o.weight ?? 'regular'
    const fit = fitText(this.m, this.m.drawable(raw), o.max, o.size, o.min ?? o.size * 0.7, weight)
    this.items.push({
      kind: 'text',
      x,
      y,
      text: fit.text,
      size: fit.size,
      weight,
      color: o.color ?? PAGE.ink,
      align: o.align ?? 'left',
      maxWidth: o.max,
    })
  }
}

/** `共 25 套`, `可售 12 套`, `已定 3 套`…: the total and the statuses present among `units`, in board order. */
export function countParts(units: readonly BoardUnit[], labels: BoardLabels): string[] {
  const counts = new Map<UnitStatus, number>()
  for (const u of units) counts.set(u.status, (counts.get(u.status) ?? 0) + 1)
  return [
    labels.total(units.length),
    ...UNIT_STATUSES.filter((s) => counts.has(s)).map((s) => `${labels.status[s]} ${labels.count(counts.get(s) ?? 0)}`),
  ]
}

const SUB = 12
const SUB_LINE = 16

/** Joins parts with ` · ` into as few lines as fit `width` (a narrow building gets its counts on several lines). */
function wrapParts(m: TextMeasure, parts: readonly string[], width: number): string[] {
  const lines: string[] = []
  for (const part of parts) {
    const last = lines[lines.length - 1]
    const joined = last === undefined ? part : `${last} · ${part}`
    if (last !== undefined && m.width(m.drawable(joined), SUB, 'regular') <= width) lines[lines.length - 1] = joined
    else lines.push(part)
  }
  return lines
}

/** One unit's cell: its code, then its status (and on a held unit its last day). */
function cell(pen: Pen, x: number, y: number, w: number, u: BoardUnit, labels: BoardLabels, tz: string) {
  const { cellH, code, codeMin, status, statusMin } = SIZES
  const color = STATUS_COLORS[u.status]
  pen.rect(x, y, w, cellH, color.fill, 4)
  const cx = x + w / 2
  pen.text(cx, y + 13.5, u.code, {
    size: code,
    min: codeMin,
    weight: 'bold',
    color: color.text,
    align: 'center',
    max: w - 8,
  })
  const hold = u.status === 'held' && u.heldUntil ? ` ${labels.heldUntil(lastDay(u.heldUntil, tz))}` : ''
  pen.text(cx, y + 28, `${labels.status[u.status]}${hold}`, {
    size: status,
    min: statusMin,
    color: color.text,
    align: 'center',
    max: w - 6,
  })
}

/** A block's title and its counts; returns the height it took. */
function heading(pen: Pen, w: number, title: string, parts: readonly string[]): number {
  pen.text(0, 12, title, { size: 19, min: 12, weight: 'bold', max: w })
  const lines = wrapParts(pen.m, parts, w)
  lines.forEach((line, i) => {
    pen.text(0, 35 + i * SUB_LINE, line, { size: SUB, min: 9, color: PAGE.muted, max: w })
  })
  return SIZES.headingH + (lines.length - 1) * SUB_LINE
}

/** A building: floors as rows (highest on top), rooms as columns under their entrance, a hole where a room is missing. */
export function buildingBlock(g: BuildingGrid, m: TextMeasure, labels: BoardLabels, tz: string): Block {
  const { cellW, cellH, gap, floorW, headerH } = SIZES
  const pen = new Pen(m)
  const gridW = floorW + g.columns.length * (cellW + gap) - gap
  const w = Math.max(gridW, 200)
  const units = g.rows.flat().filter((u): u is BoardUnit => u !== null)
  let y = heading(pen, w, labels.building(g.name), countParts(units, labels))
  const colX = (j: number) => floorW + j * (cellW + gap)
  if (g.columns.some((c) => c.entrance !== null)) {
    for (let j = 0; j < g.columns.length; ) {
      const entrance = g.columns[j]?.entrance ?? null
      let k = j
      while (k < g.columns.length && g.columns[k]?.entrance === entrance) k++
      const spanW = (k - j) * (cellW + gap) - gap
      pen.rect(colX(j), y, spanW, headerH - 2, PAGE.panel, 3)
      if (entrance !== null) {
        pen.text(colX(j) + spanW / 2, y + headerH / 2 - 1, labels.entrance(entrance), {
          size: 13,
          min: 8,
          weight: 'bold',
          align: 'center',
          max: spanW - 4,
        })
      }
      j = k
    }
    y += headerH
  }
  g.columns.forEach((c, j) => {
    pen.text(colX(j) + cellW / 2, y + headerH / 2, c.room, { size: 12, color: PAGE.muted, align: 'center', max: cellW })
  })
  y += headerH
  g.floors.forEach((floor, i) => {
    const rowY = y + i * (cellH + gap)
    pen.text(floorW - 6, rowY + cellH / 2, labels.floor(floor), {
      size: 12,
      min: 8,
      color: PAGE.muted,
      align: 'right',
      max: floorW - 8,
    })
    g.rows[i]?.forEach((u, j) => {
      if (u) cell(pen, colX(j), rowY, cellW, u, labels, tz)
      else pen.rect(colX(j), rowY, cellW, cellH, PAGE.hole, 4)
    })
  })
  return { w, h: y + g.floors.length * (cellH + gap) - gap, items: pen.items }
}

/**
 * Basement and parking units (`B1-017`, `地下室-12`, `车位-A-001`) and any code that is no building's room: one run of
 * cells per group, as many to a line as `width` holds, each cell wide enough for the group's longest code.
 */
export function otherBlock(
  groups: readonly OtherGroup[],
  width: number,
  m: TextMeasure,
  labels: BoardLabels,
  tz: string,
) {
  const { cellW, cellH, gap, otherMaxW, code } = SIZES
  const pen = new Pen(m)
  const all = groups.flatMap((g) => g.units)
  let y = heading(pen, width, labels.basementBlock, countParts(all, labels))
  for (const g of groups) {
    if (g.name !== '') {
      pen.text(0, y + 9, g.name, { size: 14, min: 9, weight: 'bold', color: PAGE.muted, max: width })
      y += 22
    }
    const widest = Math.max(...g.units.map((u) => m.width(m.drawable(u.code), code, 'bold')))
    const w = Math.min(otherMaxW, Math.max(cellW, Math.ceil(widest) + 12), width)
    const perLine = Math.max(1, Math.floor((width + gap) / (w + gap)))
    g.units.forEach((u, i) => {
      cell(pen, (i % perLine) * (w + gap), y + Math.floor(i / perLine) * (cellH + gap), w, u, labels, tz)
    })
    y += Math.ceil(g.units.length / perLine) * (cellH + gap) + 8
  }
  return { w: width, h: y - gap - 8, items: pen.items }
}
