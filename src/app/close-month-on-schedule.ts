import { addMonths, type LocalMonth, startOfDay } from '../domain/calendar.ts'
import { closeMonth } from './close-month.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/**
 * The 1st-of-month close (R4) of `month`, once per project and month: last month's statements to the manager, the
 * agencies under target, the dismissal proposals (closeMonth). Null when another instance closed it.
 */
export async function closeMonthOnSchedule(tx: Tx, ctx: CommandContext, month: LocalMonth): Promise<TimedRun | null> {
  const run: TimedRun = {
    key: runKey('month-close', `project-${ctx.project.id}`, month),
    projectId: ctx.project.id,
    kind: 'month-close',
    dueAt: startOfDay(`${addMonths(month, 1)}-01`, ctx.project.timezone),
    outcome: 'applied',
  }
  if (!(await tx.schedule.claim(run, ctx.now, ctx.actor.identity))) return null
  await closeMonth(tx, ctx, month)
  return run
}
