import { type SalesBoard, salesBoard } from '../domain/unit.ts'
import type { CommandContext, Tx } from './ports.ts'

/** 销控: counts per status and the available units at `now` (a hold that has ended counts as available). */
export async function showSalesBoard(tx: Tx, ctx: CommandContext): Promise<SalesBoard> {
  return salesBoard(await tx.units.list(ctx.project.id), ctx.now)
}
