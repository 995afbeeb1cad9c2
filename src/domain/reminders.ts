import { addDays, instantAt, localDateOf, startOfDay } from './calendar.ts'

/**
 * For reminders sent at `time` local on the date `daysBefore` days before a period's end date (the protection
 * reminder: 2 days at 09:00; the hold's last-day reminder: 1 day at 09:00): the ends whose reminder is due at `now`
 * are exactly those before the instant returned. A sweep reads only the ends before it.
 */
export function remindedEndsBefore(
  now: Date,
  daysBefore: number,
  time: { hour: number; minute: number },
  tz: string,
): Date {
  const today = localDateOf(now, tz)
  const passed = now.getTime() >= instantAt(today, tz, time.hour, time.minute).getTime()
  const lastEndDate = addDays(today, daysBefore - (passed ? 0 : 1))
  return startOfDay(addDays(lastEndDate, 1), tz)
}

/**
 * What happens to a reminder due at `dueAt` about something that ends at `endsAt`, looked at `now` (≥ dueAt):
 * `dropped` when its subject is already over (now ≥ endsAt: a reminder about it would mislead), `late` when its moment
 * passed more than `lateAfterMs` ago (sent, saying so: the server was down or asleep), otherwise `sent`.
 */
export function reminderTiming(dueAt: Date, endsAt: Date, now: Date, lateAfterMs: number): 'sent' | 'late' | 'dropped' {
  if (now.getTime() >= endsAt.getTime()) return 'dropped'
  return now.getTime() - dueAt.getTime() > lateAfterMs ? 'late' : 'sent'
}
