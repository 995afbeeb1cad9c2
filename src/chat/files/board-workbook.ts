import ExcelJS from 'exceljs'
import { lastDayBefore } from '../../domain/calendar.ts'
import type { AreaCm2, Fen } from '../../domain/money.ts'
import { compareUnitCodes, effectiveStatus, UNIT_STATUSES, type Unit } from '../../domain/unit.ts'
import type { BoardUnit } from '../pictures/board.ts'
import { gridPlace } from '../pictures/board-grid.ts'
import { sheetName } from './cells.ts'
import { type Column, writeTable, writeTitle } from './table.ts'
import type { ExportWords } from './words.ts'

/** A unit in the 销控 export: the board's facts plus area and list price. No floor price: the type cannot carry one. */
export interface BoardSheetUnit extends BoardUnit {
  areaCm2: AreaCm2
  listPriceFen: Fen
}

/** `导出 销控`: the board at `exportedAt`. */
export interface BoardExport {
  projectName: string
  tz: string
  exportedAt: Date
  units: readonly BoardSheetUnit[]
}

/** The domain's units as the export shows them at `now`: effective status (R14), no floor price. */
export function boardSheetUnits(units: readonly Unit[], now: Date): BoardSheetUnit[] {
  return units.map((u) => {
    const status = effectiveStatus(u, now)
    return {
      code: u.code,
      status,
      heldUntil: status === 'held' ? u.heldUntil : null,
      basement: u.basement,
      areaCm2: u.areaCm2,
      listPriceFen: u.listPriceFen,
    }
  })
}

/** The sales-board workbook: every unit with its status and hold, then the counts per status and building. */
export async function boardWorkbook(x: BoardExport, w: ExportWords): Promise<Buffer> {
  const { tz } = x
  const wb = new ExcelJS.Workbook()
  wb.created = wb.modified = x.exportedAt
  const used = new Set<string>()
  const b = w.board
  const h = b.columns
  const title = [[b.title(x.projectName)], [w.exportedAt, { at: x.exportedAt }]]
  const building = (u: BoardSheetUnit) => (u.basement ? null : (gridPlace(u.code)?.building ?? null))
  const units = wb.addWorksheet(sheetName(b.unitsSheet, used))
  const columns: Column<BoardSheetUnit>[] = [
    { header: h.code, width: 16, value: (u) => u.code },
    { header: h.building, width: 8, value: (u) => building(u) },
    { header: h.basement, width: 8, value: (u) => (u.basement ? w.yes : w.no) },
    { header: h.area, width: 10, value: (u) => ({ area: u.areaCm2 }) },
    { header: h.listPrice, width: 16, value: (u) => ({ money: u.listPriceFen }) },
    { header: h.status, width: 8, value: (u) => b.status[u.status] },
    { header: h.heldLastDay, width: 12, value: (u) => (u.heldUntil ? { day: lastDayBefore(u.heldUntil, tz) } : null) },
    { header: h.heldUntil, width: 17, value: (u) => (u.heldUntil ? { at: u.heldUntil } : null) },
  ]
  const sorted = [...x.units].sort((p, q) => compareUnitCodes(p.code, q.code))
  writeTable(units, writeTitle(units, title, tz), columns, sorted, tz, { first: true })

  const groups = new Map<string, BoardSheetUnit[]>()
  for (const u of x.units) {
    const key = building(u) ?? b.otherGroup
    const list = groups.get(key) ?? []
    list.push(u)
    groups.set(key, list)
  }
  const rows = [...groups].map(([name, list]) => ({ name, list }))
  rows.push({ name: w.total, list: [...x.units] })
  const counts = wb.addWorksheet(sheetName(b.countsSheet, used))
  writeTable(
    counts,
    writeTitle(counts, title, tz),
    [
      { header: b.countsGroup, width: 12, value: (r) => r.name },
      ...UNIT_STATUSES.map((s) => ({
        header: b.status[s],
        width: 8,
        value: (r: { list: BoardSheetUnit[] }) => ({ int: r.list.filter((u) => u.status === s).length }),
      })),
      { header: w.total, width: 8, value: (r) => ({ int: r.list.length }) },
    ],
    rows,
    tz,
    { first: true },
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
