import type { DomainError } from '../domain/errors.ts'
import type { Ownership } from '../domain/filing.ts'
import { err, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { CustomerRef } from './notices.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'

/**
 * 撞单 where a masked filing (隐号报备) is one side (R12 first filing wins): recorded with both sides, audited, pushed
 * to the secretary and the manager like any collision, and refused with the same words. `customer` is the full number
 * when known; a masked challenger's collision with a masked owner knows only the mask and name typed.
 */
export async function refuseMaskedCollision(
  tx: Tx,
  ctx: CommandContext,
  input: {
    challenger: AgencyRecord
    owner: Ownership
    ownerCode: string | null
    rule: 'R12' | 'R13'
    customerId: number | null
    customer: CustomerRef
    typed: { mask: string | null; name: string }
  },
): Promise<Result<never, DomainError>> {
  const { owner, challenger, rule } = input
  const ownerAgency = await tx.agencies.byId(owner.agencyId)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'filing.collision',
    subject: input.ownerCode,
    data: {
      phone: input.typed.mask ?? input.customer.phone,
      masked: true,
      rule,
      owner: { agencyId: owner.agencyId, since: owner.since, until: owner.until, dealCode: owner.dealCode },
      challenger: { agencyId: challenger.id, staffId: ctx.actor.staffId, at: ctx.now },
    },
  })
  await tx.masked.addCollision({
    projectId: ctx.project.id,
    customerId: input.customerId,
    maskedPhone: input.typed.mask,
    maskedName: input.typed.mask === null ? null : input.typed.name,
    owner,
    challengerAgencyId: challenger.id,
    challengerStaffId: ctx.actor.staffId ?? 0,
    attemptedAt: ctx.now,
    auditCode,
  })
  const until = owner.dealCode === null ? owner.until : null
  ctx.notify({
    audience: [
      { to: 'role', role: 'secretary' },
      { to: 'role', role: 'manager' },
    ],
    event: {
      kind: 'collision',
      customer: input.customer,
      owner: {
        agencyName: ownerAgency?.name ?? `#${owner.agencyId}`,
        since: owner.since,
        until,
        filingCode: input.ownerCode,
      },
      challenger: { agencyName: challenger.name, staffName: ctx.actor.name, at: ctx.now },
      rule,
      auditCode,
    },
  })
  return err({ code: 'filing.collision', rule, until, auditCode })
}
