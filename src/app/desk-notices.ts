import type { QueuedApproval } from '../domain/approvals.ts'
import type { LocalDate } from '../domain/calendar.ts'
import type { FunnelStage } from '../domain/report.ts'

/** A hold whose last day is the brief's day (it ends at 00:00 after it). */
export interface HoldEndingToday {
  depositCode: string
  unitCode: string
  agencyName: string
  status: 'pending' | 'approved'
  heldUntil: Date
}

/** The managers' morning message: yesterday's numbers, today so far, what ends today, what waits, the audit head. */
export interface DailyBrief {
  projectName: string
  date: LocalDate
  /** When it was put together: today's check-ins are those up to here. */
  asOf: Date
  yesterday: LocalDate
  /** 00:00 after the brief's day: when the holds and protections "ending today" end. */
  dayEnd: Date
  /** Project-wide counts of yesterday's records (the same stage rules as 报表), and collisions. */
  counts: Record<FunnelStage, number> & { collisions: number }
  checkIns: { agencyName: string; checkedIn: number; agents: number }[]
  holdsEnding: HoldEndingToday[]
  protectionsEnding: ProtectionEnding[]
  approvals: QueuedApproval[]
  audit: { seq: number; hash: string; entryCode: string | null }
}

export type DeskNoticeEvent =
  | { kind: 'daily-brief'; brief: DailyBrief }
  /** /agency readmit: the agency is back, at the end of the rotation. */
  | {
      kind: 'agency-readmitted'
      agencyName: string
      seq: number
      reason: string
      by: string
      at: Date
      auditCode: string
    }

export interface ProtectionEnding {
  customerId: number
  name: string
  phone: string
  agencyName: string
  until: Date
}
