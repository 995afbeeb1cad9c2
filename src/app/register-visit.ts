import type { DomainError } from '../domain/errors.ts'
import { decideVisit, isProtected, type Ownership } from '../domain/filing.ts'
import { decideCompletion, isMaskedLive } from '../domain/masked-filing.ts'
import type { Phone } from '../domain/phone.ts'
import { maskOf, maskText, surnameOf } from '../domain/phone-mask.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import type { CustomerRef } from './notices.ts'
import type { CommandContext, Tx } from './ports.ts'
import type { MaskedFilingRecord } from './ports-masked.ts'

export interface VisitOutcome {
  customer: CustomerRef
  agencyName: string
  previousUntil: Date
  until: Date
  auditCode: string
  /** 隐号报备 completed by this visit: the masked filing and the full filing it became, protected since its instant */
  completed: { maskedCode: string; filingCode: string; since: Date; agencyId: number } | null
}

/**
 * 到访 (R12 rule 3): the secretary registers a visit; the owning agency's protection runs again from today. With the
 * full number it completes the earliest live masked filing (隐号报备) matching its first three and last four digits and
 * the customer's surname (the name given, else the known customer's).
 */
export async function registerVisit(
  tx: Tx,
  ctx: CommandContext,
  phone: Phone,
  name: string | null = null,
): Promise<Result<VisitOutcome, DomainError>> {
  const { project, now } = ctx
  const customer = await tx.customers.byPhone(project.id, phone)
  const current = customer ? await currentOwnership(tx, customer, now) : null
  const masked = (await tx.masked.liveOfMask(project.id, maskOf(phone))).filter((m) => isMaskedLive(m, now))
  if (masked.length > 0) {
    const known = name ?? customer?.name ?? null
    if (known === null) return err({ code: 'visit.name-required', phone: phone })
    const surname = surnameOf(known)
    const completion = decideCompletion(
      masked.filter((m) => m.surname === surname),
      current,
      now,
    )
    if (completion.kind === 'complete') {
      return completeMasked(tx, ctx, { phone: phone, name: known, masked: completion.masked, current })
    }
    if (completion.kind === 'none' && !isProtected(current, now))
      return err({ code: 'visit.surname-mismatch', phone: phone, surname })
  }
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
    completed: null,
  })
}

/**
 * 来访/来电 with a number and a name: a visitor matching a live masked filing (number and surname) whose agency the
 * visit attributes them to (as 到访 would) is completed here and is that agency's; null when none does.
 */
export async function completeMaskedOnArrival(
  tx: Tx,
  ctx: CommandContext,
  phone: Phone,
  name: string,
): Promise<VisitOutcome | null> {
  const { project, now } = ctx
  const live = (await tx.masked.liveOfMask(project.id, maskOf(phone))).filter(
    (m) => isMaskedLive(m, now) && m.surname === surnameOf(name),
  )
  if (live.length === 0) return null
  const customer = await tx.customers.byPhone(project.id, phone)
  const current = customer ? await currentOwnership(tx, customer, now) : null
  const completion = decideCompletion(live, current, now)
  if (completion.kind !== 'complete') return null
  const done = await completeMasked(tx, ctx, { phone, name, masked: completion.masked, current })
  return done.ok ? done.value : null
}

/**
 * The masked filing becomes a full filing of the customer, dated at the masked filing's instant with its protection
 * end, and this visit renews it from today (rule 3). A later full filing by another agency gives way (R12 first
 * filing wins); its record stays as history.
 */
async function completeMasked(
  tx: Tx,
  ctx: CommandContext,
  input: { phone: string; name: string; masked: MaskedFilingRecord; current: Ownership | null },
): Promise<Result<VisitOutcome, DomainError>> {
  const { project, now } = ctx
  const m = input.masked
  const customer = await tx.customers.ensure(project.id, input.phone, input.name, now)
  const filing = await tx.customers.addFiling({
    projectId: project.id,
    customerId: customer.id,
    agencyId: m.agencyId,
    filedBy: m.filedBy ?? 0,
    filedAt: m.filedAt,
    protectedUntil: m.protectedUntil,
    note: m.note,
    source: 'masked',
  })
  await tx.masked.complete(m.id, filing.id, now)
  const claim: Ownership = {
    agencyId: m.agencyId,
    filingId: filing.id,
    since: m.filedAt,
    until: m.protectedUntil,
    dealCode: null,
  }
  const renewed = decideVisit(claim, now, project.settings.protectionDays, project.timezone)
  const until = renewed.kind === 'renew' ? renewed.until : m.protectedUntil
  await tx.customers.setOwnership(customer, { ...claim, until })
  await tx.customers.renewFiling(filing.id, until)
  await tx.customers.addVisit({
    projectId: project.id,
    customerId: customer.id,
    filingId: filing.id,
    registeredBy: ctx.actor.staffId ?? 0,
    at: now,
    previousUntil: m.protectedUntil,
    newUntil: until,
  })
  const maskedCode = code('M', m.id)
  const filingCode = code('F', filing.id)
  const agency = await tx.agencies.byId(m.agencyId)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'filing.masked-complete',
    subject: filingCode,
    data: {
      masked: maskedCode,
      phone: customer.phone,
      name: input.name,
      agencyId: m.agencyId,
      since: m.filedAt,
      until,
      replaced: input.current && { agencyId: input.current.agencyId, filingId: input.current.filingId },
    },
  })
  ctx.notify({
    audience: [{ to: 'agency', agencyId: m.agencyId }],
    directOnly: true,
    event: {
      kind: 'masked-completed',
      maskedCode,
      filingCode,
      mask: maskText(m.mask),
      name: m.name,
      agencyName: agency?.name ?? '',
      until,
      auditCode,
    },
  })
  return ok({
    customer: { name: customer.name, phone: customer.phone },
    agencyName: agency?.name ?? '',
    previousUntil: m.protectedUntil,
    until,
    auditCode,
    completed: { maskedCode, filingCode, since: m.filedAt, agencyId: m.agencyId },
  })
}
