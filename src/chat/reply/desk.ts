import type { IrreversibleEffect } from '../../app/ask-confirmation.ts'
import type { DailyBrief, DeskNoticeEvent } from '../../app/desk-notices.ts'
import type { CollisionRecord } from '../../app/ports.ts'
import type { Readmitted } from '../../app/readmit-agency.ts'
import type { ReportView } from '../../app/show-report.ts'
import type { QueuedApproval } from '../../domain/approvals.ts'
import { shortDate } from '../../domain/calendar.ts'
import type { ConfirmationError } from '../../domain/confirmation.ts'
import type { AgencyLine, Period, PeriodError } from '../../domain/report.ts'
import type { ScheduleWordsError } from '../../domain/schedule-words.ts'
import { dateTime, day, lastDay, phoneIn, type View, yuan } from './format.ts'
import { dismissalReasonText, dismissedText, FINE_WHAT, quantityText } from './money.ts'

/** The manager's desk: 待审批, 撞单, 报表, 确认, the daily brief, /agency readmit, schedules in words. */

export const SCHEDULE_WORDS_EXAMPLE = '/定时公告 添加 工作日 8:00 班车8:30从地铁站发车'

/** A schedule in both forms: `工作日 8:30（cron 30 8 * * 1-5，Asia/Shanghai）`; cron alone when words would mislead. */
export const scheduleForms = (cron: string, words: string | null, tz?: string) =>
  words ? `${words}（cron ${cron}${tz ? `，${tz}` : ''}）` : tz ? `${cron}（${tz}）` : cron

/** Why a rotation turn was skipped (轮空, R3). */
export const SKIP_REASONS: Record<string, string> = { 'no-check-in': '今日无人签到' }

type DeskError = ConfirmationError | PeriodError | ScheduleWordsError | { code: 'agency.not-dismissed'; name: string }
type Catalog = { [C in DeskError['code']]: (e: Extract<DeskError, { code: C }>, v: View) => string }

export const DESK_ERRORS: Catalog = {
  'confirm.not-found': (e) => `找不到确认码 ${e.ref}。确认码在劝退或罚款的回复里，例如：确认 Q3`,
  'confirm.other-person': (e) => `确认码 ${e.ref} 由 ${e.ownerName} 发起，只能由本人确认。未执行任何操作。`,
  'confirm.expired': (e, v) =>
    `确认码 ${e.ref} 已于 ${dateTime(e.expiredAt, v.tz)} 过期（${e.minutes} 分钟内有效），未执行任何操作。如仍需办理，请重新发送：${e.command}`,
  'confirm.used': (e, v) =>
    e.outcome === 'done'
      ? `确认码 ${e.ref} 已于 ${dateTime(e.usedAt, v.tz)} 确认执行${e.auditCode ? `（证据 ${e.auditCode}）` : ''}，不会重复执行。`
      : `确认码 ${e.ref} 已于 ${dateTime(e.usedAt, v.tz)} 使用过（当时已无法执行），不会重复执行。`,
  'period.invalid': (e) =>
    `“${e.input}”不是日期或月份。请写 YYYY-MM-DD 或 YYYY-MM，例如：撞单 2026-12-05、撞单 2026-12`,
  'period.future': (e) => `${e.period} 还没有到（今天是 ${e.today}）。`,
  'schedule.words-time': (e) =>
    `“${e.input}”里没有可用的时间。时间写 8:00、8点、8点半 或 下午3点，例如：${SCHEDULE_WORDS_EXAMPLE}`,
  'schedule.words-minutes': (e) =>
    `“${e.input}”里几个时间的分钟不同；一条定时公告的几个时间须是同一分钟（如 8:00、20:00），请分成两条添加。`,
  'schedule.words-days': (e) =>
    `“${e.input}”里有不存在的日子：星期写 一 至 日（如 每周一、周一至周五），日期写 1–31日（如 每月1日）。`,
  'agency.not-dismissed': (e) => `分销“${e.name}”没有被劝退，无需恢复。`,
}

const permille = (p: number | null) => (p === null ? '—' : `${(p / 10).toFixed(1)}%`)
const tenths = (t: number, sign = false) => `${sign && t > 0 ? '+' : ''}${(t / 10).toFixed(1)}`

/** What an irreversible command will do, and how to confirm it. */
export function confirmationText(a: {
  code: string
  expiresAt: Date
  minutes: number
  effect: IrreversibleEffect
  by: string
  v: View
}): string {
  const e = a.effect
  const agents = e.agents.length
    ? `· ${e.agents.length} 名销售取消资格：${e.agents.join('、')}`
    : '· 该分销没有在场销售'
  const lines =
    e.kind === 'dismiss'
      ? [
          `⚠️ 劝退 ${e.agencyName} 不可撤回，请确认：`,
          `· 依据：${e.reasons.map(dismissalReasonText).join('；')}`,
          `· ${e.agencyName} 退出轮排，不再计入分销名额`,
          agents,
          '· 佣金照常结算，不扣除',
        ]
      : [
          `⚠️ 这笔罚款将劝退 ${e.agencyName}，不可撤回，请确认：`,
          `· 罚款：${e.staffName ? `${e.agencyName} ${e.staffName}` : e.agencyName}「${e.fineCode}」${quantityText(e.fineCode, e.quantity)}${yuan(e.amountFen)}${e.severe ? '，情节严重' : ''}（${e.rule} ${FINE_WHAT[e.fineCode]}）`,
          `· ${e.agencyName} 劝退：退出轮排，不再计入分销名额`,
          agents,
          e.commission
            ? `· ${e.agencyName} ${e.commission.month} 佣金${e.commission.how === 'confiscated' ? '没收' : '全部扣除'}`
            : '· 佣金照常结算（罚款从中扣除）',
        ]
  lines.push(
    `确认请在 ${dateTime(a.expiresAt, a.v.tz)} 前发送：确认 ${a.code}（仅限 ${a.by} 本人，${a.minutes} 分钟内有效）。现在什么都没有改变。`,
  )
  return lines.join('\n')
}

const KIND = { deposit: '定金', refund: '退定', subscription: '认购' } as const

/** 待审批 */
export function approvalsText(items: readonly QueuedApproval[], urgentHours: number, v: View): string {
  if (items.length === 0) return '没有待审批的事项。'
  const lines = items.map((i, n) => {
    const amount = i.kind === 'subscription' ? `总价 ${yuan(i.amountFen)}` : yuan(i.amountFen)
    const flag = i.urgent ? `　⚠️ 距开封不足 ${urgentHours} 小时` : ''
    const hold = i.keepsHold
      ? `审批前房源继续保留（定金保留期至 ${lastDay(i.heldUntil, v.tz)}）`
      : `保留至 ${lastDay(i.heldUntil, v.tz)}（${dateTime(i.heldUntil, v.tz)} 开封）`
    return `${n + 1}. ${KIND[i.kind]} ${i.code}：房源 ${i.unitCode}，${i.agencyName}，${amount}，${dateTime(i.since, v.tz)} 提交；${hold}${flag}`
  })
  const urgent = items.filter((i) => i.urgent).length
  return [
    `【待审批】${items.length} 项，按提交先后${urgent ? `，其中 ${urgent} 项即将开封` : ''}：`,
    ...lines,
    '批准：批准 <编号>；驳回：驳回 <编号> [原因]',
  ].join('\n')
}

export const periodLabel = (p: Period) => (p.kind === 'month' ? p.month : p.date)

/** 撞单 in full (direct chat), every side named. */
export function collisionsText(p: Period, list: readonly CollisionRecord[], v: View): string {
  if (list.length === 0) return `【撞单 ${periodLabel(p)}】没有撞单记录。`
  const blocks = list.map((c, n) => {
    const until = c.owner.until === null ? '已成交锁定' : `保护期至 ${lastDay(c.owner.until, v.tz)}`
    const owner = [c.owner.agencyName, c.owner.staffName].filter(Boolean).join(' ')
    return [
      `${n + 1}. 客户 ${c.customer.name} ${phoneIn(c.customer.phone, v)}`,
      `   原分销：${owner}${c.owner.filingCode ? `（${c.owner.filingCode}）` : ''}，${dateTime(c.owner.since, v.tz)} 起，${until}`,
      `   撞单方：${[c.challenger.agencyName, c.challenger.staffName].filter(Boolean).join(' ')}，${dateTime(c.at, v.tz)}`,
      `   裁定：${c.rule === 'R13' ? 'R13 交定后撞单，客户锁定在成交分销' : 'R12 先到访者，客户归原分销'}。证据 ${c.auditCode}`,
    ].join('\n')
  })
  return [`【撞单 ${periodLabel(p)}】${list.length} 起：`, ...blocks].join('\n')
}

/** 撞单 in a group: counts only (customers and the owning agencies are not for everyone to read). */
export function collisionCountText(p: Period, list: readonly CollisionRecord[], sentPrivately: boolean): string {
  const r13 = list.filter((c) => c.rule === 'R13').length
  const count = `【撞单 ${periodLabel(p)}】共 ${list.length} 起${r13 ? `（其中交定后撞单 ${r13} 起）` : ''}。`
  return sentPrivately
    ? `${count}明细含客户信息，已私信发给你。`
    : `${count}明细含客户信息，请私聊机器人发送：撞单 ${periodLabel(p)}`
}

function lineText(l: AgencyLine): string[] {
  const f = l.funnel
  const skips = l.skipped.map((s) => `${SKIP_REASONS[s.reason] ?? s.reason} ${s.count}`).join('、')
  return [
    `■ ${l.name}${l.active ? '' : '（已劝退）'}`,
    `漏斗：报备 ${f.filings.length} → 到访 ${f.visits.length}（${permille(l.rates.visits)}）→ 定金 ${f.deposits.length}（${permille(l.rates.deposits)}）→ 认购 ${f.subscriptions.length}（${permille(l.rates.subscriptions)}）→ 签约 ${f.signings.length}（${permille(l.rates.signings)}）；报备→签约 ${permille(l.overall)}`,
    `撞单：胜 ${l.collisionsWon.length}，负 ${l.collisionsLost.length}；轮排：来访 ${l.dealt.walkIn}、来电 ${l.dealt.call}，归属客户 ${l.toOwner}，轮空 ${l.skipped.reduce((n, s) => n + s.count, 0)} 次${skips ? `（${skips}）` : ''}`,
    `罚款：${l.fines.count} 笔，净额 ${yuan(l.fines.netFen)}`,
  ]
}

/** 报表: the manager sees every line and figure; an agent its own line, and the ranks by name only. */
export function reportText(r: ReportView, asOf: string | null): string {
  const rep = r.report
  const agent = r.ownAgencyId !== null
  const out = [`【报表 ${r.month}】${asOf ? `（本月截至 ${asOf}）` : ''}`]
  if (rep.lines.length === 0) out.push(agent ? '本分销本月没有记录。' : '该月没有分销。')
  for (const l of rep.lines) out.push(...lineText(l))
  const own = (id: number) => (id === r.ownAgencyId ? '（本分销）' : '')
  const signings = (id: number) => rep.lines.find((l) => l.agencyId === id)?.funnel.signings.length
  const overall = (id: number) => rep.lines.find((l) => l.agencyId === id)?.overall ?? null
  out.push(
    `排名（签约）：${
      rep.bySignings
        .map((x) => `${x.rank}. ${x.name}${agent ? own(x.agencyId) : ` ${signings(x.agencyId)} 套`}`)
        .join('　') || '—'
    }`,
    `排名（报备→签约）：${
      rep.byConversion
        .map((x) => `${x.rank}. ${x.name}${agent ? own(x.agencyId) : ` ${permille(overall(x.agencyId))}`}`)
        .join('　') || '—（本月没有报备）'
    }`,
  )
  const fair = rep.fairness
  if (agent) {
    const p = fair.perAgency[0]
    if (p)
      out.push(
        `轮排公平：本分销分配 ${p.dealt} 单（平均每家 ${tenths(fair.meanTenths)} 单，${tenths(p.diffTenths, true)}），最长连续 ${p.longestGap} 单未轮到`,
      )
  } else if (fair.agencies > 0) {
    const per = fair.perAgency.map((p) => `${p.name} ${p.dealt}（${tenths(p.diffTenths, true)}）`).join('、')
    const gap = fair.longestGap ? `；最长等待：${fair.longestGap.name} 连续 ${fair.longestGap.leads} 单未轮到` : ''
    out.push(`轮排公平（R3）：共分配 ${fair.total} 单，平均每家 ${tenths(fair.meanTenths)} 单；${per}${gap}`)
  }
  return out.join('\n')
}

function briefText(b: DailyBrief, v: View): string {
  const c = b.counts
  const agents = b.checkIns.reduce((n, a) => n + a.agents, 0)
  const checked = b.checkIns.reduce((n, a) => n + a.checkedIn, 0)
  const perAgency = b.checkIns.map((a) => `${a.agencyName} ${a.checkedIn}/${a.agents}`).join('，')
  const holds = b.holdsEnding.map(
    (h) => `${h.unitCode} ${h.depositCode}（${h.agencyName}，${h.status === 'pending' ? '待审批' : '已批准'}）`,
  )
  const protections = b.protectionsEnding.map((p) => `${p.name} ${phoneIn(p.phone, v)}（${p.agencyName}）`)
  const oldest = b.approvals[0]
  const urgent = b.approvals.filter((a) => a.urgent).length
  const lines = [
    `【每日简报 ${b.date}】${b.projectName}`,
    `昨日（${shortDate(b.yesterday)}）：报备 ${c.filings}，到访 ${c.visits}，撞单 ${c.collisions}，定金 ${c.deposits}，认购 ${c.subscriptions}，签约 ${c.signings}`,
    `今日签到（截至 ${dateTime(b.asOf, v.tz).slice(11)}）：${checked}/${agents} 人${perAgency ? `——${perAgency}` : ''}`,
    `今晚到期（${day(b.dayEnd, v.tz)} 00:00）：封房 ${holds.length} 套${holds.length ? `——${holds.join('；')}` : ''}；保护期 ${protections.length} 位${protections.length ? `——${protections.join('；')}` : ''}`,
    b.approvals.length
      ? `待审批：${b.approvals.length} 项，最早 ${oldest?.code}（${dateTime(oldest?.since as Date, v.tz)}）${urgent ? `，${urgent} 项即将开封` : ''}。发送“待审批”查看`
      : '待审批：无',
    b.audit.seq > 0
      ? `审计链头：第 ${b.audit.seq} 条（${b.audit.entryCode}），哈希 ${b.audit.hash}。请把“第 ${b.audit.seq} 条 ${b.audit.hash}”记在数据库以外（如手机备忘录）；日后发送 /审计 校验 ${b.audit.seq} ${b.audit.hash} 可确认这段记录未被改动。`
      : '审计链头：尚无记录',
  ]
  return lines.join('\n')
}

/** /agency readmit done. */
export function readmittedText(v: Readmitted): string {
  const agents = v.inactiveAgents.length
    ? `销售 ${v.inactiveAgents.join('、')} 仍停用，如需恢复请逐一发送：/员工 启用 <姓名>。`
    : ''
  return `已恢复 ${v.agency.name} 入场，排在轮排第 ${v.agency.seq} 位（末位）；在场 ${v.activeAgencies}/${v.maxAgencies} 家。原劝退记录、罚款和业绩保留。${agents}证据 ${v.auditCode}`
}

type Renderers = { [K in DeskNoticeEvent['kind']]: (e: Extract<DeskNoticeEvent, { kind: K }>, v: View) => string }

export const DESK_NOTICES: Renderers = {
  'daily-brief': (e, v) => briefText(e.brief, v),
  'agency-readmitted': (e, v) =>
    `【恢复入场】${e.agencyName} 重新入场，排在轮排第 ${e.seq} 位（末位）。原因：${e.reason}。经办：${e.by}，${dateTime(e.at, v.tz)}。证据 ${e.auditCode}`,
}

/** 确认 <码>: the confirmed dismissal or fine, as it was done. */
export function confirmedText(
  code: string,
  v: { kind: 'dismissed'; dismissed: Parameters<typeof dismissedText>[0] } | { kind: 'fine'; lines: string[] },
): string {
  return v.kind === 'dismissed'
    ? `已确认 ${code}。${dismissedText(v.dismissed)}`
    : `已确认 ${code}。已开罚款 ${v.lines.join('\n')}`
}
