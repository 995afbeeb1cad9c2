import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Unit } from '../../domain/unit.ts'
import { EXPORT_WORDS } from '../reply/export-labels.ts'
import { boardSheetUnits, boardWorkbook } from './board-workbook.ts'
import { AREA_FORMAT, DATE_FORMAT, DATE_TIME_FORMAT, localExcelDate, MONEY_FORMAT, sheetName } from './cells.ts'
import { type FilingsExport, filingsWorkbook } from './filings-workbook.ts'
import { finesWorkbook } from './fines-workbook.ts'

const TZ = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const EXPORTED = at('2026-12-01T07:40:00Z')

async function read(buffer: Buffer) {
  const wb = new ExcelJS.Workbook()
  // exceljs types its input as an ArrayBuffer; hand it the file's bytes as one
  await wb.xlsx.load(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer)
  return wb
}
const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name) as ExcelJS.Worksheet
/** Every cell value of a sheet, row by row, as text (for "no full number anywhere"). */
const allText = (wb: ExcelJS.Workbook) => {
  const out: string[] = []
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))))
  return out.join('\n')
}
const rowOf = (ws: ExcelJS.Worksheet, col: number, text: unknown) => {
  let found: ExcelJS.Row | undefined
  ws.eachRow((row) => {
    if (!found && row.getCell(col).value === text) found = row
  })
  if (!found) throw new Error(`no row with ${String(text)} in ${ws.name}`)
  return found
}

describe('cells', () => {
  it('writes instants as the local wall clock, across a day boundary', () => {
    expect(localExcelDate(at('2026-11-30T16:00:00Z'), TZ).toISOString()).toBe('2026-12-01T00:00:00.000Z')
    expect(localExcelDate(at('2026-11-30T15:59:59.999Z'), TZ).toISOString()).toBe('2026-11-30T23:59:59.999Z')
    expect(localExcelDate(at('2026-07-01T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-07-01T08:00:00.000Z',
    )
  })

  it('names sheets within Excel’s rules, uniquely', () => {
    const used = new Set<string>()
    expect(sheetName('a/b:c?d*e[f]g\\h', used)).toBe('a_b_c_d_e_f_g_h')
    expect(sheetName('非常长的分销名称'.repeat(5), used)).toHaveLength(31)
    expect(sheetName('链家', used)).toBe('链家')
    expect(sheetName('链家', used)).toBe('链家_2')
  })
})

describe('finesWorkbook', async () => {
  const wb = await read(
    await finesWorkbook(
      {
        projectName: '香公馆',
        tz: TZ,
        exportedAt: EXPORTED,
        month: '2026-11',
        fines: [
          {
            code: 'P7',
            issuedAt: at('2026-11-12T01:00:00Z'),
            agencyName: '链家',
            staffName: '李四',
            fineCode: '态度',
            rule: 'R7',
            quantity: 1,
            amountFen: 20_000,
            severe: false,
            note: '与客户争吵',
            issuedBy: '王经理',
            reverses: null,
            auditCode: 'A88',
          },
          {
            code: 'P8',
            issuedAt: at('2026-11-13T01:00:00Z'),
            agencyName: '链家',
            staffName: null,
            fineCode: '复印',
            rule: 'R18',
            quantity: 3,
            amountFen: 150,
            severe: false,
            note: null,
            issuedBy: '王经理',
            reverses: null,
            auditCode: 'A90',
          },
          {
            code: 'P9',
            issuedAt: at('2026-11-14T01:00:00Z'),
            agencyName: '链家',
            staffName: null,
            fineCode: '复印',
            rule: 'R18',
            quantity: 3,
            amountFen: -150,
            severe: false,
            note: '误罚',
            issuedBy: '王经理',
            reverses: 'P8',
            auditCode: 'A93',
          },
          {
            code: 'P10',
            issuedAt: at('2026-11-20T01:00:00Z'),
            agencyName: '我爱我家',
            staffName: null,
            fineCode: '不配合',
            rule: 'R6',
            quantity: 1,
            amountFen: 50_000,
            severe: true,
            note: null,
            issuedBy: '王经理',
            reverses: null,
            auditCode: null,
          },
        ],
      },
      EXPORT_WORDS,
    ),
  )

  it('lists every entry with typed amounts and local times, reversals naming what they reverse', () => {
    const ws = sheet(wb, '罚款明细')
    const p7 = rowOf(ws, 1, 'P7')
    expect(p7.getCell(8).value).toBe(200)
    expect(p7.getCell(8).numFmt).toBe(MONEY_FORMAT)
    expect((p7.getCell(2).value as Date).toISOString()).toBe('2026-11-12T09:00:00.000Z')
    expect(p7.getCell(2).numFmt).toBe(DATE_TIME_FORMAT)
    expect([p7.getCell(4).value, p7.getCell(5).value, p7.getCell(6).value, p7.getCell(13).value]).toEqual([
      '李四',
      '态度',
      'R7',
      'A88',
    ])
    const p9 = rowOf(ws, 1, 'P9')
    expect([p9.getCell(5).value, p9.getCell(8).value, p9.getCell(10).value]).toEqual(['冲正 复印', -1.5, 'P8'])
    expect(rowOf(ws, 1, 'P10').getCell(9).value).toBe('是')
  })

  it('sums per agency, reversals netted', () => {
    const ws = sheet(wb, '按分销汇总')
    const lianjia = rowOf(ws, 1, '链家')
    expect([2, 3, 4].map((c) => lianjia.getCell(c).value)).toEqual([2, 1, 200])
    expect(rowOf(ws, 1, '我爱我家').getCell(4).value).toBe(500)
  })
})

describe('filingsWorkbook', () => {
  const input = (fullPhones: boolean): FilingsExport => ({
    projectName: '香公馆',
    tz: TZ,
    exportedAt: EXPORTED,
    month: '2026-11',
    fullPhones,
    filings: [
      {
        code: 'F12',
        filedAt: at('2026-11-01T07:40:00Z'),
        agencyName: '链家',
        filedBy: '张三',
        customerName: '赵六',
        phone: '13755556666',
        // filed 11-01: 15 days, the first counting → ends 11-16 00:00, last day 11-15
        protectedUntil: at('2026-11-15T16:00:00Z'),
        source: 'walk-in',
        note: null,
        auditCode: 'A41',
      },
    ],
    collisions: [
      {
        attemptedAt: at('2026-11-03T02:00:00Z'),
        customerName: '赵六',
        phone: '13755556666',
        ownerAgency: '链家',
        ownerFiling: 'F12',
        ownerSince: at('2026-11-01T07:40:00Z'),
        ownerUntil: at('2026-11-15T16:00:00Z'),
        challengerAgency: '我爱我家',
        challengerAgent: '钱七',
        auditCode: 'A57',
      },
    ],
    visits: [
      {
        at: at('2026-11-10T03:00:00Z'),
        customerName: '赵六',
        phone: '13755556666',
        agencyName: '链家',
        filing: 'F12',
        previousUntil: at('2026-11-15T16:00:00Z'),
        newUntil: at('2026-11-24T16:00:00Z'),
        registeredBy: '秘书小周',
        auditCode: 'A60',
      },
    ],
  })

  it('has a sheet each for filings, collisions and visits, protection ends as local last days', async () => {
    const wb = await read(await filingsWorkbook(input(true), EXPORT_WORDS))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报备', '撞单', '到访'])
    const f = rowOf(sheet(wb, '报备'), 1, 'F12')
    expect((f.getCell(7).value as Date).toISOString()).toBe('2026-11-15T00:00:00.000Z')
    expect(f.getCell(7).numFmt).toBe(DATE_FORMAT)
    expect([f.getCell(6).value, f.getCell(8).value, f.getCell(10).value]).toEqual(['13755556666', '来访轮排', 'A41'])
    const c = rowOf(sheet(wb, '撞单'), 2, '赵六')
    expect([
      c.getCell(4).value,
      c.getCell(5).value,
      c.getCell(8).value,
      c.getCell(9).value,
      c.getCell(10).value,
    ]).toEqual(['链家', 'F12', '我爱我家', '钱七', 'A57'])
    const v = rowOf(sheet(wb, '到访'), 2, '赵六')
    expect((v.getCell(7).value as Date).toISOString()).toBe('2026-11-24T00:00:00.000Z')
  })

  it('masks every phone number unless the export is allowed full numbers', async () => {
    const masked = allText(await read(await filingsWorkbook(input(false), EXPORT_WORDS)))
    expect(masked).not.toContain('13755556666')
    expect(masked.match(/137\*\*\*\*6666/g)).toHaveLength(3)
    expect(allText(await read(await filingsWorkbook(input(true), EXPORT_WORDS)))).toContain('13755556666')
  })
})

describe('boardWorkbook', () => {
  const unit = (code: string, over: Partial<Unit> = {}): Unit => ({
    id: 1,
    code,
    areaCm2: 8950,
    listPriceFen: 168_000_000,
    floorPriceFen: 160_123_400,
    basement: false,
    status: 'available',
    depositId: null,
    heldUntil: null,
    ...over,
  })
  const end = at('2026-12-03T16:00:00Z')
  const units = [
    unit('3-1-1201', { status: 'held', depositId: 3, heldUntil: end }),
    unit('3-1-901', { status: 'signed' }),
    unit('车位-A-001', { basement: true, areaCm2: 1250, listPriceFen: 20_000_000, floorPriceFen: 18_000_000 }),
    unit('3-1-1202', { status: 'held', depositId: 4, heldUntil: at('2026-12-01T07:00:00Z') }),
  ]

  it('lists units in code order with status, hold and typed area and list price, never the floor price', async () => {
    const wb = await read(
      await boardWorkbook(
        { projectName: '香公馆', tz: TZ, exportedAt: EXPORTED, units: boardSheetUnits(units, EXPORTED) },
        EXPORT_WORDS,
      ),
    )
    const ws = sheet(wb, '房源')
    const codes: unknown[] = []
    ws.eachRow((row, n) => {
      if (n > 4) codes.push(row.getCell(1).value)
    })
    expect(codes).toEqual(['3-1-901', '3-1-1201', '3-1-1202', '车位-A-001'])
    const held = rowOf(ws, 1, '3-1-1201')
    expect([held.getCell(2).value, held.getCell(4).value, held.getCell(5).value, held.getCell(6).value]).toEqual([
      '3',
      89.5,
      1_680_000,
      '已定',
    ])
    expect(held.getCell(4).numFmt).toBe(AREA_FORMAT)
    expect((held.getCell(7).value as Date).toISOString()).toBe('2026-12-03T00:00:00.000Z')
    expect((held.getCell(8).value as Date).toISOString()).toBe('2026-12-04T00:00:00.000Z')
    // a hold that ended before the export is for sale (R14)
    expect(rowOf(ws, 1, '3-1-1202').getCell(6).value).toBe('可售')
    expect(rowOf(ws, 1, '车位-A-001').getCell(3).value).toBe('是')
    const text = allText(wb)
    for (const floor of ['1601234', '1,601,234', '180000', '160123']) expect(text).not.toContain(floor)
    const counts = sheet(wb, '统计')
    expect([2, 3, 6, 7].map((c) => rowOf(counts, 1, '3').getCell(c).value)).toEqual([1, 1, 0, 3])
    expect(rowOf(counts, 1, '合计').getCell(7).value).toBe(4)
  })
})
