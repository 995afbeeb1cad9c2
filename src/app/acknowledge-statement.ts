import { type LocalMonth, localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'
import type { StatementAckRecord } from './ports-settlement.ts'
import { loadBooks, statementsOf } from './show-statements.ts'

/**
 * `确认 佣金 <YYYY-MM>` (an agency's agent): acknowledges the agency's statement of a closed month as it stands
 * (payable, paid), once per agency and month; recorded, audited, told to the managers, and shown on the statement.
 */
export async function acknowledgeStatement(
  tx: Tx,
  ctx: CommandContext,
  month: LocalMonth,
): Promise<Result<{ ack: StatementAckRecord; agencyName: string; auditCode: string }, DomainError>> {
  const { project, now, actor } = ctx
  if (actor.agencyId === null || actor.staffId === null) return err({ code: 'agency.required' })
  if (month >= localMonthOf(now, project.timezone)) return err({ code: 'settlement.month-open', month })
  const agency = await tx.agencies.byId(actor.agencyId)
  if (!agency) return err({ code: 'agency.required' })
  const books = await loadBooks(tx, ctx)
  const existing = books.acks.find((a) => a.agencyId === agency.id && a.month === month)
  const by = async (a: StatementAckRecord) => (await tx.people.staffById(a.staffId))?.name ?? ''
  if (existing) return err({ code: 'settlement.ack-exists', month, by: await by(existing), at: existing.at })
  const [s] = await statementsOf(tx, ctx, books, month, [agency])
  const ack: StatementAckRecord = {
    agencyId: agency.id,
    month,
    staffId: actor.staffId,
    at: now,
    payableFen: s?.statement.payableFen ?? 0,
    paidFen: s?.settlement.month?.paidFen ?? 0,
  }
  // Two at once: the unique (agency, month) lets one in; the other re-runs and finds it.
  if (!(await tx.settlement.addAck(project.id, ack))) {
    return err({ code: 'settlement.ack-exists', month, by: actor.name, at: now })
  }
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'settlement.acknowledge',
    subject: `${agency.name} ${month}`,
    data: { ...ack },
  })
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    directOnly: true,
    event: {
      kind: 'statement-acknowledged',
      agencyName: agency.name,
      month,
      by: actor.name,
      payableFen: ack.payableFen,
      paidFen: ack.paidFen,
    },
  })
  return ok({ ack, agencyName: agency.name, auditCode })
}
