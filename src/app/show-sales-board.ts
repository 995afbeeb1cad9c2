import { type SalesBoard, salesBoard, type Unit } from '../domain/unit.ts'
import type { CommandContext, Tx } from './ports.ts'

/**
 * 销控: counts per status and the available units at `now` (a hold that has ended counts as available), and the units
 * themselves for the picture. `building` narrows it to one building (`3` for `3-1-1201`, `A` for `A-1201`).
 */
export async function showSalesBoard(
  tx: Tx,
  ctx: CommandContext,
  building: string | null = null,
): Promise<SalesBoard & { units: Unit[] }> {
  const all = await tx.units.list(ctx.project.id)
  const units = building === null ? all : all.filter((u) => buildingOf(u.code) === building)
  return { ...salesBoard(units, ctx.now), units }
}

/** The building a unit code belongs to: the part before the first dash, case-folded (`a-1201` is building A). */
export const buildingOf = (code: string): string => (code.split('-')[0] ?? '').toUpperCase()
