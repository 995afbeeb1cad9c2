import { localDateOf, localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { type Period, parsePeriod, periodRange } from '../domain/report.ts'
import { ok, type Result } from '../domain/result.ts'
import type { CollisionRecord, CommandContext, Tx } from './ports.ts'

export interface CollisionList {
  period: Period
  collisions: CollisionRecord[]
}

/**
 * `撞单 [YYYY-MM-DD|YYYY-MM]` (manager, secretary): the collisions (R12, R13) attempted in that day or month, default
 * this month, oldest first, with both sides. A period that has not begun is refused.
 */
export async function listCollisions(
  tx: Tx,
  ctx: CommandContext,
  input: string | null,
): Promise<Result<CollisionList, DomainError>> {
  const tz = ctx.project.timezone
  let period: Period = { kind: 'month', month: localMonthOf(ctx.now, tz) }
  if (input !== null) {
    const parsed = parsePeriod(input, localDateOf(ctx.now, tz))
    if (!parsed.ok) return parsed
    period = parsed.value
  }
  const { from, to } = periodRange(period, tz)
  return ok({ period, collisions: await tx.desk.collisions(ctx.project.id, from, to) })
}
