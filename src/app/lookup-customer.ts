import type { DomainError } from '../domain/errors.ts'
import { decideFiling, type FilingVerdict, isProtected, type Ownership } from '../domain/filing.ts'
import type { Phone } from '../domain/phone.ts'
import { ok, type Result } from '../domain/result.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import type { CommandContext, CustomerRecord, Tx } from './ports.ts'

/**
 * 查客户: what the asker may know. The owning agency's agents, the secretary, the manager and admins see everything;
 * other agents learn only whether the number is protected and until when (never by whom).
 */
export type CustomerView =
  | { kind: 'free'; phone: string; everFiled: boolean }
  | { kind: 'protected-elsewhere'; phone: string; until: Date | null }
  | {
      kind: 'full'
      phone: string
      name: string
      agencyName: string
      filingCode: string | null
      since: Date
      until: Date
      dealCode: string | null
      ownAgency: boolean
    }

export async function lookupCustomer(
  tx: Tx,
  ctx: CommandContext,
  phone: Phone,
): Promise<Result<CustomerView, DomainError>> {
  const customer = await tx.customers.byPhone(ctx.project.id, phone)
  const ownership = customer ? await currentOwnership(tx, customer, ctx.now) : null
  return ok(await viewOf(tx, ctx, phone, customer, ownership))
}

async function viewOf(
  tx: Tx,
  ctx: CommandContext,
  phone: string,
  c: CustomerRecord | null,
  o: Ownership | null,
): Promise<CustomerView> {
  if (!c || !isProtected(o, ctx.now)) return { kind: 'free', phone, everFiled: o !== null }
  const own = ctx.actor.agencyId !== null && ctx.actor.agencyId === o.agencyId
  if (ctx.actor.role === 'agent' && !own) {
    return { kind: 'protected-elsewhere', phone, until: o.dealCode === null ? o.until : null }
  }
  const agency = await tx.agencies.byId(o.agencyId)
  return {
    kind: 'full',
    phone,
    name: c.name,
    agencyName: agency?.name ?? '',
    filingCode: o.filingId === null ? null : code('F', o.filingId),
    since: o.since,
    until: o.until,
    dealCode: o.dealCode,
    ownAgency: own,
  }
}

/**
 * 如果 报备 (dry run): what a filing by `agencyId` would do now (null: the secretary or manager asking only whether
 * anyone protects the number), with the customer as the asker may see it. Changes nothing.
 */
export async function previewFiling(
  tx: Tx,
  ctx: CommandContext,
  agencyId: number | null,
  phone: Phone,
): Promise<Result<{ view: CustomerView; verdict: FilingVerdict | null }, DomainError>> {
  const { project, now } = ctx
  const customer = await tx.customers.byPhone(project.id, phone)
  const ownership = customer ? await currentOwnership(tx, customer, now) : null
  const verdict =
    agencyId === null ? null : decideFiling(ownership, agencyId, now, project.settings.protectionDays, project.timezone)
  return ok({ view: await viewOf(tx, ctx, phone, customer, ownership), verdict })
}

/** 我的客户: the agency's protected customers, soonest end first. */
export async function listAgencyCustomers(tx: Tx, ctx: CommandContext, agencyId: number, limit = 50) {
  return tx.customers.protectedBy(agencyId, ctx.now, limit)
}
