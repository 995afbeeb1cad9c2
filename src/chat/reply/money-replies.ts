import type { IssuedFine } from '../../app/issue-fine.ts'
import type { ReversedFine } from '../../app/reverse-fine.ts'
import type { AgencyStatement, Statements } from '../../app/show-statements.ts'
import { localMonthOf } from '../../domain/calendar.ts'
import { dateTime, type View, yuan } from './format.ts'
import { fineLines, statementLines, undoneText } from './money.ts'
import { owingSummary } from './settlement.ts'

/**
 * The replies of 罚款, 冲正, 业绩, 佣金 and 公告: the commands pass the use case's outcome, the words are here (the
 * fine's and the statement's own lines come from money.ts).
 */

/** 罚款 issued: every line of the fine under one head. */
export const fineIssuedText = (f: IssuedFine, v: View) =>
  `已开罚款 ${fineLines(f.fine, f.escalation, f.warning, f.auditCode, v).join('\n')}`

/** 冲正 without a reason: what the usage adds. */
export const REVERSAL_REASON_REQUIRED = '请写明冲正原因。'

/** 冲正 of a fine: the reversal, the original it takes back, and the escalations that no longer hold. */
export function reversalText(r: ReversedFine, now: Date, v: View): string {
  const o = r.original
  const nowMonth = localMonthOf(now, v.tz)
  const lines = [
    `冲正 ${r.code}：冲正 ${o.code}（${o.staffName ? `${o.agencyName} ${o.staffName}` : o.agencyName}「${o.fineCode}」${yuan(o.amountFen)}，${dateTime(o.issuedAt, v.tz)} ${o.issuedBy}开具）`,
    `退回 ${yuan(-r.amountFen)}，计入 ${o.agencyName} ${nowMonth} 佣金；原罚款记录保留不变。原因：${r.reason}。证据 ${r.auditCode}`,
  ]
  if (r.undoes.length > 0) {
    lines.push('以下升级处理不再成立，请酌情处理：')
    for (const u of r.undoes) lines.push(`· ${undoneText(u, nowMonth)}`)
  }
  return lines.join('\n')
}

/** A running month's statements are figures so far. */
const asOf = (s: Statements, now: Date, v: View) => (s.current ? `（本月截至 ${dateTime(now, v.tz)}，未结算）` : '')

const agencyTitle = (s: AgencyStatement) => `${s.agencyName}${s.dismissed ? '（已劝退）' : ''}`

/** 业绩 asked by someone of no agency: where the manager's figures are. */
export const PERFORMANCE_WITHOUT_AGENCY = '业绩 查看本分销的月度结算。现场经理和管理员请用：佣金 [YYYY-MM] [分销名称]'

/** 业绩: the agent's own agency's statement of the month. */
export const performanceText = (r: Statements, s: AgencyStatement, now: Date, v: View) =>
  [`【${agencyTitle(s)} ${r.month} 业绩】${asOf(r, now, v)}`, ...statementLines(s, v, { manager: false })].join('\n')

/** 佣金: every agency's statement of the month, the total payable, and what agencies still owe. */
export function commissionText(r: Statements, now: Date, v: View): string {
  const list = r.statements
  if (list.length === 0) return `【${r.month} 佣金】该月没有分销的签约、罚款或结转记录。`
  const blocks = list.map((s) => [`■ ${agencyTitle(s)}`, ...statementLines(s, v, { manager: true })].join('\n'))
  const total = list.reduce((sum, s) => sum + s.statement.payableFen, 0)
  const owing = owingSummary(list.map((s) => ({ agencyName: s.agencyName, owing: s.settlement.owing })))
  return [
    `【${r.month} 佣金】${list.length} 家分销，合计应付 ${yuan(total)}${asOf(r, now, v)}`,
    ...blocks,
    ...(owing === null ? [] : [owing]),
  ].join('\n\n')
}

/** 公告 over the length limit: what the usage adds. */
export const announcementTooLongText = (max: number, length: number) => `公告最多${max}字，现在 ${length} 字。`

/** 公告 stored: how many groups it went to, or that there is none yet. */
export const announcedText = (groups: number, auditCode: string) =>
  groups === 0
    ? `公告已保存，但本项目还没有绑定群，暂无处发送。证据 ${auditCode}`
    : `公告已发布到 ${groups} 个群。证据 ${auditCode}`
