import type { DomainError } from '../domain/errors.ts'
import type { Ownership } from '../domain/filing.ts'
import { decideMaskedFiling, isMaskedLive, maskedKey } from '../domain/masked-filing.ts'
import { maskPhone } from '../domain/phone.ts'
import { maskText, parsePhoneMask, surnameOf } from '../domain/phone-mask.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import { refuseMaskedCollision } from './masked-collision.ts'
import type { CommandContext, CustomerRecord, Tx } from './ports.ts'

export type FileMaskedOutcome =
  | {
      kind: 'filed'
      maskedCode: string
      name: string
      mask: string
      agencyName: string
      until: Date
      lapsesAt: Date
      auditCode: string
    }
  | { kind: 'already-filed'; maskedCode: string; name: string; mask: string; lapsesAt: Date }

/**
 * 隐号报备 `报备 <姓名> 138****5678` (settings.maskedFiling): protects the mask and surname for the filer's agency from
 * now. Another agency's live masked filing of the same mask and surname, or its protected customer whose number has
 * the mask and whose name the surname, is a collision (R12 first filing wins). Two at once: the live key's unique
 * index lets one insert through; the other's transaction re-runs and finds it.
 */
export async function fileMasked(
  tx: Tx,
  ctx: CommandContext,
  input: { agencyId: number; name: string; mask: string; note: string | null },
): Promise<Result<FileMaskedOutcome, DomainError>> {
  const { project, now } = ctx
  if (!project.settings.maskedFiling) return err({ code: 'masked.off' })
  const mask = parsePhoneMask(input.mask)
  if (!mask.ok) return mask
  const agency = await tx.agencies.byId(input.agencyId)
  if (!agency || agency.projectId !== project.id || agency.status !== 'active') {
    return err({ code: 'agency.not-found', name: String(input.agencyId) })
  }
  const surname = surnameOf(input.name)
  const key = maskedKey(mask.value, surname)
  const shown = maskText(mask.value)
  await tx.masked.lockMask(project.id, mask.value)
  await tx.masked.releaseLapsedKey(project.id, key, now)
  const live =
    (await tx.masked.liveOfMask(project.id, mask.value)).find((m) => m.surname === surname && isMaskedLive(m, now)) ??
    null
  const customers: { id: number; phone: string; name: string; ownership: Ownership | null }[] = []
  for (const id of await tx.masked.customersWithMask(project.id, mask.value)) {
    const c = await tx.customers.byId(id)
    if (c && surnameOf(c.name) === surname) customers.push({ ...c, ownership: await currentOwnership(tx, c, now) })
  }
  const verdict = decideMaskedFiling(
    { live, customers: customers.map((c) => c.ownership), filerAgencyId: agency.id, now },
    project.settings,
    project.timezone,
  )
  if (verdict.kind === 'already-filed') {
    const m = verdict.masked
    return ok({
      kind: 'already-filed',
      maskedCode: code('M', m.id),
      name: input.name,
      mask: shown,
      lapsesAt: m.lapsesAt,
    })
  }
  if (verdict.kind === 'collision') {
    const owner = verdict.owner
    const byCustomer = verdict.maskedId === null ? customers.find((c) => c.ownership === owner) : undefined
    return refuseMaskedCollision(tx, ctx, {
      challenger: agency,
      owner,
      rule: verdict.rule,
      ownerCode:
        verdict.maskedId !== null
          ? code('M', verdict.maskedId)
          : owner.filingId === null
            ? null
            : code('F', owner.filingId),
      customerId: byCustomer?.id ?? null,
      customer: byCustomer ? { name: byCustomer.name, phone: byCustomer.phone } : { name: input.name, phone: shown },
      typed: { mask: shown, name: input.name },
    })
  }
  const row = await tx.masked.add({
    projectId: project.id,
    agencyId: agency.id,
    filedBy: ctx.actor.staffId,
    filedAt: now,
    mask: mask.value,
    name: input.name,
    surname,
    protectedUntil: verdict.protectedUntil,
    lapsesAt: verdict.lapsesAt,
    note: input.note,
    liveKey: key,
  })
  const maskedCode = code('M', row.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'filing.masked',
    subject: maskedCode,
    data: {
      mask: shown,
      name: input.name,
      agencyId: agency.id,
      until: verdict.protectedUntil,
      lapsesAt: verdict.lapsesAt,
    },
  })
  return ok({
    kind: 'filed',
    maskedCode,
    name: input.name,
    mask: shown,
    agencyName: agency.name,
    until: verdict.protectedUntil,
    lapsesAt: verdict.lapsesAt,
    auditCode,
  })
}

/** 我的客户: the agency's masked filings still waiting for their visit, soonest lapse first. */
export async function listAgencyMasked(tx: Tx, ctx: CommandContext, agencyId: number, limit = 50) {
  const rows = await tx.masked.liveOfAgency(agencyId, limit)
  return rows
    .filter((m) => isMaskedLive(m, ctx.now))
    .map((m) => ({ maskedCode: code('M', m.id), name: m.name, mask: maskText(m.mask), lapsesAt: m.lapsesAt }))
}

/**
 * The number as the owning agency's agents may read it: a customer they hold through a completed masked filing is
 * shown masked, since they typed no more than the mask (a visit can attribute a walk-in to a speculative mask).
 */
export async function agencyPhoneOf(tx: Tx, customer: CustomerRecord): Promise<string> {
  const filingId = customer.ownership?.filingId ?? null
  const filing = filingId === null ? null : await tx.customers.filingById(filingId)
  return filing?.source === 'masked' ? maskPhone(customer.phone) : customer.phone
}
