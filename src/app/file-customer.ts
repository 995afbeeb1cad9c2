import type { DomainError } from '../domain/errors.ts'
import { decideFiling } from '../domain/filing.ts'
import { isMaskedLive, maskedOwnership } from '../domain/masked-filing.ts'
import type { Phone } from '../domain/phone.ts'
import { maskOf, surnameOf } from '../domain/phone-mask.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { agencyRefusal } from './agency-refusal.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import { refuseMaskedCollision } from './masked-collision.ts'
import type { CustomerRef } from './notices.ts'
import type { CommandContext, Tx } from './ports.ts'

export interface FileCustomerInput {
  agencyId: number
  name: string
  /** Parsed once by the command. */
  phone: Phone
  note: string | null
  /** set when the rotation files a walk-in or call lead */
  source?: 'walk-in' | 'call'
}

export type FileCustomerOutcome =
  | {
      kind: 'filed'
      filingId: number
      customerId: number
      filingCode: string
      customer: CustomerRef
      agencyName: string
      until: Date
      /** rule 4: the previous agency's protection had ended */
      previousUntil: Date | null
      auditCode: string
    }
  | { kind: 'already-owned'; customer: CustomerRef; until: Date; dealCode: string | null; filingCode: string | null }

/**
 * 报备 (R12): the filer's agency owns a free customer for the protection period; a customer protected by another
 * agency is a collision — refused, recorded with both sides, and pushed to the secretary and the manager.
 */
export async function fileCustomer(
  tx: Tx,
  ctx: CommandContext,
  input: FileCustomerInput,
): Promise<Result<FileCustomerOutcome, DomainError>> {
  const phone = input.phone
  const agency = await tx.agencies.byId(input.agencyId)
  if (!agency || agency.projectId !== ctx.project.id || agency.status !== 'active') {
    return err(await agencyRefusal(tx, ctx.project.id, input.agencyId))
  }
  const { project, now } = ctx
  const mask = maskOf(phone)
  // 隐号报备: only while masked filing is on can one be made at this moment; then the mask's lock orders the two (taken
  // before either path below reads).
  if (project.settings.maskedFiling) await tx.masked.lockMask(project.id, mask)
  // A number never seen, with no live masked filing of its mask, has no ownership to weigh: rule 1's verdict, and the
  // rows are written in one go.
  const fresh = decideFiling(null, agency.id, now, project.settings.protectionDays, project.timezone)
  if (fresh.kind === 'claim') {
    const data = { phone, name: input.name, agencyId: agency.id, until: fresh.until, previous: null }
    const filed = await tx.customers.fileNew(
      {
        projectId: project.id,
        phone,
        mask,
        name: input.name,
        agencyId: agency.id,
        filedBy: ctx.actor.staffId ?? 0,
        filedAt: now,
        protectedUntil: fresh.until,
        note: input.note,
        source: input.source ?? null,
      },
      { ...auditBase(ctx), action: 'filing.claim', data: { ...data, source: input.source ?? null } },
    )
    if (filed) {
      return ok({
        kind: 'filed',
        filingId: filed.filing.id,
        customerId: filed.customer.id,
        filingCode: code('F', filed.filing.id),
        customer: { name: filed.customer.name, phone: filed.customer.phone },
        agencyName: agency.name,
        until: fresh.until,
        previousUntil: null,
        auditCode: filed.auditCode,
      })
    }
  }
  const customer = await tx.customers.ensure(project.id, phone, input.name, now)
  const ref = { name: customer.name, phone: customer.phone }
  // Rule 5 as it stands now: a hold that has ended no longer locks, whether or not the sweep has marked it.
  const ownership = await currentOwnership(tx, customer, now)
  const verdict = decideFiling(ownership, agency.id, now, project.settings.protectionDays, project.timezone)

  if (verdict.kind === 'already-owned') {
    const o = verdict.owner
    return ok({
      kind: 'already-owned',
      customer: ref,
      until: o.until,
      dealCode: o.dealCode,
      filingCode: o.filingId === null ? null : code('F', o.filingId),
    })
  }

  if (verdict.kind === 'collision') {
    const owner = verdict.owner
    const ownerAgency = await tx.agencies.byId(owner.agencyId)
    const auditCode = await tx.audit.append({
      ...auditBase(ctx),
      action: 'filing.collision',
      subject: owner.filingId === null ? null : code('F', owner.filingId),
      data: {
        phone: customer.phone,
        rule: verdict.rule,
        owner: { agencyId: owner.agencyId, since: owner.since, until: owner.until, dealCode: owner.dealCode },
        challenger: { agencyId: agency.id, staffId: ctx.actor.staffId, at: now },
      },
    })
    await tx.customers.addCollision({
      projectId: project.id,
      customerId: customer.id,
      owner,
      challengerAgencyId: agency.id,
      challengerStaffId: ctx.actor.staffId ?? 0,
      attemptedAt: now,
      auditCode,
    })
    ctx.notify({
      audience: [
        { to: 'role', role: 'secretary' },
        { to: 'role', role: 'manager' },
      ],
      event: {
        kind: 'collision',
        customer: ref,
        owner: {
          agencyName: ownerAgency?.name ?? `#${owner.agencyId}`,
          since: owner.since,
          until: owner.dealCode === null ? owner.until : null,
          filingCode: owner.filingId === null ? null : code('F', owner.filingId),
        },
        challenger: { agencyName: agency.name, staffName: ctx.actor.name, at: now },
        rule: verdict.rule,
        auditCode,
      },
    })
    return err({
      code: 'filing.collision',
      rule: verdict.rule,
      until: owner.dealCode === null ? owner.until : null,
      auditCode,
    })
  }

  // 隐号报备: a live masked filing of this number's mask and the surname given claimed the customer first (R12).
  const surname = surnameOf(input.name)
  const masked = (await tx.masked.liveOfMask(project.id, mask)).filter(
    (m) => m.surname === surname && isMaskedLive(m, now),
  )
  const rival = masked.find((m) => m.agencyId !== agency.id)
  if (rival) {
    return refuseMaskedCollision(tx, ctx, {
      challenger: agency,
      owner: maskedOwnership(rival),
      ownerCode: code('M', rival.id),
      rule: 'R12',
      customerId: customer.id,
      customer: ref,
      typed: { mask: null, name: input.name },
    })
  }

  const filing = await tx.customers.addFiling({
    projectId: project.id,
    customerId: customer.id,
    agencyId: agency.id,
    filedBy: ctx.actor.staffId ?? 0,
    filedAt: now,
    protectedUntil: verdict.until,
    note: input.note,
    source: input.source ?? null,
  })
  await tx.customers.setOwnership(customer, {
    agencyId: agency.id,
    filingId: filing.id,
    since: now,
    until: verdict.until,
    dealCode: null,
  })
  const filingCode = code('F', filing.id)
  // The agency's own masked filing of this customer is done with: the full filing replaces it.
  for (const m of masked) await tx.masked.complete(m.id, filing.id, now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'filing.claim',
    subject: filingCode,
    data: {
      phone: customer.phone,
      name: customer.name,
      agencyId: agency.id,
      until: verdict.until,
      previous: verdict.previous && { agencyId: verdict.previous.agencyId, until: verdict.previous.until },
      source: input.source ?? null,
    },
  })
  return ok({
    kind: 'filed',
    filingId: filing.id,
    customerId: customer.id,
    filingCode,
    customer: ref,
    agencyName: agency.name,
    until: verdict.until,
    previousUntil: verdict.previous?.until ?? null,
    auditCode,
  })
}
