import { fileCustomer } from '../../app/file-customer.ts'
import { agencyPhoneOf, fileMasked, listAgencyMasked } from '../../app/file-masked.ts'
import { type CustomerView, listAgencyCustomers, lookupCustomer, previewFiling } from '../../app/lookup-customer.ts'
import type { Tx } from '../../app/ports.ts'
import { registerVisit } from '../../app/register-visit.ts'
import type { DomainError } from '../../domain/errors.ts'
import type { FilingVerdict } from '../../domain/filing.ts'
import { EXAMPLE_PHONE, maskPhone } from '../../domain/phone.ts'
import { looksMasked } from '../../domain/phone-mask.ts'
import { err, ok, type Result } from '../../domain/result.ts'
import { isName, phoneAt, takePhone, typedAfter, usage } from '../args.ts'
import type { ChatContext, Command, Reply } from '../command.ts'
import { dateTime, day, lastDay, phoneIn } from '../reply/format.ts'
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
    const v = r.value
    const who = `${v.customer.name} ${phoneIn(v.customer.phone, ctx.view)}`
    if (v.kind === 'already-owned') {
      return v.dealCode
        ? `该客户 ${who} 已在本分销名下成交锁定（${v.dealCode}），无需重复报备。`
        : `该客户 ${who} 已由本分销报备（${v.filingCode}），保护期至 ${lastDay(v.until, ctx.view.tz)}。再次报备不会延长保护期；客户到访时请秘书登记“到访 <手机号>”续期（R12）。`
    }
    const rule = v.previousUntil
      ? `原保护期已于 ${dateTime(v.previousUntil, ctx.view.tz)} 结束，客户归新报备方（R12 ${ctx.view.settings.protectionDays}天后归新约访者）`
      : 'R12 报备保护'
    return `报备成功 ${v.filingCode}：${who} 归 ${v.agencyName}，保护期至 ${lastDay(v.until, ctx.view.tz)}（${day(v.until, ctx.view.tz)} 00:00 失效）。${rule}。证据 ${v.auditCode}`
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
      const who = `${v.customer.name} ${phoneIn(v.customer.phone, ctx.view)}`
      return maskedCompletedVisitText(
        { ...v.completed, who, agencyName: v.agencyName, until: v.until, auditCode: v.auditCode },
        ctx.view.tz,
      )
    }
    return `到访已登记：${v.customer.name} ${phoneIn(v.customer.phone, ctx.view)}（${v.agencyName}）保护期由 ${lastDay(v.previousUntil, ctx.view.tz)} 续至 ${lastDay(v.until, ctx.view.tz)}（R12）。证据 ${v.auditCode}`
  },
}

/**
 * What anyone may know of a customer (SPEC.md "Privacy"): free, protected until a day, or locked by a deal — never
 * by whom, nor the customer's name.
 */
function publicState(v: CustomerView, tz: string): string {
  if (v.kind === 'free') return '当前无人保护，可以报备'
  const until = v.kind === 'full' && v.dealCode === null ? v.until : v.kind === 'protected-elsewhere' ? v.until : null
  return until === null ? '已成交锁定' : `受保护至 ${lastDay(until, tz)}`
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
  return ctx.directToSender
    ? { text: `${publicText}（详情已私信发给你）`, private: ownText }
    : `${publicText}（详情请私聊机器人查询）`
}

const NO_CHANGE = '（未做任何改动）'

/** The dry run's answer for the asker, in a direct chat (full numbers where the asker may see them). */
function dryRunText(v: CustomerView, verdict: FilingVerdict | null, forAgency: string | null, tz: string): string {
  const shown = v.phone
  if (verdict === null) {
    if (v.kind === 'free') return `预演：${shown} 当前无人保护，报备即可获得保护期。${NO_CHANGE}`
    const whose = v.kind === 'full' ? `（${v.agencyName}，至 ${lastDay(v.until, tz)}）` : ''
    return `预演：${shown} 当前受保护${whose}，其他分销报备将撞单。${NO_CHANGE}`
  }
  if (verdict.kind === 'claim') {
    const by = forAgency === null ? '' : `为${forAgency}`
    return `预演：现在${by}报备 ${shown} 将成功，保护期至 ${lastDay(verdict.until, tz)}（R12）。${NO_CHANGE}`
  }
  if (verdict.kind === 'already-owned') {
    const whose = forAgency ?? '本分销'
    return `预演：${shown} 已在${whose}保护期内（至 ${lastDay(verdict.owner.until, tz)}），再次报备不会延长。${NO_CHANGE}`
  }
  return verdict.owner.dealCode
    ? `预演：${shown} 已成交锁定在其他分销，报备将被拒绝（${verdict.rule}）。${NO_CHANGE}`
    : `预演：${shown} 在其他分销保护期内（至 ${lastDay(verdict.owner.until, tz)}），报备将撞单被拒绝（${verdict.rule} 先到访者）。${NO_CHANGE}`
}

export const whatIfCommand: Command = {
  id: 'whatif',
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
    const tz = ctx.view.tz
    const publicText = `预演：${maskPhone(view.phone)} ${publicState(view, tz)}。${NO_CHANGE}`
    return answerWhereAsked(ctx, view, publicText, dryRunText(view, verdict, named, tz))
  },
}

export const lookupCommand: Command = {
  id: 'lookup',
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
    const tz = ctx.view.tz
    if (v.kind === 'free') {
      const ended = v.everFiled ? '（曾报备，保护期已结束）' : ''
      return `${phoneIn(v.phone, ctx.view)}：当前无人保护${ended}，可以报备。`
    }
    const own =
      v.kind === 'protected-elsewhere'
        ? `${v.phone}：${v.until === null ? '已成交锁定在其他分销' : `受保护至 ${lastDay(v.until, tz)}`}。`
        : [
            `${v.name} ${v.phone}`,
            `分销：${v.agencyName}${v.filingCode ? `（${v.filingCode}）` : ''}，报备于 ${dateTime(v.since, tz)}`,
            v.dealCode
              ? `已成交锁定：${v.dealCode}`
              : `保护期至 ${lastDay(v.until, tz)}（${day(v.until, tz)} 00:00 失效）`,
          ].join('\n')
    return answerWhereAsked(ctx, v, `${maskPhone(v.phone)}：${publicState(v, tz)}。`, own)
  },
}

export const myCustomersCommand: Command = {
  id: 'mine',
  names: ['我的客户', 'mine'],
  roles: ['agent'],
  agentCommand: true,
  topic: '报备与到访',
  rules: ['R12'],
  example: '我的客户',
  async run(tx, ctx) {
    if (ctx.actor.agencyId === null) return { ok: false, error: { code: 'agency.required' } }
    const list = await listAgencyCustomers(tx, ctx, ctx.actor.agencyId)
    const masked = maskedListLines(await listAgencyMasked(tx, ctx, ctx.actor.agencyId), ctx.view.tz)
    const agency = ctx.actor.agencyName ?? ''
    if (list.length === 0 && masked.length === 0) return `${agency}目前没有保护期内的客户。`
    const tz = ctx.view.tz
    const lines: string[] = []
    for (const c of list) {
      const o = c.ownership
      const end = o?.dealCode ? `已成交 ${o.dealCode}` : o ? `至 ${lastDay(o.until, tz)}` : ''
      lines.push(`${c.name} ${await agencyPhoneOf(tx, c)} ${end}`)
    }
    const head = `${agency}保护期内客户 ${list.length} 位`
    const full = [`${head}${lines.length > 0 ? '：' : '。'}`, ...lines, ...masked].join('\n')
    if (!ctx.view.group) return full
    // The names would tell the other agencies in the group whose customers they are: the list goes directly.
    return ctx.directToSender
      ? { text: `${head}。（详情已私信发给你）`, private: full }
      : `${head}。（详情请私聊机器人查询）`
  },
}
