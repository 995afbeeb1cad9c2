import { compareUnitCodes } from '../../domain/unit.ts'
import type { BoardUnit } from './board.ts'

/** One column of a building's grid: the entrance (单元) and the room's number on its floor. */
export interface GridColumn {
  entrance: string | null
  room: string
}

/** A building drawn as floors (rows, highest first) × rooms (columns); a hole is a room that floor does not have. */
export interface BuildingGrid {
  name: string
  columns: GridColumn[]
  floors: number[]
  /** rows[i][j]: the unit on floors[i] in columns[j]. */
  rows: (BoardUnit | null)[][]
}

/** Basement, parking and any unit whose code is not building-(entrance-)room, grouped by the code's first part. */
export interface OtherGroup {
  name: string
  units: BoardUnit[]
}

export interface Arrangement {
  buildings: BuildingGrid[]
  others: OtherGroup[]
}

interface Place {
  building: string
  entrance: string | null
  floor: number
  room: string
}

/**
 * Where a residential code sits: `3-1-1201` is building 3, entrance 1, floor 12, room 01; `A-1201` has no entrance.
 * The room is 3–5 digits, the last two its number on the floor, the rest a floor of at least 1 — so `B1-017`,
 * `地下室-12` and `车位-A-001` are not residential and go to the other block.
 */
export function gridPlace(code: string): Place | null {
  const parts = code.split('-')
  const room = parts[parts.length - 1] ?? ''
  const building = parts[0] ?? ''
  const entrance = parts.length === 3 ? (parts[1] ?? '') : null
  if (parts.length !== 2 && parts.length !== 3) return null
  if (!/^[A-Za-z0-9]{1,4}$/.test(building) || (entrance !== null && !/^\d{1,3}$/.test(entrance))) return null
  if (!/^\d{3,5}$/.test(room)) return null
  const floor = Number(room.slice(0, -2))
  return floor >= 1 ? { building, entrance, floor, room: room.slice(-2) } : null
}

const byNumber = (a: string, b: string) => compareUnitCodes(a, b)
const columnKey = (c: GridColumn) => `${c.entrance ?? ''}|${c.room}`

function buildingGrid(name: string, placed: { unit: BoardUnit; place: Place }[], others: BoardUnit[]): BuildingGrid {
  const columns = new Map<string, GridColumn>()
  for (const { place } of placed) {
    const c = { entrance: place.entrance, room: place.room }
    columns.set(columnKey(c), c)
  }
  const ordered = [...columns.values()].sort(
    (a, b) => byNumber(a.entrance ?? '', b.entrance ?? '') || byNumber(a.room, b.room),
  )
  const floors = [...new Set(placed.map((p) => p.place.floor))].sort((a, b) => b - a)
  const col = new Map(ordered.map((c, j) => [columnKey(c), j]))
  const rows = floors.map(() => ordered.map((): BoardUnit | null => null))
  for (const { unit, place } of placed) {
    const row = rows[floors.indexOf(place.floor)] as (BoardUnit | null)[]
    const j = col.get(columnKey(place)) as number
    // Two codes for one cell (`3-1-1201`, `3-1-01201`): the second is shown in the other block, never dropped.
    if (row[j]) others.push(unit)
    else row[j] = unit
  }
  return { name, columns: ordered, floors, rows }
}

/** Splits the board into building grids and the other block; every unit appears exactly once. */
export function arrangeBoard(units: readonly BoardUnit[]): Arrangement {
  const sorted = [...units].sort((a, b) => compareUnitCodes(a.code, b.code))
  const byBuilding = new Map<string, { unit: BoardUnit; place: Place }[]>()
  const rest: BoardUnit[] = []
  for (const unit of sorted) {
    const place = unit.basement ? null : gridPlace(unit.code)
    if (!place) {
      rest.push(unit)
      continue
    }
    const list = byBuilding.get(place.building) ?? []
    list.push({ unit, place })
    byBuilding.set(place.building, list)
  }
  const buildings = [...byBuilding.keys()]
    .sort(byNumber)
    .map((name) => buildingGrid(name, byBuilding.get(name) ?? [], rest))
  const groups = new Map<string, BoardUnit[]>()
  for (const unit of rest.sort((a, b) => compareUnitCodes(a.code, b.code))) {
    const name = unit.code.includes('-') ? (unit.code.split('-')[0] ?? '') : ''
    const group = groups.get(name) ?? []
    group.push(unit)
    groups.set(name, group)
  }
  const others = [...groups.entries()].sort(([a], [b]) => byNumber(a, b)).map(([name, list]) => ({ name, units: list }))
  return { buildings, others }
}
