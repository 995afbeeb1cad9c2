export { type BoardExport, type BoardSheetUnit, boardSheetUnits, boardWorkbook } from './board-workbook.ts'
export { type CommissionExport, commissionWorkbook } from './commission-workbook.ts'
export {
  type CollisionRow,
  type FilingRow,
  type FilingsExport,
  filingsWorkbook,
  type VisitRow,
} from './filings-workbook.ts'
export { type FineRow, type FinesExport, finesWorkbook } from './fines-workbook.ts'
export type { ExportWords } from './words.ts'
