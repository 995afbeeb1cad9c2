import type { Cell } from 'exceljs'
import { localDateOf, localTimeOf } from '../../domain/calendar.ts'
import type { Fen } from '../../domain/money.ts'
import { maskPhone } from '../../domain/phone.ts'

/** Money: a number of yuan with two decimals, shown `¥1,680,000.00` (negative with a minus sign). */
export const MONEY_FORMAT = '"¥"#,##0.00;-"¥"#,##0.00'
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm'
export const DATE_FORMAT = 'yyyy-mm-dd'
/** A rate of 160 basis points shows `1.6%`. */
export const RATE_FORMAT = '0.0#%'
/** An area in square metres with two decimals. */
export const AREA_FORMAT = '0.00"㎡"'

/** Integer fen → yuan as a number; exact to the fen for every amount below 2^53 fen (the division is correctly rounded). */
export const yuanValue = (fen: Fen): number => fen / 100

/**
 * An instant as the Excel date-time a person in the project's time zone reads: Excel dates have no zone, so the cell
 * holds the local wall-clock time (exceljs writes a Date by its UTC fields, hence a Date whose UTC fields are local).
 */
export function localExcelDate(at: Date, tz: string): Date {
  const [y, m, d] = localDateOf(at, tz).split('-').map(Number) as [number, number, number]
  const { hour, minute } = localTimeOf(at, tz)
  const withinMinute = ((at.getTime() % 60_000) + 60_000) % 60_000
  return new Date(Date.UTC(y, m - 1, d, hour, minute) + withinMinute)
}

/** A local date `YYYY-MM-DD` as an Excel date. */
export function excelDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d))
}

/** A phone number as this export may show it: full only in the secretary's and the manager's exports. */
export const phoneCell = (phone: string, fullPhones: boolean) => (fullPhones ? phone : maskPhone(phone))

/** What a typed cell holds; `null` leaves the cell empty. */
export type CellValue =
  | { money: Fen }
  | { at: Date }
  | { day: string }
  | { rateBp: number }
  | { int: number }
  | { area: number }
  | string
  | null

/** Writes a typed value with its number format; `tz` turns instants into the project's local date-times. */
export function setCell(cell: Cell, value: CellValue, tz: string) {
  if (value === null) return
  if (typeof value === 'string') cell.value = value
  else if ('money' in value) {
    cell.value = yuanValue(value.money)
    cell.numFmt = MONEY_FORMAT
  } else if ('at' in value) {
    cell.value = localExcelDate(value.at, tz)
    cell.numFmt = DATE_TIME_FORMAT
  } else if ('day' in value) {
    cell.value = excelDay(value.day)
    cell.numFmt = DATE_FORMAT
  } else if ('rateBp' in value) {
    cell.value = value.rateBp / 10_000
    cell.numFmt = RATE_FORMAT
  } else if ('area' in value) {
    cell.value = value.area / 100
    cell.numFmt = AREA_FORMAT
  } else {
    cell.value = value.int
    cell.numFmt = '0'
  }
}

/** A worksheet name Excel accepts (at most 31 characters, none of : \ / ? * [ ]), unique in the workbook. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, '_')
      .replace(/^'|'$/g, '_')
      .slice(0, 31) || '_'
  let name = base
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`
  used.add(name.toLowerCase())
  return name
}
