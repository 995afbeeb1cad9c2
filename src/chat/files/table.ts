import type { Worksheet } from 'exceljs'
import { type CellValue, setCell } from './cells.ts'

/** A column of a table: its heading, its width in characters and the typed value of each row. */
export interface Column<R> {
  header: string
  width: number
  value: (row: R) => CellValue
}

/** A heading cell's look: bold on light grey, as people expect a report's header row to be. */
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F4F6' } } as const

/** Title lines at the top of a sheet (the first one bold); returns the next free row. */
export function writeTitle(ws: Worksheet, lines: CellValue[][], tz: string): number {
  lines.forEach((line, i) => {
    const row = ws.getRow(i + 1)
    line.forEach((v, j) => {
      setCell(row.getCell(j + 1), v, tz)
    })
    if (i === 0) row.font = { bold: true, size: 14 }
  })
  return lines.length + 2
}

/**
 * A table from `top`: a bold header row, then one typed row per item; the first table of a sheet freezes its header
 * and gets a filter. Returns the next free row (one blank row after the table).
 */
export function writeTable<R>(
  ws: Worksheet,
  top: number,
  columns: readonly Column<R>[],
  rows: readonly R[],
  tz: string,
  o: { caption?: string; first?: boolean } = {},
): number {
  let r = top
  if (o.caption) {
    ws.getRow(r).getCell(1).value = o.caption
    ws.getRow(r).font = { bold: true }
    r++
  }
  const header = ws.getRow(r)
  columns.forEach((c, j) => {
    const cell = header.getCell(j + 1)
    cell.value = c.header
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    const col = ws.getColumn(j + 1)
    col.width = Math.max(col.width ?? 0, c.width)
  })
  if (o.first) {
    ws.views = [{ state: 'frozen', ySplit: r }]
    ws.autoFilter = { from: { row: r, column: 1 }, to: { row: r + rows.length, column: columns.length } }
  }
  for (const item of rows) {
    const row = ws.getRow(++r)
    columns.forEach((c, j) => {
      setCell(row.getCell(j + 1), c.value(item), tz)
    })
  }
  return r + 2
}
