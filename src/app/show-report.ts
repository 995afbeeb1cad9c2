import { type LocalMonth, localDateOf, localMonthOf, monthRange } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { type AgencyRef, buildReport, type Report } from '../domain/report.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface ReportView {
  month: LocalMonth
  /** The month is still running: figures as of now. */
  current: boolean
  report: Report
  /** Set for an agent: the report holds only its own agency's figures (the ranks keep every name, no figures). */
  ownAgencyId: number | null
}

/**
 * `报表 [YYYY-MM]` (manager; an agent: its own agency's line and the ranks): per agency the month's funnel, collisions
 * won and lost, leads dealt and skips, fines; the rankings; rotation fairness. Covers the active agencies and any
 * dismissed one with records in the month. A month that has not begun is refused.
 */
export async function showReport(
  tx: Tx,
  ctx: CommandContext,
  input: { month: LocalMonth | null },
): Promise<Result<ReportView, DomainError>> {
  const { project, actor } = ctx
  const tz = project.timezone
  const now = localMonthOf(ctx.now, tz)
  const month = input.month ?? now
  if (month > now) return err({ code: 'period.future', period: month, today: localDateOf(ctx.now, tz) })
  const { start, end } = monthRange(month, tz)
  const records = await tx.desk.periodRecords(project.id, start, end)
  const touched = new Set<number>([
    ...records.filings.map((r) => r.agencyId),
    ...records.visits.map((r) => r.agencyId),
    ...records.deposits.map((r) => r.agencyId),
    ...records.subscriptions.map((r) => r.agencyId),
    ...records.signings.map((r) => r.agencyId),
    ...records.turns.map((r) => r.agencyId),
    ...records.fines.map((r) => r.agencyId),
    ...records.collisions.flatMap((c) => [c.ownerAgencyId, c.challengerAgencyId]),
  ])
  const agencies: AgencyRef[] = (await tx.agencies.list(project.id))
    .filter((a) => a.createdAt < end && (a.status === 'active' || touched.has(a.id)))
    .map((a) => ({ id: a.id, name: a.name, seq: a.seq, active: a.status === 'active' }))
  const report = buildReport(agencies, records)
  if (actor.role !== 'agent') return ok({ month, current: month === now, report, ownAgencyId: null })
  // An agent sees its own figures and where it ranks; nothing another agency did.
  const own = actor.agencyId
  const fairness = report.fairness
  return ok({
    month,
    current: month === now,
    ownAgencyId: own,
    report: {
      ...report,
      lines: report.lines.filter((l) => l.agencyId === own),
      fairness: {
        ...fairness,
        perAgency: fairness.perAgency.filter((p) => p.agencyId === own),
        longestGap: null,
      },
    },
  })
}
