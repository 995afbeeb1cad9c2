import type { DomainError } from '../domain/errors.ts'
import { identityOf, type Platform } from '../domain/platform.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { StaffRecord, Tx } from './ports.ts'

/** /join <code>: binds the sender's platform identity to the staff record the code was made for; the code is spent. */
export async function joinStaff(
  tx: Tx,
  input: { code: string; platform: Platform; userId: string; now: Date; source: string | null },
): Promise<Result<{ staff: StaffRecord; agencyName: string | null; auditCode: string }, DomainError>> {
  const staff = await tx.people.redeemJoinCode(input.code.toUpperCase(), input.platform, input.userId, input.now)
  if (!staff) return err({ code: 'join.invalid' })
  const agency = staff.agencyId === null ? null : await tx.agencies.byId(staff.agencyId)
  const auditCode = await tx.audit.append({
    projectId: staff.projectId,
    at: input.now,
    actor: identityOf(input.platform, input.userId),
    actorStaffId: staff.id,
    action: 'staff.join',
    subject: staff.name,
    data: { staffId: staff.id, platform: input.platform },
    source: input.source,
  })
  return ok({ staff, agencyName: agency?.name ?? null, auditCode })
}
