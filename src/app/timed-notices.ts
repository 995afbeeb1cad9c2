import type { LocalDate } from '../domain/calendar.ts'

/** What the scheduler tells people (reminders and timed transitions that are not another module's). */
export type TimedNoticeEvent =
  /** R12: the owning agency's protection of a customer ends soon (2 days before, 09:00). */
  | {
      kind: 'protection-ending'
      customer: CustomerRef
      agencyName: string
      filingCode: string | null
      until: Date
      /** local days left, today included */
      daysLeft: number
    }
  /** R1: an agent gave up (自动放弃) after N consecutive local days without a check-in. */
  | {
      kind: 'agent-forfeited'
      staffName: string
      agencyName: string | null
      firstMissed: LocalDate
      lastMissed: LocalDate
      days: number
      forfeitAt: Date
      auditCode: string
    }
/** SPEC.md "Audit": the day's chain head, for the managers to keep outside the database. */

/** A customer as a notice names them. */
export interface CustomerRef {
  name: string
  phone: string
}
