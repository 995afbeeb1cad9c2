import type { TimedNoticeEvent } from '../../app/timed-notices.ts'
import { shortDate } from '../../domain/calendar.ts'
import { dateTime, day, lastDay, phoneIn, type View } from './format.ts'

type Renderers = { [K in TimedNoticeEvent['kind']]: (e: Extract<TimedNoticeEvent, { kind: K }>, v: View) => string }

/** The scheduler's reminders and timed transitions. Group views mask the number. */
export const TIMED_NOTICES: Renderers = {
  'protection-ending': (e, v) =>
    `【保护期提醒】${e.agencyName}：客户 ${e.customer.name} ${phoneIn(e.customer.phone, v)}${e.filingCode ? `（${e.filingCode}）` : ' '}的保护期至 ${lastDay(e.until, v.tz)}，${day(e.until, v.tz)} 00:00 结束，还剩 ${e.daysLeft} 天（R12）。到期后其他分销可以报备该客户；带客到访可续保。`,
  'agent-forfeited': (e, v) =>
    `【自动放弃】${e.agencyName ? `${e.agencyName} ` : ''}${e.staffName} 连续${e.days}天（${shortDate(e.firstMissed)} 至 ${shortDate(e.lastMissed)}）未签到，按 R1 自 ${dateTime(e.forfeitAt, v.tz)} 起视为自动放弃，暂停使用分销命令。如需恢复，请管理员发送：/员工 启用 ${e.staffName}。证据 ${e.auditCode}`,
}

/** Put before a reminder sent after its moment (the server was down or asleep). */
export const lateNote = (dueAt: Date, tz: string) => `（补发，原定 ${dateTime(dueAt, tz)}）`
