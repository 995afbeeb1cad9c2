import type { CronField, ScheduleError } from '../../domain/cron.ts'
import { scheduleForms } from './desk.ts'
import { dateTime, type View } from './format.ts'

type Catalog = { [C in ScheduleError['code']]: (e: Extract<ScheduleError, { code: C }>, v: View) => string }

const FIELD_NAMES: Record<CronField, string> = {
  minute: '分钟',
  hour: '小时',
  day: '日期',
  month: '月份',
  weekday: '星期',
}

export const SCHEDULE_EXAMPLE = '/定时公告 添加 "0 8 * * 1-5" 班车8:30从地铁站发车'

const example = `例如：${SCHEDULE_EXAMPLE}（周一至周五每天 08:00 发送）`

/** Refusals of /schedule. */
export const SCHEDULE_ERRORS: Catalog = {
  'cron.invalid': (e) =>
    e.field === null
      ? `定时表达式“${e.input}”无效：需要5项，依次为 分 时 日 月 周，用空格分开并加英文引号。${example}`
      : `定时表达式“${e.input}”的${FIELD_NAMES[e.field]}一项无效。${example}`,
  'cron.never': (e) => `定时表达式“${e.input}”永远不会触发（例如2月30日）。${example}`,
  'schedule.not-found': (e) => `找不到定时公告 ${e.ref}。发送 /定时公告 列表 查看编号。`,
}

export const scheduleNeedsWords = '请写时间（如 每天 8:00、工作日 8:30，或加英文引号的 cron）和公告内容。'

export const scheduleTooLong = (max: number) => `公告内容最多 ${max} 字。`

export const scheduleAddedText = (
  o: { code: string; record: { cron: string; text: string }; words: string | null; next: Date; auditCode: string },
  tz: string,
) =>
  `已添加定时公告 ${o.code}：${scheduleForms(o.record.cron, o.words, tz)}，下次发送 ${dateTime(o.next, tz)}。\n内容：${o.record.text}\n证据 ${o.auditCode}`

/** /定时公告 列表, in the project's zone. */
export function scheduleListText(
  rows: readonly { code: string; cron: string; words: string | null; next: Date | null; text: string }[],
  tz: string,
): string {
  if (rows.length === 0) return `还没有定时公告。添加：${SCHEDULE_EXAMPLE}`
  const lines = rows.map(
    (r) => `${r.code} ${scheduleForms(r.cron, r.words)}，下次 ${r.next ? dateTime(r.next, tz) : '无'}：${r.text}`,
  )
  return [`定时公告（${tz}）：`, ...lines].join('\n')
}

export const scheduleRemovedText = (r: { code: string; cron: string; text: string; auditCode: string }) =>
  `已删除定时公告 ${r.code}（${r.cron}）：${r.text}\n证据 ${r.auditCode}`
