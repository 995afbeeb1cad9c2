import type { DomainError } from '../domain/errors.ts'
import { checkAgencyLimit } from '../domain/limits.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'

export interface Readmitted {
  agency: AgencyRecord
  /** Its dismissals now marked lifted (kept as history). */
  lifted: number
  /** Its agents, still without qualification: each comes back with /staff activate. */
  inactiveAgents: string[]
  activeAgencies: number
  maxAgencies: number
  auditCode: string
}

/**
 * `/agency readmit <名称> <原因>` (admin): a dismissed agency is active again, at the end of the rotation, within the
 * agency limit (R1). Its dismissal rows stay, marked lifted; its fines, contracts and statements are untouched; its
 * agents stay inactive until re-activated one by one. Its months before the readmission are not held against it (R4).
 */
export async function readmitAgency(
  tx: Tx,
  ctx: CommandContext,
  input: { name: string; reason: string },
): Promise<Result<Readmitted, DomainError>> {
  const { project, now } = ctx
  const named = await tx.agencies.byName(project.id, input.name)
  if (!named) return err({ code: 'agency.not-found', name: input.name })
  await tx.fines.lockAgency(named.id)
  const current = (await tx.agencies.byId(named.id)) as AgencyRecord
  if (current.status !== 'dismissed') return err({ code: 'agency.not-dismissed', name: current.name })
  const active = await tx.agencies.list(project.id, { status: 'active' })
  const limit = checkAgencyLimit(active.length, project.settings)
  if (!limit.ok) return limit
  const agency = await tx.agencies.readmit(current.id)
  const lifted = await tx.dismissals.lift(agency.id, ctx.actor.staffId, now, input.reason)
  const agents = await tx.people.listStaff(project.id, { agencyId: agency.id, role: 'agent', status: 'inactive' })
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'agency.readmit',
    subject: agency.name,
    data: { agencyId: agency.id, previousSeq: current.seq, seq: agency.seq, reason: input.reason, lifted },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'agency-readmitted',
      agencyName: agency.name,
      seq: agency.seq,
      reason: input.reason,
      by: ctx.actor.name,
      at: now,
      auditCode,
    },
  })
  return ok({
    agency,
    lifted,
    inactiveAgents: agents.map((a) => a.name),
    activeAgencies: active.length + 1,
    maxAgencies: project.settings.maxAgencies,
    auditCode,
  })
}
