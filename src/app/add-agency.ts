import type { DomainError } from '../domain/errors.ts'
import { checkAgencyLimit } from '../domain/limits.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'

/** /agency add: a new agency joins the project and the end of the rotation (R1: at most 20 active). */
export async function addAgency(
  tx: Tx,
  ctx: CommandContext,
  name: string,
): Promise<Result<{ agency: AgencyRecord; remaining: number; auditCode: string }, DomainError>> {
  if (await tx.agencies.byName(ctx.project.id, name)) return err({ code: 'agency.exists', name })
  const active = await tx.agencies.list(ctx.project.id, { status: 'active' })
  const limit = checkAgencyLimit(active.length, ctx.project.settings)
  if (!limit.ok) return limit
  const agency = await tx.agencies.add(ctx.project.id, name, ctx.now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'agency.add',
    subject: name,
    data: { agencyId: agency.id, seq: agency.seq },
  })
  return ok({ agency, remaining: limit.value.remaining, auditCode })
}
