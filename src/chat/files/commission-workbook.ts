import ExcelJS from 'exceljs'
import { code } from '../../app/codes.ts'
import type { AgencyStatement, Statements } from '../../app/show-statements.ts'
import { FINE_CATALOGUE } from '../../domain/fines.ts'
import { DEFAULT_SETTINGS, type RuleSettings } from '../../domain/settings.ts'
import { statementLines } from '../reply/money.ts'
import { type CellValue, setCell, sheetName } from './cells.ts'
import { type Column, writeTable, writeTitle } from './table.ts'
import type { ExportWords } from './words.ts'

/** `导出 佣金 [YYYY-MM]`: the month's R4 statements, as `佣金` shows them, for the manager. */
export interface CommissionExport {
  projectName: string
  tz: string
  exportedAt: Date
  statements: Statements
  /** The audit entry of each record, by record code (`C3` → `A88`), where the caller knows it. */
  auditCodes: ReadonlyMap<string, string>
  /** The project's rule settings, which the statement's lines are written from (default: the seed's). */
  settings?: RuleSettings
}

type Contract = AgencyStatement['statement']['contracts'][number]
type Fine = AgencyStatement['statement']['fines'][number]

/**
 * The statements workbook: a summary sheet (one row per agency, every figure of the statement, totals), then one
 * sheet per agency with its contracts, its fines and reversals, the calculation, and the statement's lines as the
 * chat shows them. Money is numbers of yuan with a ¥ format, times are local date-times, rates percentages.
 */
export async function commissionWorkbook(x: CommissionExport, w: ExportWords): Promise<Buffer> {
  const { tz, statements } = x
  const wb = new ExcelJS.Workbook()
  wb.created = wb.modified = x.exportedAt
  const used = new Set<string>()
  const audit = (recordCode: string) => x.auditCodes.get(recordCode) ?? null
  const title = (head: string) => [
    [head],
    [w.exportedAt, { at: x.exportedAt }],
    ...(statements.current ? [[w.commission.current]] : []),
  ]

  const summary = wb.addWorksheet(sheetName(w.commission.summarySheet, used))
  const h = w.commission.summary
  const columns: Column<AgencyStatement>[] = [
    { header: h.agency, width: 16, value: (s) => s.agencyName },
    { header: h.status, width: 8, value: (s) => (s.dismissed ? w.dismissed : '') },
    { header: h.contracts, width: 8, value: (s) => ({ int: s.statement.contracts.length }) },
    { header: h.counted, width: 8, value: (s) => ({ int: s.statement.countedUnits }) },
    { header: h.target, width: 8, value: (s) => ({ int: s.statement.target }) },
    { header: h.rate, width: 8, value: (s) => ({ rateBp: s.statement.rateBp }) },
    { header: h.total, width: 16, value: (s) => ({ money: s.statement.totalPriceFen }) },
    { header: h.gross, width: 14, value: (s) => ({ money: s.statement.grossFen }) },
    { header: h.forfeit, width: 18, value: (s) => forfeitText(s, w) },
    { header: h.commission, width: 14, value: (s) => ({ money: s.statement.commissionFen }) },
    { header: h.fines, width: 12, value: (s) => ({ money: s.statement.finesFen }) },
    { header: h.carryIn, width: 12, value: (s) => ({ money: s.statement.carryInFen }) },
    { header: h.net, width: 14, value: (s) => ({ money: s.statement.netFen }) },
    { header: h.payable, width: 14, value: (s) => ({ money: s.statement.payableFen }) },
    { header: h.carryOut, width: 12, value: (s) => ({ money: s.statement.carryOutFen }) },
  ]
  const top = writeTitle(summary, title(w.commission.title(x.projectName, statements.month)), tz)
  const end = writeTable(summary, top, columns, statements.statements, tz, { first: true })
  const sum = (f: (s: AgencyStatement) => number) => statements.statements.reduce((a, s) => a + f(s), 0)
  // the row right under the table: the money columns' totals
  const totals = summary.getRow(end - 1)
  totals.getCell(1).value = w.total
  totals.font = { bold: true }
  const totalOf: [number, (s: AgencyStatement) => number][] = [
    [7, (s) => s.statement.totalPriceFen],
    [8, (s) => s.statement.grossFen],
    [10, (s) => s.statement.commissionFen],
    [11, (s) => s.statement.finesFen],
    [13, (s) => s.statement.netFen],
    [14, (s) => s.statement.payableFen],
  ]
  for (const [col, f] of totalOf) setCell(totals.getCell(col), { money: sum(f) }, tz)

  for (const s of statements.statements) {
    const ws = wb.addWorksheet(sheetName(s.agencyName, used))
    let r = writeTitle(ws, title(w.commission.agencyTitle(s.agencyName, statements.month)), tz)
    r = writeTable(ws, r, contractColumns(s, w, audit), s.statement.contracts, tz, {
      caption: w.commission.contractsCaption,
      first: true,
    })
    r = writeTable(ws, r, fineColumns(s, w, audit), s.statement.fines, tz, { caption: w.commission.finesCaption })
    r = writeTable(ws, r, CALC_COLUMNS(w), calcRows(s, w), tz, { caption: w.commission.calcCaption })
    ws.getRow(r).getCell(1).value = w.commission.linesCaption
    ws.getRow(r).font = { bold: true }
    statementLines(s, { tz, group: false, settings: x.settings ?? DEFAULT_SETTINGS }, { manager: true }).forEach(
      (line, i) => {
        ws.getRow(r + 1 + i).getCell(1).value = line
      },
    )
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function forfeitText(s: AgencyStatement, w: ExportWords): string | null {
  const f = s.statement.forfeit
  return f ? w.commission.forfeit(f.kind, f.rule, code('P', f.fineId)) : null
}

function contractColumns(s: AgencyStatement, w: ExportWords, audit: (c: string) => string | null): Column<Contract>[] {
  const h = w.commission.contract
  return [
    { header: h.code, width: 8, value: (c) => code('C', c.id) },
    { header: h.unit, width: 14, value: (c) => s.unitCodes.get(c.id) ?? null },
    { header: h.signedAt, width: 17, value: (c) => ({ at: c.signedAt }) },
    { header: h.price, width: 16, value: (c) => ({ money: c.priceFen }) },
    { header: h.basement, width: 8, value: (c) => (c.basement ? w.yes : w.no) },
    { header: h.counted, width: 10, value: (c) => (c.basement ? w.no : w.yes) },
    { header: h.audit, width: 8, value: (c) => audit(code('C', c.id)) },
  ]
}

function fineColumns(s: AgencyStatement, w: ExportWords, audit: (c: string) => string | null): Column<Fine>[] {
  const h = w.commission.fine
  return [
    { header: h.code, width: 8, value: (f) => code('P', f.id) },
    { header: h.type, width: 8, value: (f) => (f.reversesId === null ? f.code : w.reversal) },
    { header: h.rule, width: 6, value: (f) => FINE_CATALOGUE[f.code]?.rule ?? null },
    { header: h.agent, width: 10, value: (f) => (f.staffId === null ? null : (s.staffNames.get(f.staffId) ?? null)) },
    { header: h.quantity, width: 6, value: (f) => ({ int: f.quantity }) },
    { header: h.amount, width: 12, value: (f) => ({ money: f.amountFen }) },
    { header: h.severe, width: 8, value: (f) => (f.severe ? w.yes : null) },
    { header: h.reverses, width: 10, value: (f) => (f.reversesId === null ? null : code('P', f.reversesId)) },
    { header: h.issuedAt, width: 17, value: (f) => ({ at: f.issuedAt }) },
    { header: h.audit, width: 8, value: (f) => audit(code('P', f.id)) },
  ]
}

type CalcRow = { label: string; value: CellValue }
const CALC_COLUMNS = (w: ExportWords): Column<CalcRow>[] => [
  { header: w.commission.calcItem, width: 22, value: (r) => r.label },
  { header: w.commission.calcValue, width: 16, value: (r) => r.value },
]

function calcRows(s: AgencyStatement, w: ExportWords): CalcRow[] {
  const st = s.statement
  const c = w.commission.calc
  return [
    { label: c.counted, value: { int: st.countedUnits } },
    { label: c.target, value: { int: st.target } },
    { label: c.rate, value: { rateBp: st.rateBp } },
    { label: c.total, value: { money: st.totalPriceFen } },
    { label: c.gross, value: { money: st.grossFen } },
    { label: c.forfeit, value: forfeitText(s, w) },
    { label: c.commission, value: { money: st.commissionFen } },
    { label: c.fines, value: { money: st.finesFen } },
    { label: c.carryIn, value: { money: st.carryInFen } },
    { label: c.net, value: { money: st.netFen } },
    { label: c.payable, value: { money: st.payableFen } },
    { label: c.carryOut, value: { money: st.carryOutFen } },
  ]
}
