import ExcelJS from 'exceljs'
import type { FineCode } from '../../domain/fines.ts'
import type { Fen } from '../../domain/money.ts'
import { sheetName } from './cells.ts'
import { type Column, writeTable, writeTitle } from './table.ts'
import type { ExportWords } from './words.ts'

/** One entry of the fine ledger as the export shows it: a fine, or a reversal (冲正) naming the fine it reverses. */
export interface FineRow {
  /** `P7` */
  code: string
  issuedAt: Date
  agencyName: string
  staffName: string | null
  fineCode: FineCode
  /** The seed rule, e.g. `R7`. */
  rule: string
  quantity: number
  /** Negative for a reversal. */
  amountFen: Fen
  severe: boolean
  note: string | null
  issuedBy: string
  /** The fine a reversal reverses (`P5`); null for a fine. */
  reverses: string | null
  auditCode: string | null
}

/** `导出 罚款 [YYYY-MM]`: the month's fines and reversals. */
export interface FinesExport {
  projectName: string
  tz: string
  exportedAt: Date
  month: string
  fines: readonly FineRow[]
}

/** The fines workbook: every entry of the month in issue order, then per agency the fines, reversals and net sum. */
export async function finesWorkbook(x: FinesExport, w: ExportWords): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.created = wb.modified = x.exportedAt
  const used = new Set<string>()
  const h = w.fines.columns
  const title = (head: string) => [[head], [w.exportedAt, { at: x.exportedAt }]]
  const ledger = wb.addWorksheet(sheetName(w.fines.sheet, used))
  const columns: Column<FineRow>[] = [
    { header: h.code, width: 8, value: (f) => f.code },
    { header: h.issuedAt, width: 17, value: (f) => ({ at: f.issuedAt }) },
    { header: h.agency, width: 16, value: (f) => f.agencyName },
    { header: h.agent, width: 10, value: (f) => f.staffName },
    { header: h.type, width: 8, value: (f) => (f.reverses === null ? f.fineCode : `${w.reversal} ${f.fineCode}`) },
    { header: h.rule, width: 6, value: (f) => f.rule },
    { header: h.quantity, width: 6, value: (f) => ({ int: f.quantity }) },
    { header: h.amount, width: 12, value: (f) => ({ money: f.amountFen }) },
    { header: h.severe, width: 8, value: (f) => (f.severe ? w.yes : null) },
    { header: h.reverses, width: 10, value: (f) => f.reverses },
    { header: h.issuedBy, width: 10, value: (f) => f.issuedBy },
    { header: h.note, width: 24, value: (f) => f.note },
    { header: h.audit, width: 8, value: (f) => f.auditCode },
  ]
  const top = writeTitle(ledger, title(w.fines.title(x.projectName, x.month)), x.tz)
  writeTable(ledger, top, columns, x.fines, x.tz, { first: true })

  const byAgency = new Map<string, FineRow[]>()
  for (const f of x.fines) {
    const list = byAgency.get(f.agencyName) ?? []
    list.push(f)
    byAgency.set(f.agencyName, list)
  }
  const s = w.fines.summary
  const totals = [...byAgency].map(([agency, rows]) => ({
    agency,
    fines: rows.filter((f) => f.reverses === null).length,
    reversals: rows.filter((f) => f.reverses !== null).length,
    netFen: rows.reduce((a, f) => a + f.amountFen, 0),
  }))
  const sheet = wb.addWorksheet(sheetName(w.fines.summarySheet, used))
  writeTable(
    sheet,
    writeTitle(sheet, title(w.fines.title(x.projectName, x.month)), x.tz),
    [
      { header: s.agency, width: 16, value: (t) => t.agency },
      { header: s.fines, width: 8, value: (t) => ({ int: t.fines }) },
      { header: s.reversals, width: 8, value: (t) => ({ int: t.reversals }) },
      { header: s.net, width: 14, value: (t) => ({ money: t.netFen }) },
    ],
    totals,
    x.tz,
    { first: true },
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
