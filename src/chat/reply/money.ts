import type { Dismissed } from '../../app/dismiss-agency.ts'
import type {
  DismissalReason,
  EscalationFacts,
  FineFacts,
  MoneyNoticeEvent,
  WarningFacts,
} from '../../app/money-notices.ts'
import type { AgencyStatement, PriceBasis } from '../../app/show-statements.ts'
import type { FineWarning } from '../../domain/fines.ts'
import { FINE_CATALOGUE, type FineCode, type FineRule } from '../../domain/fines.ts'
import { formatRateBp } from '../../domain/money.ts'
import type { RuleSettings } from '../../domain/settings.ts'
import { dateTime, day, type View, yuan } from './format.ts'
import { statementSettlementLines } from './settlement.ts'

/** What each fine is for, in the seed's words (SPEC.md's fines table). */
export const FINE_WHAT: Record<FineCode, string> = {
  培训: '培训及销售会议迟到、缺席或材料不全',
  不配合: '不配合公司及业务工作',
  态度: '对客户态度蛮横、争吵、辱骂',
  抢客: '秘书接待前上前询问来访客户',
  派单: '5公里保护区内私自派发DM单',
  捣乱: '撞单捣乱',
  大厅: '办公大厅打闹、嬉戏、吃东西',
  水杯: '私自使用客户水杯',
  谈判桌: '谈判完毕未整理谈判桌',
  工服: '工服费用',
  复印: '复印费（签约复印免费）',
}

/** The catalogue entry of a stored code; a code the catalogue no longer knows reads as a fine counted once. */
const entry = (code: FineCode): { rule: string; quantity: FineRule['quantity'] } =>
  FINE_CATALOGUE[code] ?? { rule: '', quantity: 'once' }

function priceText(f: FineFacts, s: RuleSettings): string {
  if (f.unitFen === null) return '金额由现场经理确定'
  if (f.fineCode === '工服') return `${yuan(f.unitFen)}，只收一次`
  // R19 "一次警告,二次罚款": how many first entries are warnings is a setting (fines.tableWarnings).
  if (f.fineCode === '谈判桌' && s.fines.tableWarnings > 0) {
    const warnings = s.fines.tableWarnings === 1 ? '先警告' : `前 ${s.fines.tableWarnings} 次警告`
    return `${warnings}，之后 ${yuan(f.unitFen)}/次`
  }
  const per = { once: '次', customers: '位客户', pages: '张' }[entry(f.fineCode).quantity]
  return `${yuan(f.unitFen)}/${per}`
}

/** `2 位客户 `, `20 张 `, or nothing for a fine counted once. */
export const quantityText = (code: FineCode, n: number) =>
  ({ once: '', customers: `${n} 位客户 `, pages: `${n} 张 ` })[entry(code).quantity]

function occurrenceText(f: FineFacts): string {
  if (f.fineCode === '态度') return `，${f.staffName ?? f.agencyName}第 ${f.occurrence} 次`
  if (f.fineCode === '派单' || f.fineCode === '谈判桌') return `，本分销第 ${f.occurrence} 次`
  return ''
}

const whoText = (f: Pick<FineFacts, 'agencyName' | 'staffName'>) =>
  f.staffName ? `${f.agencyName} ${f.staffName}` : f.agencyName

/** `P3：链家 李四「态度」¥200.00` */
export const fineHeadline = (f: FineFacts) =>
  `${f.code}：${whoText(f)}「${f.fineCode}」${quantityText(f.fineCode, f.quantity)}${
    f.warningOnly ? '警告（¥0.00）' : yuan(f.amountFen)
  }${f.severe ? '，情节严重' : ''}`

const commissionWord = (c: 'forfeited' | 'confiscated') => (c === 'confiscated' ? '没收' : '全部扣除')

export function escalationText(e: EscalationFacts): string {
  if (e.kind === 'agent-disqualified') {
    return `${e.staffName} 取消销售资格（已停用），${e.agencyName} ${e.month} 佣金全部扣除（${e.rule}）`
  }
  const stopped = e.stoppedAgents.length ? `，销售 ${e.stoppedAgents.join('、')} 停用` : ''
  const money = e.commission ? `，${e.month} 佣金${commissionWord(e.commission)}` : ''
  return `${e.agencyName} 劝退（退出轮排和分销名额${stopped}）${money}（${e.rule}）`
}

export function warningText(w: WarningFacts): string {
  return w.code === '态度'
    ? `${w.staffName} 已有 ${w.count} 次“态度”罚款，第 ${w.at} 次将取消销售资格，${w.agencyName} 当月佣金全部扣除（R7）`
    : `${w.agencyName} 已有 ${w.count} 次“派单”罚款，第 ${w.at} 次将被劝退，佣金没收（R11）`
}

/** Every line of a fine: who, what, when, which seed rule, who issued it; its escalation or warning; the evidence. */
export function fineLines(
  f: FineFacts,
  e: EscalationFacts | null,
  w: WarningFacts | null,
  auditCode: string,
  v: View,
): string[] {
  return [
    fineHeadline(f),
    `依据：${f.rule} ${FINE_WHAT[f.fineCode] ?? f.fineCode}（${priceText(f, v.settings)}）${occurrenceText(f)}`,
    `时间：${dateTime(f.issuedAt, v.tz)}，开具：${f.issuedBy}${f.note ? `，备注：${f.note}` : ''}`,
    ...(e ? [`⛔ 升级处理：${escalationText(e)}。`] : []),
    ...(w ? [`⚠️ 警告：${warningText(w)}。`] : []),
    f.amountFen > 0 ? `从 ${f.agencyName} ${f.month} 佣金中扣除。证据 ${auditCode}` : `本次不扣款。证据 ${auditCode}`,
  ]
}

/** 劝退 applied: what it did to the agency, the agency count and its agents. */
export function dismissedText(v: Dismissed): string {
  const stopped = v.stoppedAgents.length ? `；销售 ${v.stoppedAgents.join('、')} 已停用` : ''
  return `已劝退 ${v.agencyName}：${v.reasons.map(dismissalReasonText).join('；')}。${v.agencyName} 退出轮排，不再计入分销名额（在场 ${v.activeAgencies}/${v.maxAgencies} 家）${stopped}。证据 ${v.auditCode}`
}

export function dismissalReasonText(r: DismissalReason): string {
  if (r.kind === 'target') return `R4 连续未完成签约任务（截至 ${r.month}）`
  if (r.kind === 'fine') return `${r.rule} 罚款 ${r.fineCode}`
  return r.text ? `现场经理决定：${r.text}` : '现场经理决定'
}

/** What a reversal takes back, said so the manager can undo its effects. */
export function undoneText(u: { fineCode: string; escalation: EscalationFacts }, nowMonth: string): string {
  const e = u.escalation
  const money =
    e.kind === 'agency-dismissed' && e.commission === null
      ? ''
      : e.month === nowMonth
        ? `；${e.month} 佣金不再扣除`
        : `；${e.month} 已结月份不改动，冲正金额计入本月`
  return e.kind === 'agent-disqualified'
    ? `${u.fineCode} 使 ${e.staffName} 被取消销售资格（${e.rule}）${money}：恢复资格请管理员发送 /员工 启用 ${e.staffName}`
    : `${u.fineCode} 使 ${e.agencyName} 被劝退（${e.rule}）${money}：如需恢复该分销，请联系管理员`
}

const BASIS: Record<PriceBasis, string> = {
  'agency-month': '本月均价',
  project: '项目成交均价',
  units: '在售房源均价',
}

function statementWarning(w: FineWarning, s: AgencyStatement): string {
  return w.code === '态度'
    ? warningText({ ...w, staffName: s.staffNames.get(w.staffId) ?? '', agencyName: s.agencyName })
    : warningText({ ...w, agencyName: s.agencyName })
}

/**
 * The R4 statement of one agency and month, every figure shown: contracts and prices, counted units against the
 * target, rate, gross, forfeiture, fines with codes, carry-in, net, payable, carry-out, warnings, and in the current
 * month the projection of one more signing.
 */
export function statementLines(s: AgencyStatement, v: View, opts: { manager: boolean }): string[] {
  const st = s.statement
  const lines: string[] = []
  lines.push(
    st.contracts.length === 0 ? '签约 0 套。' : `签约 ${st.contracts.length} 套，房款合计 ${yuan(st.totalPriceFen)}：`,
  )
  for (const c of st.contracts) {
    const unit = s.unitCodes.get(c.id)
    lines.push(
      `· C${c.id}${unit ? ` ${unit}` : ''} ${yuan(c.priceFen)}${c.basement ? ' 地下室' : ''}（${day(c.signedAt, v.tz)}）`,
    )
  }
  lines.push(
    `任务：计入 ${st.countedUnits} 套 / 目标 ${st.target} 套（地下室不计），${st.targetMet ? '已达标' : '未达标'} → 费率 ${formatRateBp(st.rateBp)}（R4）`,
  )
  const forfeit = st.forfeit
    ? `，${commissionWord(st.forfeit.kind)}（${st.forfeit.rule} “${st.forfeit.code}”罚款 P${st.forfeit.fineId}）→ ${yuan(0)}`
    : ''
  lines.push(`佣金：${yuan(st.totalPriceFen)} × ${formatRateBp(st.rateBp)} = ${yuan(st.grossFen)}${forfeit}`)
  if (st.fines.length === 0) lines.push('罚款：无')
  else {
    // A reversal is not a fine: it is counted apart, so `罚款 N 笔` counts fines only.
    const reversals = st.fines.filter((f) => f.reversesId !== null).length
    const count = `罚款 ${st.fines.length - reversals} 笔${reversals > 0 ? `、冲正 ${reversals} 笔` : ''}`
    lines.push(`${count}，合计 ${yuan(st.finesFen)}：`)
    for (const f of st.fines) {
      const when = `（${day(f.issuedAt, v.tz)}）`
      if (f.reversesId !== null) {
        lines.push(`· P${f.id} 冲正 P${f.reversesId} ${yuan(f.amountFen)}${when}`)
        continue
      }
      const who = f.staffId === null ? '' : ` ${s.staffNames.get(f.staffId) ?? ''}`
      const amount = f.amountFen === 0 && f.code === '谈判桌' ? `${yuan(0)} 警告` : yuan(f.amountFen)
      const severe = f.severe ? ' 情节严重' : ''
      lines.push(
        `· P${f.id} ${f.code} ${quantityText(f.code, f.quantity)}${entry(f.code).rule}${who} ${amount}${severe}${when}`,
      )
    }
  }
  lines.push(`上月结转：${yuan(st.carryInFen)}${st.carryInFen < 0 ? '（上月欠款，从本月扣除）' : ''}`)
  const fines = st.finesFen >= 0 ? ` − ${yuan(st.finesFen)}` : ` + ${yuan(-st.finesFen)}（冲正退回）`
  const carry = st.carryInFen < 0 ? ` − ${yuan(-st.carryInFen)}` : ''
  lines.push(`净额：${yuan(st.commissionFen)}${fines}${carry} = ${yuan(st.netFen)}`)
  lines.push(`应付：${yuan(st.payableFen)}；结转下月：${yuan(st.carryOutFen)}`)
  lines.push(...statementSettlementLines(s.settlement, st.month, v.tz))
  for (const w of st.warnings) lines.push(`⚠️ 警告：${statementWarning(w, s)}`)
  const p = s.projection
  if (p) {
    if (st.forfeit) lines.push(`再签1套 → 本月佣金已${commissionWord(st.forfeit.kind)}，不增加佣金`)
    else {
      const rate = `费率${p.rateBpAfter > p.rateBpBefore ? '升至' : '仍为'}${formatRateBp(p.rateBpAfter)}`
      lines.push(
        p.basis === null
          ? `再签1套 → ${rate}（暂无房价，无法估算金额）`
          : `再签1套（按${BASIS[p.basis]} ${yuan(p.priceFen)}）→ ${rate}，+${yuan(p.deltaFen)}`,
      )
    }
  }
  if (opts.manager && s.pending.length > 0) {
    lines.push(`⚠️ 劝退提议待确认：${s.pending.map(dismissalReasonText).join('；')}。确认请发送：劝退 ${s.agencyName}`)
  }
  return lines
}

/** One line per agency for the month-end message. */
export function statementSummary(s: AgencyStatement): string {
  const st = s.statement
  return `· ${s.agencyName}${s.dismissed ? '（已劝退）' : ''}：签约 ${st.contracts.length} 套（计入 ${st.countedUnits}/${st.target}），费率 ${formatRateBp(st.rateBp)}，佣金 ${yuan(st.commissionFen)}，罚款 ${yuan(st.finesFen)}，上月结转 ${yuan(st.carryInFen)}，净额 ${yuan(st.netFen)}，应付 ${yuan(st.payableFen)}`
}

type Renderers = { [K in MoneyNoticeEvent['kind']]: (e: Extract<MoneyNoticeEvent, { kind: K }>, v: View) => string }

/** Pushed messages of commission, fines and dismissals; no phone number is involved in any of them. */
export const MONEY_NOTICES: Renderers = {
  'fine-issued': (e, v) => `【罚款】${fineLines(e.fine, e.escalation, e.warning, e.auditCode, v).join('\n')}`,
  'fine-warning': (e, v) =>
    `【警告】${warningText(e.warning)}。\n起因：${fineHeadline(e.fine)}，${dateTime(e.fine.issuedAt, v.tz)}（${e.fine.rule}）`,
  'fine-reversed': (e, v) => {
    const o = e.original
    return [
      `【冲正】${e.code} 冲正 ${o.code}（${whoText(o)}「${o.fineCode}」${yuan(o.amountFen)}，${dateTime(o.issuedAt, v.tz)} ${o.issuedBy}开具）`,
      `退回 ${yuan(o.amountFen)}，原记录保留。原因：${e.reason}。经办：${e.by}，${dateTime(e.at, v.tz)}。证据 ${e.auditCode}`,
    ].join('\n')
  },
  'agency-dismissed': (e, v) => {
    const stopped = e.stoppedAgents.length ? `；销售 ${e.stoppedAgents.join('、')} 停用` : ''
    return `【劝退】${e.agencyName} 已劝退：${e.reasons.map(dismissalReasonText).join('；')}。退出轮排，不再计入分销名额${stopped}。经办：${e.by}，${dateTime(e.at, v.tz)}。证据 ${e.auditCode}`
  },
  'month-closed': (e) => {
    const lines = [`【月结 ${e.month}】各分销佣金：`]
    if (e.statements.length === 0) lines.push('本月没有分销。')
    lines.push(...e.statements.map(statementSummary))
    lines.push(`未达标（R4）：${e.underTargetAgencies.length ? e.underTargetAgencies.join('、') : '无'}`)
    for (const p of e.proposals) {
      lines.push(
        `劝退提议（R4 连续${p.months.length}个月未完成任务：${p.months.join('、')}）：${p.agencyName}。确认请发送：劝退 ${p.agencyName}`,
      )
    }
    lines.push(`明细请发送：佣金 ${e.month}`)
    return lines.join('\n')
  },
}
