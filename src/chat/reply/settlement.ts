import type { Settled } from '../../app/money-notices.ts'
import type { SettlementNoticeEvent } from '../../app/settlement-notices.ts'
import type { MonthSettlement, PaymentEntry, SettlementError } from '../../domain/settlement.ts'
import { dateTime, type View, yuan } from './format.ts'

/** 结佣: payments, reversals, what statements owe, acknowledgements, and the overdue reminder. */

export const SETTLEMENT_ERRORS: {
  [C in SettlementError['code']]: (e: Extract<SettlementError, { code: C }>, v: View) => string
} = {
  'settlement.month-open': (e) => `${e.month} 尚未结束，佣金尚未结算。结佣和确认只针对已结束的月份，例如上月。`,
  'settlement.agency-required': () => '请写明要查询的分销：结佣 查询 <分销名称>，例如 结佣 查询 链家',
  'settlement.nothing-owed': (e) =>
    `${e.agencyName} ${e.month} 的佣金没有未付金额，无需结佣。发送“佣金 ${e.month} ${e.agencyName}”查看结算。`,
  'settlement.over': (e) =>
    `结佣金额 ${yuan(e.amountFen)} 超过 ${e.agencyName} ${e.month} 的未付金额 ${yuan(e.outstandingFen)}，未记录。请核对金额后重发。`,
  'settlement.not-found': (e) => `找不到结佣记录 J${e.paymentId}。请核对结佣回复中的编号。`,
  'settlement.of-reversal': (e) => `J${e.paymentId} 本身是冲正记录，不能再冲正。`,
  'settlement.already-reversed': (e) => `结佣 J${e.paymentId} 已由 J${e.reversalId} 冲正。`,
  'settlement.ack-exists': (e, v) =>
    `${e.month} 的佣金结算已由 ${e.by} 于 ${dateTime(e.at, v.tz)} 确认，无需重复确认。`,
}

const paymentLine = (p: PaymentEntry, tz: string) =>
  p.reversesId === null
    ? `· J${p.id} ${yuan(p.amountFen)}（${dateTime(p.paidAt, tz)}）`
    : `· J${p.id} 冲正 J${p.reversesId} ${yuan(p.amountFen)}（${dateTime(p.paidAt, tz)}）`

/** 已付 / 未付 of one closed month: each payment with its code and date. */
export function settledLines(s: MonthSettlement, tz: string): string[] {
  const lines =
    s.payments.length === 0
      ? ['已付：¥0.00（尚无结佣记录）']
      : [`已付 ${s.payments.length} 笔，合计 ${yuan(s.paidFen)}：`, ...s.payments.map((p) => paymentLine(p, tz))]
  lines.push(`未付：${yuan(s.outstandingFen)}${s.outstandingFen === 0 ? '（已付清）' : ''}`)
  return lines
}

/** The statement's settlement part: paid and outstanding of a closed month, other months still owing, the ack. */
export function statementSettlementLines(st: Settled, month: string, tz: string): string[] {
  const lines: string[] = []
  if (st.month && (st.month.payableFen > 0 || st.month.payments.length > 0)) lines.push(...settledLines(st.month, tz))
  const others = st.owing.filter((o) => o.month !== month)
  if (others.length > 0) {
    const total = others.reduce((sum, o) => sum + o.outstandingFen, 0)
    lines.push(`其他月份未付 ${yuan(total)}：${others.map((o) => `${o.month} ${yuan(o.outstandingFen)}`).join('，')}`)
  }
  if (st.ack) {
    lines.push(
      `分销已确认：${dateTime(st.ack.at, tz)}（当时应付 ${yuan(st.ack.payableFen)}，已付 ${yuan(st.ack.paidFen)}）`,
    )
  }
  return lines
}

/** `佣金`'s closing block: what every agency still owes across closed months, and the total. */
export function owingSummary(rows: { agencyName: string; owing: MonthSettlement[] }[]): string | null {
  const owing = rows.filter((r) => r.owing.length > 0)
  if (owing.length === 0) return null
  const sum = (list: MonthSettlement[]) => list.reduce((s, o) => s + o.outstandingFen, 0)
  const total = owing.reduce((s, r) => s + sum(r.owing), 0)
  return [
    `【未付佣金】${owing.length} 家分销，合计 ${yuan(total)}`,
    ...owing.map((r) => `· ${r.agencyName} ${yuan(sum(r.owing))}（${r.owing.map((o) => o.month).join('、')}）`),
  ].join('\n')
}

export interface PaymentReply {
  code: string
  agencyName: string
  month: string
  amountFen: number
  after: MonthSettlement
  reverses: { code: string; amountFen: number; paidAt: Date } | null
  auditCode: string
  reason?: string
}

export function paymentText(p: PaymentReply, tz: string): string {
  const head = p.reverses
    ? `冲正 ${p.code}：冲正结佣 ${p.reverses.code}（${p.agencyName} ${p.month} ${yuan(p.reverses.amountFen)}，${dateTime(p.reverses.paidAt, tz)}），原记录保留不变。`
    : `结佣 ${p.code}：${p.agencyName} ${p.month} 佣金付款 ${yuan(p.amountFen)} 已记录。`
  return [
    head,
    `${p.month} 应付 ${yuan(p.after.payableFen)}，已付 ${yuan(p.after.paidFen)}，未付 ${yuan(p.after.outstandingFen)}。证据 ${p.auditCode}`,
  ].join('\n')
}

/** `结佣 查询`: the agency's closed months with something payable or paid, then what is still owed in all. */
export function settlementQueryText(agencyName: string, months: MonthSettlement[], tz: string): string {
  const shown = months.filter((m) => m.payableFen > 0 || m.payments.length > 0)
  if (shown.length === 0) return `【${agencyName} 结佣】已结束的月份没有应付佣金。`
  const owed = shown.reduce((s, m) => s + m.outstandingFen, 0)
  const blocks = shown.map((m) => [`${m.month} 应付 ${yuan(m.payableFen)}`, ...settledLines(m, tz)].join('\n'))
  return [`【${agencyName} 结佣】合计未付 ${yuan(owed)}`, ...blocks].join('\n\n')
}

export const ackText = (a: {
  agencyName: string
  month: string
  payableFen: number
  paidFen: number
  auditCode: string
}) =>
  `已确认 ${a.agencyName} ${a.month} 佣金结算：应付 ${yuan(a.payableFen)}，已付 ${yuan(a.paidFen)}，未付 ${yuan(Math.max(0, a.payableFen - a.paidFen))}。证据 ${a.auditCode}`

export const SETTLEMENT_NOTICES: {
  [K in SettlementNoticeEvent['kind']]: (e: Extract<SettlementNoticeEvent, { kind: K }>, v: View) => string
} = {
  'payment-recorded': (e, v) =>
    e.reverses
      ? `【结佣冲正】${e.agencyName} ${e.month} 的结佣 ${e.reverses.code}（${yuan(e.reverses.amountFen)}）已冲正（${e.code}）。未付 ${yuan(e.after.outstandingFen)}。`
      : `【结佣】${e.agencyName} ${e.month} 佣金已付 ${yuan(e.amountFen)}（${e.code}，${dateTime(e.paidAt, v.tz)}）。应付 ${yuan(e.after.payableFen)}，已付 ${yuan(e.after.paidFen)}，未付 ${yuan(e.after.outstandingFen)}。核对无误请发送：确认 佣金 ${e.month}`,
  'settlement-overdue': (e) => {
    const total = e.statements.reduce((s, o) => s + o.settlement.outstandingFen, 0)
    return [
      `【结佣逾期】${e.month} 佣金结算已过 ${e.overdueDays} 天仍未付清，${e.statements.length} 家分销合计未付 ${yuan(total)}：`,
      ...e.statements.map(
        (o) =>
          `· ${o.agencyName} 未付 ${yuan(o.settlement.outstandingFen)}（应付 ${yuan(o.settlement.payableFen)}，已付 ${yuan(o.settlement.paidFen)}）`,
      ),
      `付款后请记录：结佣 <分销> ${e.month} <金额>`,
    ].join('\n')
  },
  'statement-acknowledged': (e) =>
    `【佣金确认】${e.agencyName} ${e.by} 已确认 ${e.month} 佣金结算：应付 ${yuan(e.payableFen)}，已付 ${yuan(e.paidFen)}。`,
}
