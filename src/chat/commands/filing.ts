import { fileCustomer } from '../../app/file-customer.ts'
import { listAgencyCustomers, lookupCustomer, previewFiling } from '../../app/lookup-customer.ts'
import type { Tx } from '../../app/ports.ts'
import { registerVisit } from '../../app/register-visit.ts'
import type { DomainError } from '../../domain/errors.ts'
import { err, ok, type Result } from '../../domain/result.ts'
import { isName, takePhone, usage } from '../args.ts'
import type { ChatContext, Command, Reply } from '../command.ts'
import { DIRECT_CAPABLE } from '../notify.ts'
import { dateTime, day, lastDay, phoneIn } from '../reply/format.ts'

/** Resolves the agency a secretary names, or the agent's own. */
async function agencyFor(tx: Tx, ctx: ChatContext, name: string | null): Promise<Result<number, DomainError>> {
  if (name === null) {
    return ctx.actor.agencyId === null ? err({ code: 'agency.required' }) : ok(ctx.actor.agencyId)
  }
  const agency = await tx.agencies.byName(ctx.project.id, name)
  return agency && agency.status === 'active' ? ok(agency.id) : err({ code: 'agency.not-found', name })
}

export const fileCommand: Command = {
  names: ['报备', 'file'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  usage: '报备 <姓名> <手机号> [备注]（秘书：报备 <分销名称> <姓名> <手机号> [备注]）',
  example: '报备 张三 13812345678 看三居',
  summary: '报备客户，获得15天保护期（R12）',
  async run(tx, ctx, args) {
    const forAgency = ctx.actor.role !== 'agent' && args.length >= 3 && !takePhone(args, 1)
    const first = forAgency ? 1 : 0
    const name = args[first]
    const phone = takePhone(args, first + 1)
    if (!isName(name) || !phone) return usage(this)
    const agency = await agencyFor(tx, ctx, forAgency ? (args[0] as string) : null)
    if (!agency.ok) return agency
    const note = args.slice(phone.next).join(' ').slice(0, 200) || null
    const r = await fileCustomer(tx, ctx, { agencyId: agency.value, name, phone: phone.phone, note })
    if (!r.ok) return r
    const v = r.value
    const who = `${v.customer.name} ${phoneIn(v.customer.phone, ctx.view)}`
    if (v.kind === 'already-owned') {
      return v.dealCode
        ? `该客户 ${who} 已在本分销名下成交锁定（${v.dealCode}），无需重复报备。`
        : `该客户 ${who} 已由本分销报备（${v.filingCode}），保护期至 ${lastDay(v.until, ctx.view.tz)}。再次报备不会延长保护期；客户到访时请秘书登记“到访 <手机号>”续期（R12）。`
    }
    const rule = v.previousUntil
      ? `原保护期已于 ${dateTime(v.previousUntil, ctx.view.tz)} 结束，客户归新报备方（R12 15天后归新约访者）`
      : 'R12 报备保护'
    return `报备成功 ${v.filingCode}：${who} 归 ${v.agencyName}，保护期至 ${lastDay(v.until, ctx.view.tz)}（${day(v.until, ctx.view.tz)} 00:00 失效）。${rule}。证据 ${v.auditCode}`
  },
}

export const visitCommand: Command = {
  names: ['到访', 'visit'],
  roles: ['secretary', 'manager'],
  usage: '到访 <手机号>',
  example: '到访 13812345678',
  summary: '登记已报备客户到访，保护期从今天重新起算（R12）',
  async run(tx, ctx, args) {
    const phone = takePhone(args, 0)
    if (!phone) return usage(this)
    const r = await registerVisit(tx, ctx, phone.phone)
    if (!r.ok) return r
    const v = r.value
    return `到访已登记：${v.customer.name} ${phoneIn(v.customer.phone, ctx.view)}（${v.agencyName}）保护期由 ${lastDay(v.previousUntil, ctx.view.tz)} 续至 ${lastDay(v.until, ctx.view.tz)}（R12）。证据 ${v.auditCode}`
  },
}

/**
 * What anyone in a group may read about a customer (SPEC.md "Privacy"): whether the number is protected and until
 * when, never by whom nor the customer's name. Typed in a group, a question about a customer is answered there
 * with that, and in full by direct message where the platform allows; elsewhere the asker is told to ask directly.
 */
function answerWhereAsked(ctx: ChatContext, anonymous: string, full: string): Reply {
  if (!ctx.view.group || full === anonymous) return full
  const direct = DIRECT_CAPABLE.has(ctx.message.platform)
  return direct ? { text: `${anonymous}（详情已私信发给你）`, private: full } : `${anonymous}（详情请私聊机器人查询）`
}

/** The state of a customer as anyone may know it: free, protected until a day, or locked by a deal. */
function stateWords(until: Date | null, dealLocked: boolean, tz: string): string {
  if (until === null && !dealLocked) return '当前无人保护，可以报备'
  return dealLocked || until === null ? '已成交锁定' : `受保护至 ${lastDay(until, tz)}`
}

export const whatIfCommand: Command = {
  names: ['如果', 'whatif'],
  roles: ['agent', 'secretary', 'manager'],
  usage: '如果 报备 <手机号>（秘书：如果 报备 <分销名称> <手机号>）',
  example: '如果 报备 13812345678',
  summary: '预演报备结果，不做任何改动',
  async run(tx, ctx, args) {
    if (args[0] !== '报备' && args[0] !== 'file') return usage(this)
    const named = takePhone(args, 1) ? null : (args[1] ?? null)
    const phone = takePhone(args, named === null ? 1 : 2)
    if (!phone) return usage(this)
    let agencyId: number | null = ctx.actor.agencyId
    let agencyName = ctx.actor.agencyName
    if (named !== null) {
      const a = await agencyFor(tx, ctx, named)
      if (!a.ok) return a
      // Asking on another agency's behalf would tell an agent who owns the customer: the secretary's question only.
      if (ctx.actor.role === 'agent' && a.value !== ctx.actor.agencyId)
        return err({ code: 'whatif.other-agency', name: named })
      agencyId = a.value
      agencyName = named
    }
    const r = await previewFiling(tx, ctx, agencyId, phone.phone)
    if (!r.ok) return r
    const tz = ctx.view.tz
    const direct = { ...ctx.view, group: false }
    const nochange = '（未做任何改动）'
    const look = await lookupCustomer(tx, ctx, phone.phone)
    if (!look.ok) return look
    const s = look.value
    const state =
      s.kind === 'free'
        ? stateWords(null, false, tz)
        : s.kind === 'protected-elsewhere'
          ? stateWords(s.until, s.until === null, tz)
          : stateWords(s.until, s.dealCode !== null, tz)
    const anonymous = `预演：${phoneIn(r.value.phone, ctx.view)} ${state}。${nochange}`
    const shown = phoneIn(r.value.phone, direct)
    const v = r.value.verdict
    let full: string
    if (v === null) {
      full =
        s.kind === 'free'
          ? `预演：${shown} 当前无人保护，报备即可获得保护期。${nochange}`
          : `预演：${shown} 当前受保护${s.kind === 'full' ? `（${s.agencyName}，至 ${lastDay(s.until, tz)}）` : ''}，其他分销报备将撞单。${nochange}`
    } else if (v.kind === 'claim') {
      full = `预演：现在${named === null ? '' : `为${agencyName}`}报备 ${shown} 将成功，保护期至 ${lastDay(v.until, tz)}（R12）。${nochange}`
    } else if (v.kind === 'already-owned') {
      const whose = named === null ? '本分销' : (agencyName ?? '')
      full = `预演：${shown} 已在${whose}保护期内（至 ${lastDay(v.owner.until, tz)}），再次报备不会延长。${nochange}`
    } else {
      full = v.owner.dealCode
        ? `预演：${shown} 已成交锁定在其他分销，报备将被拒绝（${v.rule}）。${nochange}`
        : `预演：${shown} 在其他分销保护期内（至 ${lastDay(v.owner.until, tz)}），报备将撞单被拒绝（${v.rule} 先到访者）。${nochange}`
    }
    return answerWhereAsked(ctx, anonymous, full)
  },
}

export const lookupCommand: Command = {
  names: ['查客户', 'customer'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  usage: '查客户 <手机号>',
  example: '查客户 13812345678',
  summary: '查询客户状态',
  async run(tx, ctx, args) {
    const phone = takePhone(args, 0)
    if (!phone) return usage(this)
    const r = await lookupCustomer(tx, ctx, phone.phone)
    if (!r.ok) return r
    const s = r.value
    const tz = ctx.view.tz
    const masked = phoneIn(s.phone, { ...ctx.view, group: true })
    if (s.kind === 'free')
      return `${phoneIn(s.phone, ctx.view)}：当前无人保护${s.everFiled ? '（曾报备，保护期已结束）' : ''}，可以报备。`
    if (s.kind === 'protected-elsewhere') {
      const shown = phoneIn(s.phone, ctx.view)
      return s.until === null ? `${shown}：已成交锁定在其他分销。` : `${shown}：受保护至 ${lastDay(s.until, tz)}。`
    }
    const full = [
      `${s.name} ${phoneIn(s.phone, { ...ctx.view, group: false })}`,
      `分销：${s.agencyName}${s.filingCode ? `（${s.filingCode}）` : ''}，报备于 ${dateTime(s.since, tz)}`,
      s.dealCode ? `已成交锁定：${s.dealCode}` : `保护期至 ${lastDay(s.until, tz)}（${day(s.until, tz)} 00:00 失效）`,
    ].join('\n')
    return answerWhereAsked(ctx, `${masked}：${stateWords(s.until, s.dealCode !== null, tz)}。`, full)
  },
}

export const myCustomersCommand: Command = {
  names: ['我的客户', 'mine'],
  roles: ['agent'],
  agentCommand: true,
  usage: '我的客户',
  example: '我的客户',
  summary: '本分销保护期内的客户',
  async run(tx, ctx) {
    if (ctx.actor.agencyId === null) return { ok: false, error: { code: 'agency.required' } }
    const list = await listAgencyCustomers(tx, ctx, ctx.actor.agencyId)
    if (list.length === 0) return `${ctx.actor.agencyName ?? ''}目前没有保护期内的客户。`
    const tz = ctx.view.tz
    const lines = list.map((c) => {
      const o = c.ownership
      const end = o?.dealCode ? `已成交 ${o.dealCode}` : o ? `至 ${lastDay(o.until, tz)}` : ''
      return `${c.name} ${phoneIn(c.phone, { ...ctx.view, group: false })} ${end}`
    })
    const head = `${ctx.actor.agencyName ?? ''}保护期内客户 ${list.length} 位`
    // The names would tell the other agencies in the group whose customers they are: the list goes directly.
    return answerWhereAsked(ctx, `${head}。`, `${head}：\n${lines.join('\n')}`)
  },
}
