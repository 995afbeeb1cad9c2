import type { Excused } from '../domain/attendance.ts'
import { addDays, type LocalDate } from '../domain/calendar.ts'
import type { Tx } from './ports.ts'

/**
 * R1 is about agents who could have checked in and did not. A past day on which the bot never ran (no service-day
 * record, after the first one) was an outage: it is excused. Days before the first record and today count as usual.
 */
export async function outageDays(tx: Tx, projectId: number, today: LocalDate, lookbackDays = 60): Promise<Excused> {
  const { first, days } = await tx.schedule.serviceDays(projectId, addDays(today, -lookbackDays))
  if (first === null) return () => false
  return (d) => d >= first && d < today && !days.has(d)
}
