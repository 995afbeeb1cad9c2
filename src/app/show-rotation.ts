import { localDateOf } from '../domain/calendar.ts'
import { rotationOrder } from '../domain/rotation.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface RotationBoard {
  localDate: string
  /** Agencies in the order the next leads would go, with whether each would be skipped right now. */
  queue: { agencyId: number; name: string; checkedIn: boolean }[]
  /** Per agency, today's turns given, skips (with reasons) and protected leads that went to it. */
  today: { agencyId: number; name: string; assigned: number; skipped: number; owner: number; reasons: string[] }[]
}

/** 轮排: who is next, and today's turns and skips per agency. Changes nothing. */
export async function showRotation(tx: Tx, ctx: CommandContext): Promise<RotationBoard> {
  const localDate = localDateOf(ctx.now, ctx.project.timezone)
  const agencies = await tx.agencies.list(ctx.project.id, { status: 'active' })
  const present = await tx.attendance.agenciesCheckedIn(ctx.project.id, localDate)
  const { lastSeq } = await tx.rotation.state(ctx.project.id)
  const turns = await tx.rotation.turnsOn(ctx.project.id, localDate)
  return {
    localDate,
    queue: rotationOrder(agencies, lastSeq).map((a) => ({
      agencyId: a.id,
      name: a.name,
      checkedIn: present.has(a.id),
    })),
    today: agencies.map((a) => {
      const mine = turns.filter((t) => t.agencyId === a.id)
      return {
        agencyId: a.id,
        name: a.name,
        assigned: mine.filter((t) => t.outcome === 'assigned').length,
        skipped: mine.filter((t) => t.outcome === 'skipped').length,
        owner: mine.filter((t) => t.outcome === 'owner').length,
        reasons: [...new Set(mine.flatMap((t) => (t.outcome === 'skipped' && t.reason ? [t.reason] : [])))],
      }
    }),
  }
}
