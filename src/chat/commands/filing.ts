import { fileCustomer } from '../../app/file-customer.ts'
import { agencyPhoneOf, fileMasked, listAgencyMasked } from '../../app/file-masked.ts'
import { type CustomerView, listAgencyCustomers, lookupCustomer, previewFiling } from '../../app/lookup-customer.ts'
import type { Tx } from '../../app/ports.ts'
import { registerVisit } from '../../app/register-visit.ts'
import type { DomainError } from '../../domain/errors.ts'
import { EXAMPLE_PHONE } from '../../domain/phone.ts'
import { looksMasked } from '../../domain/phone-mask.ts'
import { err, ok, type Result } from '../../domain/result.ts'
import { isName, phoneAt, takePhone, typedAfter, usage } from '../args.ts'
import type { ChatContext, Command, Reply } from '../command.ts'
import {
  askDirectlyText,
  dryRunPublicText,
  dryRunText,
  filedText,
  lookupPublicText,
  lookupText,
  myCustomersGroupText,
  myCustomersText,
  sentDirectlyText,
  visitRenewedText,
  visitWho,
} from '../reply/filing.ts'
import { maskedAlreadyText, maskedCompletedVisitText, maskedFiledText, maskedListLines } from '../reply/masked.ts'

/** Resolves the agency a secretary names, or the agent's own. */
async function agencyFor(tx: Tx, ctx: ChatContext, name: string | null): Promise<Result<number, DomainError>> {
  if (name === null) {
    return ctx.actor.agencyId === null ? err({ code: 'agency.required' }) : ok(ctx.actor.agencyId)
  }
  const agency = await tx.agencies.byName(ctx.project.id, name)
  return agency && agency.status === 'active' ? ok(agency.id) : err({ code: 'agency.not-found', name })
}

export const fileCommand: Command = {
  id: 'file',
  // reads, and writes settled by compare-and-set, unique indexes and lockMask (see Command.interleaves)
  interleaves: true,
  names: ['报备', 'file'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '报备与到访',
  rules: ['R12', 'R13'],
  example: `报备 张三 ${EXAMPLE_PHONE} 看三居`,
  async run(tx, ctx, args) {
    const forAgency = ctx.actor.role !== 'agent' && args.length >= 3 && !takePhone(args, 1)
    const first = forAgency ? 1 : 0
    const name = args[first]
    const maybeMask = args[first + 1]
    if (ctx.actor.role === 'agent' && isName(name) && maybeMask !== undefined && looksMasked(maybeMask)) {
      if (ctx.actor.agencyId === null) return err({ code: 'agency.required' })
      const note =
        args
          .slice(first + 2)
          .join(' ')
          .slice(0, 200) || null
      const r = await fileMasked(tx, ctx, { agencyId: ctx.actor.agencyId, name, mask: maybeMask, note })
      if (!r.ok) return r
      return r.value.kind === 'filed' ? maskedFiledText(r.value, ctx.view.tz) : maskedAlreadyText(r.value, ctx.view.tz)
    }
    const typed = phoneAt(args, first + 1)
    if (!isName(name) || !typed) return usage(this)
    if (!typed.ok) return typed
    const { phone, next } = typed.value
    const agency = await agencyFor(tx, ctx, forAgency ? (args[0] as string) : null)
    if (!agency.ok) return agency
    const note = typedAfter(ctx.message.text, next, 200) || null
    const r = await fileCustomer(tx, ctx, { agencyId: agency.value, name, phone, note })
    if (!r.ok) return r
    return filedText(r.value, ctx.view)
  },
}

export const visitCommand: Command = {
  id: 'visit',
  names: ['到访', 'visit'],
  roles: ['secretary', 'manager'],
  topic: '报备与到访',
  rules: ['R12'],
  example: `到访 ${EXAMPLE_PHONE}`,
  async run(tx, ctx, args) {
    const phone = phoneAt(args, 0)
    if (!phone) return usage(this)
    if (!phone.ok) return phone
    const { next } = phone.value
    const name = args[next]
    if (name !== undefined && (!isName(name) || args.length > next + 1)) return usage(this)
    const r = await registerVisit(tx, ctx, phone.value.phone, name ?? null)
    if (!r.ok) return r
    const v = r.value
    if (v.completed) {
      return maskedCompletedVisitText(
        {
          ...v.completed,
          who: visitWho(v, ctx.view),
          agencyName: v.agencyName,
          until: v.until,
          auditCode: v.auditCode,
        },
        ctx.view.tz,
      )
    }
    return visitRenewedText(v, ctx.view)
  },
}

/**
 * A question about a customer typed in a group: the group reads `publicText` (publicState only), and the asker gets
 * `ownText` — their own answer — by direct message. Whether it goes directly depends on the public state alone, never
 * on who asked or who owns the customer, so the shape of the group's answer tells nobody whose customer it is. Where
 * the bot cannot write to one person, the asker is told to ask directly.
 */
function answerWhereAsked(ctx: ChatContext, v: CustomerView, publicText: string, ownText: string): Reply {
  if (!ctx.view.group) return ownText
  if (v.kind === 'free') return publicText
  return ctx.directToSender ? { text: sentDirectlyText(publicText), private: ownText } : askDirectlyText(publicText)
}

export const whatIfCommand: Command = {
  id: 'whatif',
  interleaves: true,
  names: ['如果', 'whatif'],
  roles: ['agent', 'secretary', 'manager'],
  topic: '报备与到访',
  rules: ['R12'],
  example: `如果 报备 ${EXAMPLE_PHONE}`,
  async run(tx, ctx, args) {
    if (args[0] !== '报备' && args[0] !== 'file') return usage(this)
    const named = takePhone(args, 1) ? null : (args[1] ?? null)
    const phone = phoneAt(args, named === null ? 1 : 2)
    if (!phone) return usage(this)
    if (!phone.ok) return phone
    let agencyId = ctx.actor.agencyId
    if (named !== null) {
      const a = await agencyFor(tx, ctx, named)
      if (!a.ok) return a
      // Asking on another agency's behalf would tell an agent who owns the customer: the secretary's question only.
      if (ctx.actor.role === 'agent' && a.value !== ctx.actor.agencyId)
        return err({ code: 'whatif.other-agency', name: named })
      agencyId = a.value
    }
    const r = await previewFiling(tx, ctx, agencyId, phone.value.phone)
    if (!r.ok) return r
    const { view, verdict } = r.value
    return answerWhereAsked(ctx, view, dryRunPublicText(view, ctx.view), dryRunText(view, verdict, named, ctx.view))
  },
}

export const lookupCommand: Command = {
  id: 'lookup',
  interleaves: true,
  names: ['查客户', 'customer'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '报备与到访',
  rules: ['R12'],
  example: `查客户 ${EXAMPLE_PHONE}`,
  async run(tx, ctx, args) {
    const phone = phoneAt(args, 0)
    if (!phone) return usage(this)
    if (!phone.ok) return phone
    const r = await lookupCustomer(tx, ctx, phone.value.phone)
    if (!r.ok) return r
    const v = r.value
    if (v.kind === 'free') return lookupText(v, ctx.view)
    return answerWhereAsked(ctx, v, lookupPublicText(v, ctx.view), lookupText(v, ctx.view))
  },
}

export const myCustomersCommand: Command = {
  id: 'mine',
  interleaves: true,
  names: ['我的客户', 'mine'],
  roles: ['agent'],
  agentCommand: true,
  topic: '报备与到访',
  rules: ['R12'],
  example: '我的客户',
  async run(tx, ctx) {
    if (ctx.actor.agencyId === null) return { ok: false, error: { code: 'agency.required' } }
    const list = await listAgencyCustomers(tx, ctx, ctx.actor.agencyId)
    const customers = []
    for (const c of list) customers.push({ name: c.name, phone: await agencyPhoneOf(tx, c), ownership: c.ownership })
    const masked = maskedListLines(await listAgencyMasked(tx, ctx, ctx.actor.agencyId), ctx.view.tz)
    const o = { agencyName: ctx.actor.agencyName ?? '', customers, masked }
    // The names would tell the other agencies in the group whose customers they are: the list goes directly.
    if (!ctx.view.group || (customers.length === 0 && masked.length === 0)) return myCustomersText(o, ctx.view)
    const group = myCustomersGroupText(o, ctx.directToSender)
    return ctx.directToSender ? { text: group, private: myCustomersText(o, ctx.view) } : group
  },
}
