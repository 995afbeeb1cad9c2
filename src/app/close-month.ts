import { type LocalMonth, localDateOf, localMonthOf } from '../domain/calendar.ts'
import { dismissalProposal } from '../domain/commission.ts'
import { auditBase } from './audit.ts'
import { encodeDismissalReason } from './dismiss-agency.ts'
import type { ProposalFacts } from './money-notices.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'
import { type AgencyStatement, coveredAgencies, loadBooks, statementsOf } from './show-statements.ts'

export interface MonthClose {
  month: LocalMonth
  /** Every covered agency's statement of the month (carry-over from its history). */
  statements: AgencyStatement[]
  /** Active agencies that signed fewer non-basement units than the target (R4). */
  underTarget: { agencyId: number; agencyName: string; countedUnits: number; target: number }[]
  /** R4 two months under target: one proposal per agency and closed month, `created` false when it already existed. */
  proposals: (ProposalFacts & { agencyId: number; dismissalId: number })[]
}

/**
 * The scheduler's job on the 1st (for the month before): statements of `month`, the agencies under target, and a
 * dismissal proposal (R4 "连续2月没有完成任务劝退") for each active agency under target in `month` and the months
 * before it; the manager is told and confirms with `劝退 <分销>`. Idempotent: a second run finds the proposal of the
 * same agency and month (decided under the agency's lock) and adds none. `month` must have ended.
 */
export async function closeMonth(tx: Tx, ctx: CommandContext, month: LocalMonth): Promise<MonthClose> {
  const { project } = ctx
  const tz = project.timezone
  if (month >= localMonthOf(ctx.now, tz)) throw new RangeError(`closeMonth(${month}): the month has not ended`)
  const books = await loadBooks(tx, ctx)
  const statements = coveredAgencies(books, await statementsOf(tx, ctx, books, month, books.agencies), month, tz)
  const activeUnder = statements.filter((s) => !s.dismissed && !s.statement.targetMet)
  const underTarget = activeUnder.map((s) => ({
    agencyId: s.agencyId,
    agencyName: s.agencyName,
    countedUnits: s.statement.countedUnits,
    target: s.statement.target,
  }))

  const proposals: MonthClose['proposals'] = []
  for (const s of activeUnder) {
    const agency = books.agencies.find((a) => a.id === s.agencyId) as AgencyRecord
    // A readmitted agency starts afresh: the months before its readmission are not held against it.
    const readmitted = await tx.dismissals.lastLifted(agency.id)
    const since = readmitted && readmitted > agency.createdAt ? readmitted : agency.createdAt
    const proposal = dismissalProposal(
      {
        agencyId: agency.id,
        closedMonth: month,
        activeSince: localDateOf(since, tz),
        contracts: books.contracts,
      },
      project.settings,
      tz,
    )
    if (!proposal) continue
    await tx.fines.lockAgency(agency.id)
    if ((await tx.agencies.byId(agency.id))?.status !== 'active') continue
    const reason = encodeDismissalReason({ kind: 'target', rule: 'R4', month })
    const existing = await tx.dismissals.byReason(agency.id, reason)
    const row =
      existing ??
      (await tx.dismissals.add({
        projectId: project.id,
        agencyId: agency.id,
        reason,
        proposedAt: ctx.now,
        confirmedAt: null,
        confirmedBy: null,
      }))
    proposals.push({
      agencyId: agency.id,
      agencyName: agency.name,
      months: proposal.months,
      dismissalId: row.id,
      created: existing === null,
    })
  }

  for (const p of proposals.filter((x) => x.created)) {
    await tx.audit.append({
      ...auditBase(ctx),
      action: 'dismissal.propose',
      subject: p.agencyName,
      data: { agencyId: p.agencyId, dismissalId: p.dismissalId, rule: 'R4', months: p.months },
    })
  }
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    event: {
      kind: 'month-closed',
      month,
      statements,
      underTargetAgencies: underTarget.map((u) => u.agencyName),
      proposals: proposals.map(({ agencyName, months, created }) => ({ agencyName, months, created })),
    },
  })
  return { month, statements, underTarget, proposals }
}
