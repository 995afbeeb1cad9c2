import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { AgencyStatement, Statements } from '../../app/show-statements.ts'
import { monthlyStatement, type SignedContract } from '../../domain/commission.ts'
import type { FineEntry } from '../../domain/fines.ts'
import { DEFAULT_SETTINGS } from '../../domain/settings.ts'
import { EXPORT_WORDS } from '../reply/export-labels.ts'
import { DATE_TIME_FORMAT, MONEY_FORMAT, RATE_FORMAT } from './cells.ts'
import { commissionWorkbook } from './commission-workbook.ts'

const TZ = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const contracts: SignedContract[] = [
  // 2026-11-30 23:59:59.999 local: still November
  { id: 3, agencyId: 1, priceFen: 168_000_000, basement: false, signedAt: at('2026-11-30T15:59:59.999Z') },
  { id: 4, agencyId: 1, priceFen: 20_000_012, basement: true, signedAt: at('2026-11-10T02:30:00Z') },
]
const fines: FineEntry[] = [
  {
    id: 7,
    agencyId: 1,
    staffId: 21,
    code: '态度',
    quantity: 1,
    amountFen: 20_000,
    issuedAt: at('2026-11-12T01:00:00Z'),
    reversesId: null,
  },
  {
    id: 8,
    agencyId: 1,
    staffId: null,
    code: '复印',
    quantity: 20,
    amountFen: 1_000,
    issuedAt: at('2026-11-13T01:00:00Z'),
    reversesId: null,
  },
  {
    id: 9,
    agencyId: 1,
    staffId: null,
    code: '复印',
    quantity: 20,
    amountFen: -1_000,
    issuedAt: at('2026-11-14T01:00:00Z'),
    reversesId: 8,
  },
]
const statement = monthlyStatement(
  { agencyId: 1, month: '2026-11', contracts, fines, carryInFen: -5_000_00 },
  DEFAULT_SETTINGS,
  TZ,
)
const agency: AgencyStatement = {
  agencyId: 1,
  agencyName: '链家/南区[一部]',
  dismissed: false,
  statement,
  unitCodes: new Map([
    [3, '3-1-1201'],
    [4, 'B1-017'],
  ]),
  staffNames: new Map([[21, '李四']]),
  projection: null,
  pending: [],
  settlement: { month: null, closed: [], owing: [], ack: null },
}
const empty: AgencyStatement = {
  ...agency,
  agencyId: 2,
  agencyName: '我爱我家',
  dismissed: true,
  statement: monthlyStatement(
    { agencyId: 2, month: '2026-11', contracts: [], fines: [], carryInFen: 0 },
    DEFAULT_SETTINGS,
    TZ,
  ),
}
const statements: Statements = { month: '2026-11', current: false, statements: [agency, empty] }

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook()
  // exceljs types its input as an ArrayBuffer; hand it the file's bytes as one
  await wb.xlsx.load(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer)
  return wb
}
/** The row whose first cell is `text`. */
const rowOf = (ws: ExcelJS.Worksheet, text: string) => {
  let found: ExcelJS.Row | undefined
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === text) found = row
  })
  if (!found) throw new Error(`no row ${text} in ${ws.name}`)
  return found
}

describe('commissionWorkbook', async () => {
  const wb = await read(
    await commissionWorkbook(
      {
        projectName: '香公馆',
        tz: TZ,
        exportedAt: at('2026-12-01T07:40:00Z'),
        statements,
        auditCodes: new Map([
          ['C3', 'A101'],
          ['P7', 'A88'],
        ]),
      },
      EXPORT_WORDS,
    ),
  )

  it('has a summary sheet and one sheet per agency, with names Excel accepts', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '链家_南区_一部_', '我爱我家'])
  })

  it('writes the statement’s figures as typed money, rate and count cells in the summary, with totals', () => {
    const ws = wb.getWorksheet('汇总') as ExcelJS.Worksheet
    expect(ws.getRow(1).getCell(1).value).toBe('香公馆 2026-11 佣金结算（R4）')
    const row = rowOf(ws, '链家/南区[一部]')
    // 1 counted unit < target 2 → 1.5%; total 1,880,000.12; gross = 28,200.00 (half-up to the fen)
    expect(statement.grossFen).toBe(2_820_000)
    const values = [3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15].map((c) => row.getCell(c).value)
    expect(values).toEqual([2, 1, 2, 0.015, 1_880_000.12, 28_200, 28_200, 200, -5_000, 23_000, 23_000, 0])
    expect(row.getCell(7).numFmt).toBe(MONEY_FORMAT)
    expect(row.getCell(6).numFmt).toBe(RATE_FORMAT)
    expect(typeof row.getCell(7).value).toBe('number')
    const other = rowOf(ws, '我爱我家')
    expect(other.getCell(2).value).toBe('已劝退')
    const totals = rowOf(ws, '合计')
    expect(totals.getCell(7).value).toBe(1_880_000.12)
    expect(totals.getCell(14).value).toBe(23_000)
    expect(totals.getCell(14).numFmt).toBe(MONEY_FORMAT)
  })

  it('lists the agency’s contracts with codes, units, local signing times, prices and audit codes', () => {
    const ws = wb.getWorksheet('链家_南区_一部_') as ExcelJS.Worksheet
    const c3 = rowOf(ws, 'C3')
    expect(c3.getCell(2).value).toBe('3-1-1201')
    const signed = c3.getCell(3).value as Date
    // written as the local wall clock: 2026-11-30 23:59 in Shanghai
    expect(signed).toBeInstanceOf(Date)
    expect(signed.toISOString()).toBe('2026-11-30T23:59:59.999Z')
    expect(c3.getCell(3).numFmt).toBe(DATE_TIME_FORMAT)
    expect(c3.getCell(4).value).toBe(1_680_000)
    expect(c3.getCell(7).value).toBe('A101')
    const c4 = rowOf(ws, 'C4')
    expect([c4.getCell(2).value, c4.getCell(4).value, c4.getCell(5).value, c4.getCell(6).value]).toEqual([
      'B1-017',
      200_000.12,
      '是',
      '否',
    ])
  })

  it('lists fines and reversals with their codes, rules, agents and signed amounts', () => {
    const ws = wb.getWorksheet('链家_南区_一部_') as ExcelJS.Worksheet
    const p7 = rowOf(ws, 'P7')
    expect([2, 3, 4, 5, 6, 10].map((c) => p7.getCell(c).value)).toEqual(['态度', 'R7', '李四', 1, 200, 'A88'])
    const p9 = rowOf(ws, 'P9')
    expect([p9.getCell(2).value, p9.getCell(6).value, p9.getCell(8).value]).toEqual(['冲正', -10, 'P8'])
    expect((p9.getCell(9).value as Date).toISOString()).toBe('2026-11-14T09:00:00.000Z')
  })

  it('shows the calculation and the statement lines as the chat writes them', () => {
    const ws = wb.getWorksheet('链家_南区_一部_') as ExcelJS.Worksheet
    expect(rowOf(ws, '净额 = 佣金 − 罚款 + 上月结转').getCell(2).value).toBe(23_000)
    expect(rowOf(ws, '上月结转').getCell(2).value).toBe(-5_000)
    const texts: string[] = []
    ws.eachRow((row) => {
      const v = row.getCell(1).value
      if (typeof v === 'string') texts.push(v)
    })
    expect(texts).toContain('佣金：¥1,880,000.12 × 1.5% = ¥28,200.00')
    expect(texts).toContain('应付：¥23,000.00；结转下月：¥0.00')
  })
})
