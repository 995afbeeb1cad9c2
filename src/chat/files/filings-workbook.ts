import ExcelJS from 'exceljs'
import { lastDayBefore } from '../../domain/calendar.ts'
import { phoneCell, sheetName } from './cells.ts'
import { type Column, writeTable, writeTitle } from './table.ts'
import type { ExportWords } from './words.ts'

export interface FilingRow {
  /** `F12` */
  code: string
  filedAt: Date
  agencyName: string
  /** Who filed: the agent, or the secretary filing for the agency. */
  filedBy: string
  customerName: string
  phone: string
  /** The instant protection ends (00:00 local after its last day). */
  protectedUntil: Date
  source: 'walk-in' | 'call' | null
  note: string | null
  auditCode: string | null
}

export interface CollisionRow {
  attemptedAt: Date
  customerName: string
  phone: string
  ownerAgency: string
  /** The owner's filing (`F12`); null when the customer is held by a deal. */
  ownerFiling: string | null
  ownerSince: Date
  ownerUntil: Date | null
  challengerAgency: string
  challengerAgent: string
  auditCode: string | null
}

export interface VisitRow {
  at: Date
  customerName: string
  phone: string
  agencyName: string
  /** `F12` */
  filing: string
  previousUntil: Date
  newUntil: Date
  registeredBy: string
  auditCode: string | null
}

/** `导出 报备 [YYYY-MM]`: the month's filings, collisions and visits. */
export interface FilingsExport {
  projectName: string
  tz: string
  exportedAt: Date
  month: string
  /** Full phone numbers only in the secretary's and the manager's exports (SPEC "Privacy"); masked otherwise. */
  fullPhones: boolean
  filings: readonly FilingRow[]
  collisions: readonly CollisionRow[]
  visits: readonly VisitRow[]
}

/** The filings workbook: one sheet each for filings, collisions (both sides) and visits, protection ends as last days. */
export async function filingsWorkbook(x: FilingsExport, w: ExportWords): Promise<Buffer> {
  const { tz, fullPhones } = x
  const wb = new ExcelJS.Workbook()
  wb.created = wb.modified = x.exportedAt
  const used = new Set<string>()
  const phone = (p: string) => phoneCell(p, fullPhones)
  const last = (end: Date) => ({ day: lastDayBefore(end, tz) })
  const f = w.filings
  const sheet = <R>(name: string, columns: Column<R>[], rows: readonly R[]) => {
    const ws = wb.addWorksheet(sheetName(name, used))
    const top = writeTitle(ws, [[f.title(x.projectName, x.month, name)], [w.exportedAt, { at: x.exportedAt }]], tz)
    writeTable(ws, top, columns, rows, tz, { first: true })
  }
  const h = f.filing
  sheet<FilingRow>(
    f.filingsSheet,
    [
      { header: h.code, width: 8, value: (r) => r.code },
      { header: h.filedAt, width: 17, value: (r) => ({ at: r.filedAt }) },
      { header: h.agency, width: 16, value: (r) => r.agencyName },
      { header: h.filedBy, width: 10, value: (r) => r.filedBy },
      { header: h.customer, width: 10, value: (r) => r.customerName },
      { header: h.phone, width: 14, value: (r) => phone(r.phone) },
      { header: h.protectedUntil, width: 12, value: (r) => last(r.protectedUntil) },
      { header: h.source, width: 8, value: (r) => (r.source ? f.source[r.source] : null) },
      { header: h.note, width: 20, value: (r) => r.note },
      { header: h.audit, width: 8, value: (r) => r.auditCode },
    ],
    x.filings,
  )
  const c = f.collision
  sheet<CollisionRow>(
    f.collisionsSheet,
    [
      { header: c.attemptedAt, width: 17, value: (r) => ({ at: r.attemptedAt }) },
      { header: c.customer, width: 10, value: (r) => r.customerName },
      { header: c.phone, width: 14, value: (r) => phone(r.phone) },
      { header: c.ownerAgency, width: 16, value: (r) => r.ownerAgency },
      { header: c.ownerFiling, width: 8, value: (r) => r.ownerFiling },
      { header: c.ownerSince, width: 17, value: (r) => ({ at: r.ownerSince }) },
      { header: c.ownerUntil, width: 12, value: (r) => (r.ownerUntil ? last(r.ownerUntil) : f.dealLocked) },
      { header: c.challengerAgency, width: 16, value: (r) => r.challengerAgency },
      { header: c.challengerAgent, width: 10, value: (r) => r.challengerAgent },
      { header: c.audit, width: 8, value: (r) => r.auditCode },
    ],
    x.collisions,
  )
  const v = f.visit
  sheet<VisitRow>(
    f.visitsSheet,
    [
      { header: v.at, width: 17, value: (r) => ({ at: r.at }) },
      { header: v.customer, width: 10, value: (r) => r.customerName },
      { header: v.phone, width: 14, value: (r) => phone(r.phone) },
      { header: v.agency, width: 16, value: (r) => r.agencyName },
      { header: v.filing, width: 8, value: (r) => r.filing },
      { header: v.previousUntil, width: 12, value: (r) => last(r.previousUntil) },
      { header: v.newUntil, width: 12, value: (r) => last(r.newUntil) },
      { header: v.registeredBy, width: 10, value: (r) => r.registeredBy },
      { header: v.audit, width: 8, value: (r) => r.auditCode },
    ],
    x.visits,
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
