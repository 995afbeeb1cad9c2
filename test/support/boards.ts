// Boards to draw in tests, the golden image, the benchmark and the README's picture: deterministic, so the same call
// gives the same units every time.

import type { BoardInput, BoardUnit } from '../../src/chat/pictures/board.ts'
import type { UnitStatus } from '../../src/domain/unit.ts'

export const TZ = 'Asia/Shanghai'
/** 2026-12-01 15:40 in Shanghai. */
export const DRAWN_AT = new Date('2026-12-01T07:40:00Z')

/** A small deterministic generator (LCG), so boards need no fixtures on disk. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Lower floors sell first, as on a real site; a few units held (with a hold end), subscribed or locked. */
function statusOf(r: number, floorShare: number): UnitStatus {
  const sold = 0.75 - floorShare * 0.6
  if (r < sold * 0.8) return 'signed'
  if (r < sold) return 'subscribed'
  if (r < sold + 0.06) return 'held'
  if (r < sold + 0.09) return 'locked'
  return 'available'
}

const holdEnd = (r: number) => new Date(Date.UTC(2026, 11, 2 + Math.floor(r * 7), -8))

function unit(code: string, status: UnitStatus, r: number, basement = false): BoardUnit {
  return { code, status, heldUntil: status === 'held' ? holdEnd(r) : null, basement }
}

export interface BoardShape {
  buildings: number
  entrances: number
  rooms: number
  floors: number
  /** Parking spaces (车位-A-001…) and basement storerooms (地下室-12…) after the residential units. */
  parking: number
  seed?: number
}

/** A project of `buildings` × `entrances` × `rooms` × `floors` residential units plus `parking` basement units. */
export function shapedBoard(shape: BoardShape, projectName = '香公馆'): BoardInput {
  const next = random(shape.seed ?? 7)
  const units: BoardUnit[] = []
  for (let b = 1; b <= shape.buildings; b++)
    for (let e = 1; e <= shape.entrances; e++)
      for (let f = 1; f <= shape.floors; f++)
        for (let r = 1; r <= shape.rooms; r++) {
          const code = `${b}-${e}-${f}${String(r).padStart(2, '0')}`
          units.push(unit(code, statusOf(next(), f / shape.floors), next()))
        }
  for (let i = 1; i <= shape.parking; i++) {
    const code = i % 5 === 0 ? `地下室-${i / 5}` : `车位-${i % 2 ? 'A' : 'B'}-${String(i).padStart(3, '0')}`
    units.push(unit(code, statusOf(next(), 0.5), next(), true))
  }
  return { projectName, drawnAt: DRAWN_AT, tz: TZ, building: null, units }
}

/** `n` units: buildings of 2 entrances × 3 rooms × 26 floors (the last one may be partly built), 1 in 16 parking. */
export function boardOf(n: number): BoardInput {
  const parking = Math.round(n / 16)
  const residential = n - parking
  const perBuilding = 2 * 3 * 26
  const board = shapedBoard({
    buildings: Math.ceil(residential / perBuilding),
    entrances: 2,
    rooms: 3,
    floors: 26,
    parking,
  })
  const homes = board.units.filter((u) => !u.basement).slice(0, residential)
  return { ...board, units: [...homes, ...board.units.filter((u) => u.basement)] }
}

const at = (iso: string) => new Date(iso)

/**
 * The golden image's board: two buildings (one with an entrance of three rooms, one 'A座' without entrances and a
 * floor missing a room), every status, holds ending on different days, basement and parking units with a code too long
 * for its cell.
 */
export function goldenBoard(): BoardInput {
  const units: BoardUnit[] = []
  const statuses: UnitStatus[] = ['signed', 'subscribed', 'available', 'held', 'locked', 'available', 'signed']
  let k = 0
  for (let f = 1; f <= 5; f++)
    for (const [e, rooms] of [
      [1, 2],
      [2, 3],
    ] as const)
      for (let r = 1; r <= rooms; r++) {
        const status = statuses[k++ % statuses.length] as UnitStatus
        const heldUntil = status === 'held' ? at(`2026-12-0${2 + (k % 6)}T00:00:00+08:00`) : null
        units.push({ code: `1-${e}-${f}0${r}`, status, heldUntil, basement: false })
      }
  for (let f = 1; f <= 4; f++)
    for (let r = 1; r <= 2; r++) {
      if (f === 4 && r === 2) continue
      const status = statuses[k++ % statuses.length] as UnitStatus
      const heldUntil = status === 'held' ? at('2026-12-04T00:00:00+08:00') : null
      units.push({ code: `A-${f}0${r}`, status, heldUntil, basement: false })
    }
  units.push(
    { code: 'B1-017', status: 'signed', heldUntil: null, basement: true },
    { code: 'B1-018', status: 'held', heldUntil: at('2026-12-08T00:00:00+08:00'), basement: true },
    { code: '地下室-12', status: 'available', heldUntil: null, basement: true },
    { code: '车位-A-001', status: 'locked', heldUntil: null, basement: true },
    { code: '车位-A-002', status: 'available', heldUntil: null, basement: true },
    { code: '车位-地下二层-B区-000123', status: 'subscribed', heldUntil: null, basement: true },
  )
  return { projectName: '香公馆', drawnAt: DRAWN_AT, tz: TZ, building: null, units }
}

/** The boards whose pictures are committed as golden images (src/chat/pictures/golden/<name>.png). */
export const GOLDEN_BOARDS: { name: string; input: () => BoardInput }[] = [
  { name: 'board', input: goldenBoard },
  { name: 'board-empty', input: () => ({ ...goldenBoard(), units: [], building: '3' }) },
]

/** The README's picture: a plausible first phase of 香公馆 — three towers of different shapes and a parking level. */
export function demoProject(): BoardInput {
  const next = random(2026)
  const units: BoardUnit[] = []
  const towers = [
    { b: 1, entrances: 2, rooms: 2, floors: 18 },
    { b: 2, entrances: 2, rooms: 3, floors: 24 },
    { b: 3, entrances: 1, rooms: 4, floors: 11 },
  ]
  for (const t of towers)
    for (let e = 1; e <= t.entrances; e++)
      for (let f = 1; f <= t.floors; f++)
        for (let r = 1; r <= t.rooms; r++) {
          const code = `${t.b}-${e}-${f}${String(r).padStart(2, '0')}`
          units.push(unit(code, statusOf(next() * (t.b === 3 ? 1.6 : 1), f / t.floors), next()))
        }
  for (let i = 1; i <= 30; i++)
    units.push(unit(`车位-B1-${String(i).padStart(3, '0')}`, statusOf(next(), 0.7), next(), true))
  for (let i = 1; i <= 6; i++) units.push(unit(`地下室-${i}`, statusOf(next(), 0.9), next(), true))
  return { projectName: '香公馆一期', drawnAt: DRAWN_AT, tz: TZ, building: null, units }
}
