import { addDays, instantAt, type LocalDate, localDateOf, startOfDay } from './calendar.ts'
import { reminderTiming } from './reminders.ts'
import type { RuleSettings } from './settings.ts'

type BriefSettings = Pick<RuleSettings, 'dailyBriefTime'>

/** The managers' daily brief of local date `date` is due at settings.dailyBriefTime (09:00) that day. */
export function briefDueAt(date: LocalDate, settings: BriefSettings, tz: string): Date {
  const { hour, minute } = settings.dailyBriefTime
  return instantAt(date, tz, hour, minute)
}

/**
 * The dates whose brief is due at `now` and not yet handled: after `lastDate` (the latest handled; none yet: today
 * only), up to today, at most `lookbackDays` back, none due before the project existed (`since`). Like every reminder, a missed brief
 * is then sent late (补发) while its day lasts and dropped after.
 */
export function briefDatesDue(
  lastDate: LocalDate | null,
  since: Date,
  now: Date,
  settings: BriefSettings,
  tz: string,
  lookbackDays: number,
): LocalDate[] {
  const today = localDateOf(now, tz)
  const out: LocalDate[] = []
  for (let d = lastDate === null ? today : addDays(today, -lookbackDays); d <= today; d = addDays(d, 1)) {
    if (lastDate !== null && d <= lastDate) continue
    const due = briefDueAt(d, settings, tz).getTime()
    if (due <= now.getTime() && due > since.getTime()) out.push(d)
  }
  return out
}

/** sent / late (补发) / dropped: a brief is about its day, so once the day is over it is not sent. */
export function briefTiming(
  date: LocalDate,
  now: Date,
  settings: BriefSettings,
  tz: string,
  lateAfterMs: number,
): 'sent' | 'late' | 'dropped' {
  return reminderTiming(briefDueAt(date, settings, tz), startOfDay(addDays(date, 1), tz), now, lateAfterMs)
}
