import type { NoticeEvent } from '../../app/notices.ts'
import { DESK_NOTICES } from './desk.ts'
import { dateTime, lastDay, phoneIn, type View } from './format.ts'
import { MASKED_NOTICES } from './masked.ts'
import { MONEY_NOTICES } from './money.ts'
import { SALES_NOTICES } from './sales-notices.ts'
import { SETTLEMENT_NOTICES } from './settlement.ts'
import { TIMED_NOTICES } from './timed-notices.ts'

type Renderers = { [K in NoticeEvent['kind']]: (e: Extract<NoticeEvent, { kind: K }>, v: View) => string }

/**
 * Pushed messages. In a group view a number is masked and, for collisions, neither the owning agency nor the
 * customer's name is shown.
 */
export const NOTICES: Renderers = {
  ...MONEY_NOTICES,
  collision: (e, v) => {
    const who = `${e.customer.name} ${phoneIn(e.customer.phone, v)}`
    const until = e.owner.until === null ? '已成交锁定' : `保护期至 ${lastDay(e.owner.until, v.tz)}`
    if (v.group) {
      // The group includes other agencies: the owner's customer is shown by masked number only, never by name.
      return `【撞单】${e.challenger.agencyName} ${e.challenger.staffName} 报备客户 ${phoneIn(e.customer.phone, v)} 时撞单：该客户已在其他分销${until}（${e.rule}）。证据 ${e.auditCode}，详情请现场经理查看。`
    }
    return [
      `【撞单】客户 ${who}`,
      `原分销：${e.owner.agencyName}${e.owner.filingCode ? `（${e.owner.filingCode}）` : ''}，报备于 ${dateTime(e.owner.since, v.tz)}，${until}`,
      `撞单方：${e.challenger.agencyName} ${e.challenger.staffName}，${dateTime(e.challenger.at, v.tz)}`,
      `裁定：${e.rule} 先到访者，客户归原分销。证据 ${e.auditCode}`,
    ].join('\n')
  },
  announcement: (e) => `【公告】${e.text}${e.recurringCode ? '' : `\n—— ${e.by}`}`,
  'lead-assigned': (e, v) => {
    const what = e.leadKind === 'call' ? '来电' : '来访'
    const c = e.customer
    const who = c ? (c.name ? `（${c.name} ${phoneIn(c.phone, v)}）` : ` ${phoneIn(c.phone, v)} `) : ''
    const how = e.via === 'owner' ? '已在其保护期内，不占轮次' : '按轮排分配（R3）'
    return `【${what}分配】${what}客户${who}分配给 ${e.agencyName}，${how}${e.filingCode ? `，已报备 ${e.filingCode}` : ''}。请该分销销售接待。`
  },
  ...SALES_NOTICES,
  ...TIMED_NOTICES,
  ...DESK_NOTICES,
  ...MASKED_NOTICES,
  ...SETTLEMENT_NOTICES,
}

export function noticeText(e: NoticeEvent, v: View): string {
  const render = NOTICES[e.kind] as (e: NoticeEvent, v: View) => string
  return render(e, v)
}
