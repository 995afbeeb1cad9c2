import { randomInt } from 'node:crypto'
import type { DomainError } from '../domain/errors.ts'
import { checkAgentLimit } from '../domain/limits.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { Role } from '../domain/roles.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, StaffRecord, Tx } from './ports.ts'

/** Join codes avoid look-alike characters (0/O, 1/I/L) so they survive being read aloud or retyped. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const newJoinCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

/**
 * /staff add <姓名> <role> [分销]: creates the staff record and a one-time join code the person sends as /join from
 * their own chat account. An agent needs an agency, within R1's limit of active agents per agency.
 */
export async function addStaff(
  tx: Tx,
  ctx: CommandContext,
  input: { name: string; role: Role; agencyName: string | null; joinCode?: string },
): Promise<Result<{ staff: StaffRecord; joinCode: string; expiresAt: Date; auditCode: string }, DomainError>> {
  let agencyId: number | null = null
  if (input.role === 'agent') {
    if (input.agencyName === null) return err({ code: 'agency.required' })
    const agency = await tx.agencies.byName(ctx.project.id, input.agencyName)
    if (!agency || agency.status !== 'active') return err({ code: 'agency.not-found', name: input.agencyName })
    const agents = await tx.people.listStaff(ctx.project.id, { agencyId: agency.id, role: 'agent', status: 'active' })
    const limit = checkAgentLimit(agents.length, ctx.project.settings)
    if (!limit.ok) return limit
    agencyId = agency.id
  }
  const staff = await tx.people.addStaff({
    projectId: ctx.project.id,
    name: input.name,
    role: input.role,
    agencyId,
    status: 'active',
    statusSince: ctx.now,
    createdAt: ctx.now,
  })
  const joinCode = input.joinCode ?? newJoinCode()
  const expiresAt = new Date(ctx.now.getTime() + ctx.project.settings.joinCodeHours * 3_600_000)
  await tx.people.createJoinCode(joinCode, staff.id, ctx.now, expiresAt)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'staff.add',
    subject: input.name,
    data: { staffId: staff.id, role: input.role, agencyId },
  })
  return ok({ staff, joinCode, expiresAt, auditCode })
}

/**
 * /staff code <姓名>: a new one-time join code for an existing staff record (lost, expired, or shown where it should
 * not have been); the record's unused codes are spent first, so only the newest one works.
 */
export async function reissueJoinCode(
  tx: Tx,
  ctx: CommandContext,
  name: string,
  joinCode: string = newJoinCode(),
): Promise<Result<{ staff: StaffRecord; joinCode: string; expiresAt: Date; auditCode: string }, DomainError>> {
  const found = await tx.people.staffByName(ctx.project.id, name)
  if (found.length === 0) return err({ code: 'staff.not-found', name })
  if (found.length > 1) return err({ code: 'staff.ambiguous', name, count: found.length })
  const staff = found[0] as StaffRecord
  const voided = await tx.people.voidJoinCodes({ staffId: staff.id }, ctx.now, 'voided:reissued')
  const expiresAt = new Date(ctx.now.getTime() + ctx.project.settings.joinCodeHours * 3_600_000)
  await tx.people.createJoinCode(joinCode, staff.id, ctx.now, expiresAt)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'staff.code',
    subject: name,
    data: { staffId: staff.id, voided },
  })
  return ok({ staff, joinCode, expiresAt, auditCode })
}
