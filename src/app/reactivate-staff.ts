import type { DomainError } from '../domain/errors.ts'
import { checkAgentLimit } from '../domain/limits.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, StaffRecord, Tx } from './ports.ts'

/**
 * /staff activate <姓名>: the admin re-activates an agent who forfeited (R1), within the agency's agent limit. An
 * agent of a dismissed agency is refused: their agency is out, and they would act for it again.
 */
export async function reactivateStaff(
  tx: Tx,
  ctx: CommandContext,
  name: string,
): Promise<Result<{ staff: StaffRecord; auditCode: string }, DomainError>> {
  const found = (await tx.people.staffByName(ctx.project.id, name)).filter((s) => s.status !== 'active')
  if (found.length === 0) return err({ code: 'staff.not-forfeited', name })
  if (found.length > 1) return err({ code: 'staff.ambiguous', name, count: found.length })
  const staff = found[0] as StaffRecord
  // A dismissed agency's agents lost their qualification with it (R4, R6, R7, R11, R13); they come back only with it.
  const agency = staff.agencyId === null ? null : await tx.agencies.byId(staff.agencyId)
  if (agency && agency.status === 'dismissed') {
    const since = (await tx.dismissals.confirmedOf(agency.id))?.confirmedAt ?? null
    return err({ code: 'staff.agency-dismissed', name, agencyName: agency.name, since })
  }
  if (staff.role === 'agent' && staff.agencyId !== null) {
    const active = await tx.people.listStaff(ctx.project.id, {
      agencyId: staff.agencyId,
      role: 'agent',
      status: 'active',
    })
    const limit = checkAgentLimit(active.length, ctx.project.settings)
    if (!limit.ok) return limit
  }
  await tx.people.setStatus(staff.id, 'active', ctx.now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'staff.activate',
    subject: name,
    data: { staffId: staff.id, previous: staff.status },
  })
  return ok({ staff: { ...staff, status: 'active', statusSince: ctx.now }, auditCode })
}
