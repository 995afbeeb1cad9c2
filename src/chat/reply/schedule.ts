import type { CronField, ScheduleError } from '../../domain/cron.ts'
import type { View } from './format.ts'

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
  'schedule.not-found': (e) => `找不到定时公告 ${e.ref}。发送 /schedule list 查看编号。`,
}
