import type { LocalMonth } from '../domain/calendar.ts'
import { overdueAt } from '../domain/settlement.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { coveredAgencies, loadBooks, statementsOf } from './show-statements.ts'
import { runKey } from './timed.ts'

/**
 * 结佣 overdue: settings.settlementOverdueDays after `month` closed, the managers are told once which agencies' statements
 * of it still owe, and how much. Recorded under (project, month) whether or not anything was owing, so a restart or a
 * second instance sends nothing again; null when that run exists already.
 */
export async function remindOverdueSettlement(
  tx: Tx,
  ctx: CommandContext,
  input: { month: LocalMonth; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const tz = project.timezone
  const days = project.settings.settlementOverdueDays
  const dueAt = overdueAt(input.month, days, tz)
  if (now.getTime() < dueAt.getTime()) return null
  const books = await loadBooks(tx, ctx)
  const statements = coveredAgencies(
    books,
    await statementsOf(tx, ctx, books, input.month, books.agencies),
    input.month,
    tz,
  )
  const owing = statements.flatMap((s) =>
    s.settlement.month && s.settlement.month.outstandingFen > 0
      ? [{ agencyName: s.agencyName, settlement: s.settlement.month }]
      : [],
  )
  const run: TimedRun = {
    key: runKey('settlement-overdue', `project-${project.id}`, input.month),
    projectId: project.id,
    kind: 'settlement-overdue',
    dueAt,
    outcome: owing.length === 0 ? 'applied' : now.getTime() - dueAt.getTime() > input.lateAfterMs ? 'late' : 'sent',
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  if (owing.length > 0) {
    ctx.notify({
      audience: [{ to: 'role', role: 'manager' }],
      // amounts owed to agencies are not for the site's groups
      directOnly: true,
      event: { kind: 'settlement-overdue', month: input.month, overdueDays: days, statements: owing },
    })
  }
  return run
}
