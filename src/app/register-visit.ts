import type { DomainError } from '../domain/errors.ts'
import { decideVisit } from '../domain/filing.ts'
import type { Phone } from '../domain/phone.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import type { CustomerRef } from './notices.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface VisitOutcome {
  customer: CustomerRef
  agencyName: string
  previousUntil: Date
  until: Date
  auditCode: string
}

/** 到访 (R12 rule 3): the secretary registers a visit; the owning agency's protection runs again from today. */
export async function registerVisit(
  tx: Tx,
  ctx: CommandContext,
  phone: Phone,
): Promise<Result<VisitOutcome, DomainError>> {
  const { project, now } = ctx
  const customer = await tx.customers.byPhone(project.id, phone)
  const current = customer ? await currentOwnership(tx, customer, now) : null
  const verdict = decideVisit(current, now, project.settings.protectionDays, project.timezone)
  if (!customer || verdict.kind === 'not-protected') return err({ code: 'visit.not-protected', phone: phone })
  const owner = current
  if (!owner) return err({ code: 'visit.not-protected', phone: phone })
  const agency = await tx.agencies.byId(owner.agencyId)
  await tx.customers.setOwnership(customer, { ...owner, until: verdict.until })
  if (owner.filingId !== null) {
    await tx.customers.renewFiling(owner.filingId, verdict.until)
    await tx.customers.addVisit({
      projectId: project.id,
      customerId: customer.id,
      filingId: owner.filingId,
      registeredBy: ctx.actor.staffId ?? 0,
      at: now,
      previousUntil: verdict.previousUntil,
      newUntil: verdict.until,
    })
  }
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'visit.renew',
    subject: owner.filingId === null ? null : code('F', owner.filingId),
    data: {
      phone: customer.phone,
      agencyId: owner.agencyId,
      previousUntil: verdict.previousUntil,
      until: verdict.until,
    },
  })
  return ok({
    customer: { name: customer.name, phone: customer.phone },
    agencyName: agency?.name ?? '',
    previousUntil: verdict.previousUntil,
    until: verdict.until,
    auditCode,
  })
}
