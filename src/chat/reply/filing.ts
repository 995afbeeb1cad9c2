import type { FileCustomerOutcome } from '../../app/file-customer.ts'
import type { CustomerView } from '../../app/lookup-customer.ts'
import type { VisitOutcome } from '../../app/register-visit.ts'
import type { FilingVerdict } from '../../domain/filing.ts'
import { maskPhone } from '../../domain/phone.ts'
import { dateTime, day, lastDay, phoneIn, type View } from './format.ts'

/**
 * 报备, 到访, 如果 报备, 查客户, 我的客户: the replies. The commands pass what happened; privacy decisions (what goes to
 * the group, what goes directly) stay in the commands, the words are here.
 */

const whoIn = (c: { name: string; phone: string }, v: View) => `${c.name} ${phoneIn(c.phone, v)}`

/** 报备's answer: filed (rules 1 and 4), or already the filer's agency's (rule 3, or locked by a deal: rule 5). */
export function filedText(o: FileCustomerOutcome, v: View): string {
  const who = whoIn(o.customer, v)
  if (o.kind === 'already-owned') {
    return o.dealCode
      ? `该客户 ${who} 已在本分销名下成交锁定（${o.dealCode}），无需重复报备。`
      : `该客户 ${who} 已由本分销报备（${o.filingCode}），保护期至 ${lastDay(o.until, v.tz)}。再次报备不会延长保护期；客户到访时请秘书登记“到访 <手机号>”续期（R12）。`
  }
  const rule = o.previousUntil
    ? `原保护期已于 ${dateTime(o.previousUntil, v.tz)} 结束，客户归新报备方（R12 ${v.settings.protectionDays}天后归新约访者）`
    : 'R12 报备保护'
  return `报备成功 ${o.filingCode}：${who} 归 ${o.agencyName}，保护期至 ${lastDay(o.until, v.tz)}（${day(o.until, v.tz)} 00:00 失效）。${rule}。证据 ${o.auditCode}`
}

/** 到访's answer when it renews a full filing (R12 rule 3). */
export const visitRenewedText = (o: VisitOutcome, v: View) =>
  `到访已登记：${whoIn(o.customer, v)}（${o.agencyName}）保护期由 ${lastDay(o.previousUntil, v.tz)} 续至 ${lastDay(o.until, v.tz)}（R12）。证据 ${o.auditCode}`

/** The customer as 到访's masked-completion text names them. */
export const visitWho = (o: VisitOutcome, v: View) => whoIn(o.customer, v)

/**
 * What anyone may know of a customer (SPEC.md "Privacy"): free, protected until a day, or locked by a deal — never
 * by whom, nor the customer's name.
 */
function publicState(c: CustomerView, tz: string): string {
  if (c.kind === 'free') return '当前无人保护，可以报备'
  const until = c.kind === 'full' && c.dealCode === null ? c.until : c.kind === 'protected-elsewhere' ? c.until : null
  return until === null ? '已成交锁定' : `受保护至 ${lastDay(until, tz)}`
}

/** A dry run changes nothing, and every dry-run answer says so. */
export const NO_CHANGE = '（未做任何改动）'

/** 如果 报备 as the group reads it: the public state only. */
export const dryRunPublicText = (c: CustomerView, v: View) =>
  `预演：${maskPhone(c.phone)} ${publicState(c, v.tz)}。${NO_CHANGE}`

/** 如果 报备's answer for the asker, in a direct chat (full numbers where the asker may see them). */
export function dryRunText(c: CustomerView, verdict: FilingVerdict | null, forAgency: string | null, v: View): string {
  const shown = c.phone
  const tz = v.tz
  if (verdict === null) {
    if (c.kind === 'free') return `预演：${shown} 当前无人保护，报备即可获得保护期。${NO_CHANGE}`
    const whose = c.kind === 'full' ? `（${c.agencyName}，至 ${lastDay(c.until, tz)}）` : ''
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

/** 查客户 as the group reads it: the public state only. */
export const lookupPublicText = (c: CustomerView, v: View) => `${maskPhone(c.phone)}：${publicState(c, v.tz)}。`

/** 查客户's answer for the asker: a free customer, another agency's (state only), or everything. */
export function lookupText(c: CustomerView, v: View): string {
  const tz = v.tz
  if (c.kind === 'free') {
    const ended = c.everFiled ? '（曾报备，保护期已结束）' : ''
    return `${phoneIn(c.phone, v)}：当前无人保护${ended}，可以报备。`
  }
  if (c.kind === 'protected-elsewhere') {
    return `${c.phone}：${c.until === null ? '已成交锁定在其他分销' : `受保护至 ${lastDay(c.until, tz)}`}。`
  }
  return [
    `${c.name} ${c.phone}`,
    `分销：${c.agencyName}${c.filingCode ? `（${c.filingCode}）` : ''}，报备于 ${dateTime(c.since, tz)}`,
    c.dealCode ? `已成交锁定：${c.dealCode}` : `保护期至 ${lastDay(c.until, tz)}（${day(c.until, tz)} 00:00 失效）`,
  ].join('\n')
}

/** A group answer whose details went to the asker by direct message. */
export const sentDirectlyText = (publicText: string) => `${publicText}（详情已私信发给你）`

/** A group answer whose details the asker must ask for directly (the bot cannot write to them first). */
export const askDirectlyText = (publicText: string) => `${publicText}（详情请私聊机器人查询）`

export interface MyCustomers {
  agencyName: string
  /** each protected customer with the number as the agency may see it */
  customers: { name: string; phone: string; ownership: { until: Date; dealCode: string | null } | null }[]
  /** the masked part's lines (maskedListLines) */
  masked: string[]
}

/** 我的客户's head line, the part a group may read. */
export const myCustomersHead = (o: MyCustomers) => `${o.agencyName}保护期内客户 ${o.customers.length} 位`

/** 我的客户 in full: each customer with its protection end or deal, then the masked filings. */
export function myCustomersText(o: MyCustomers, v: View): string {
  if (o.customers.length === 0 && o.masked.length === 0) return `${o.agencyName}目前没有保护期内的客户。`
  const lines = o.customers.map((c) => {
    const w = c.ownership
    const end = w?.dealCode ? `已成交 ${w.dealCode}` : w ? `至 ${lastDay(w.until, v.tz)}` : ''
    return `${c.name} ${c.phone} ${end}`
  })
  return [`${myCustomersHead(o)}${lines.length > 0 ? '：' : '。'}`, ...lines, ...o.masked].join('\n')
}

/** 我的客户 in a group: the head only, and where the details went. */
export const myCustomersGroupText = (o: MyCustomers, direct: boolean) =>
  (direct ? sentDirectlyText : askDirectlyText)(`${myCustomersHead(o)}。`)
