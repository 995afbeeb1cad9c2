import type { SalesNoticeEvent } from '../../app/notices.ts'
import { day, lastDay, phoneIn, type View, yuan } from './format.ts'

type Renderers = { [K in SalesNoticeEvent['kind']]: (e: Extract<SalesNoticeEvent, { kind: K }>, v: View) => string }

export const DEPOSIT_KIND = { big: '大定', small: '小定' } as const

const hold = (heldUntil: Date, v: View, rule = '') =>
  `保留至 ${lastDay(heldUntil, v.tz)}（${day(heldUntil, v.tz)} 00:00 自动开封${rule ? `，${rule}` : ''}）`

/** A customer in a push: in a group (read by every agency) by masked number only, without the name. */
const customerIn = (c: { name: string; phone: string }, v: View) =>
  v.group ? phoneIn(c.phone, v) : `${c.name} ${phoneIn(c.phone, v)}`

/**
 * 销控 pushes. Group views mask the number, never name the customer or show a floor price (底价), and never say which
 * agency protects a customer that another agency brought in (R13).
 */
export const SALES_NOTICES: Renderers = {
  'unit-held': (e, v) =>
    `【封房】房源 ${e.unitCode} 已交${DEPOSIT_KIND[e.depositKind]} ${yuan(e.amountFen)}（${e.depositCode}，客户 ${customerIn(e.customer, v)}），${hold(e.heldUntil, v, 'R14')}。待现场经理批准（R15）。`,
  'unit-released': (e, v) => {
    if (e.why === 'expired')
      return `【自动开封】房源 ${e.unitCode} 的定金 ${e.depositCode} 保留期已于 ${day(e.heldUntil, v.tz)} 00:00 结束，未认购，房源自动开封，重新可售（R14）。`
    const why = e.why === 'rejected' ? '已被现场经理驳回' : '已退定（R15）'
    return `【开封】定金 ${e.depositCode} ${why}，房源 ${e.unitCode} 重新可售。`
  },
  'hold-awaiting': (e, v) =>
    `【保留期到】房源 ${e.unitCode} 的定金 ${e.depositCode} 保留期已于 ${day(e.heldUntil, v.tz)} 00:00 结束；认购 ${e.subscriptionCode} 待现场经理审批，审批前房源继续保留（R21）。请现场经理 批准 ${e.subscriptionCode} 或 驳回 ${e.subscriptionCode} <原因>。`,
  'unit-subscribed': (e) =>
    `【认购】房源 ${e.unitCode} 已认购（${e.subscriptionCode}，${e.agencyName}），不再自动开封（R21）。`,
  'unit-signed': (e) =>
    `【签约】房源 ${e.unitCode} 已签约（${e.contractCode}，${e.agencyName}），计入 ${e.localMonth} 业绩。`,
  'deposit-requested': (e, v) => {
    const what = `${e.depositCode} 房源 ${e.unitCode} ${DEPOSIT_KIND[e.depositKind]} ${yuan(e.amountFen)}`
    const how = `请现场经理 批准 ${e.depositCode} 或 驳回 ${e.depositCode} <原因>（R15）。证据 ${e.auditCode}`
    if (v.group) {
      const r13 = e.mismatch ? '（R13：该客户在申请人以外的分销保护期内，请现场经理核实）' : ''
      return `【待审批·定金】${what}，客户 ${customerIn(e.customer, v)}，${hold(e.heldUntil, v)}${r13}。${how}`
    }
    const requester = `${e.requester.name}${e.requester.agencyName ? `（${e.requester.agencyName}）` : ''}`
    return [
      `【待审批·定金】${what}`,
      `客户：${e.customer.name} ${phoneIn(e.customer.phone, v)}`,
      `归属：${e.agencyName}；申请人：${requester}`,
      ...(e.mismatch
        ? [
            `注意（R13 交定后撞单按R12处理）：该客户在 ${e.mismatch.ownerAgencyName} 保护期内，申请人属 ${e.mismatch.requesterAgencyName}；定金归保护方 ${e.mismatch.ownerAgencyName}。`,
          ]
        : []),
      hold(e.heldUntil, v),
      how,
    ].join('\n')
  },
  'subscription-requested': (e, v) => {
    const prices = v.group
      ? ''
      : `（总价 ${yuan(e.listPriceFen)}，底价 ${yuan(e.floorPriceFen)}${e.priceFen > e.listPriceFen ? '；高于总价，请核对' : ''}）`
    return `【待审批·认购】${e.subscriptionCode} 房源 ${e.unitCode} 认购价 ${yuan(e.priceFen)}${prices}，定金 ${e.depositCode}，${e.agencyName} ${e.requester}。请现场经理核查后 批准 ${e.subscriptionCode} 或 驳回 ${e.subscriptionCode} <原因>（R21）。证据 ${e.auditCode}`
  },
  'refund-requested': (e) =>
    `【待审批·退定】${e.refundCode}：${e.agencyName} ${e.requester} 申请退定金 ${e.depositCode}（房源 ${e.unitCode}，${yuan(e.amountFen)}）。请现场经理 批准 ${e.refundCode} 或 驳回 ${e.refundCode} <原因>（R15）。证据 ${e.auditCode}`,
  'approval-decided': (e) =>
    `【审批结果】${e.recordCode}（房源 ${e.unitCode}）已被 ${e.by} ${e.decision === 'approved' ? '批准' : '驳回'}${e.reason ? `：${e.reason}` : ''}。`,
  'hold-ending': (e, v) =>
    `【今晚开封】房源 ${e.unitCode} 的定金 ${e.depositCode}（${e.agencyName}）保留期今天结束，${day(e.heldUntil, v.tz)} 00:00 自动开封（R14）。如需认购请今天办理。`,
}
