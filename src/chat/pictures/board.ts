import { effectiveStatus, type Unit, type UnitStatus } from '../../domain/unit.ts'

/**
 * One unit as the board picture shows it. There is deliberately no price here: the picture goes to groups and agents,
 * and a floor price (底价) must never reach them, so the type cannot carry one.
 */
export interface BoardUnit {
  code: string
  /** The status at the moment drawn (a hold that has ended is available). */
  status: UnitStatus
  /** The instant a live hold ends (00:00 local after its last day); null unless held. */
  heldUntil: Date | null
  /** Basement and parking units (地下室, 车位) are drawn in their own block. */
  basement: boolean
}

/** What the board picture is drawn from. */
export interface BoardInput {
  projectName: string
  /** The time printed on the picture, and the instant statuses were taken at. */
  drawnAt: Date
  /** The project's time zone: the printed time and hold ends are local. */
  tz: string
  /** `销控 <楼栋>`: the building the board was narrowed to, printed in the title; null for the whole project. */
  building: string | null
  units: readonly BoardUnit[]
}

/**
 * Every word the picture draws, supplied by the reply catalog. Functions take what is already formatted (numbers,
 * local dates) so the picture never builds a sentence of its own.
 */
export interface BoardLabels {
  /** The title after the project name, e.g. 销控表. */
  title: string
  /** The narrowed title, e.g. `3号楼 销控表`. */
  buildingTitle: (building: string) => string
  status: Record<UnitStatus, string>
  /** `绘制于 2026-12-01 15:40`. */
  drawnAt: (localDateTime: string) => string
  /** `共 1000 套`. */
  total: (n: number) => string
  /** A count after a status name in the legend, e.g. `12 套`. */
  count: (n: number) => string
  /** A building's heading, e.g. `3号楼` (codes `3-1-1201`) or `A座` (codes `A-1-1201`). */
  building: (name: string) => string
  /** An entrance's column heading, e.g. `1单元`. */
  entrance: (name: string) => string
  /** A floor's row heading, e.g. `12F`. */
  floor: (n: number) => string
  /** The heading of the basement and parking block. */
  basementBlock: string
  /** On a held unit, its last day (`至12-03`). */
  heldUntil: (lastDay: string) => string
  /** Under the legend: what the last day on a held unit means. */
  holdNote: string
  /** An empty board. */
  empty: string
}

/** The board's units at `now`, from the domain's units: effective status (R14 lapsed holds are available), no prices. */
export function boardUnits(units: readonly Unit[], now: Date): BoardUnit[] {
  return units.map((u) => {
    const status = effectiveStatus(u, now)
    return { code: u.code, status, heldUntil: status === 'held' ? u.heldUntil : null, basement: u.basement }
  })
}
