import type { Tx } from '../app/ports.ts'
import { type BatchLocks, DATABASE_LOCKS } from './batch-locks.ts'
import type { DbTx } from './client.ts'
import type { RawSql } from './raw-sql.ts'
import { agencyRepo, type SeenAgencies } from './repos/agencies.ts'
import { announcementRepo } from './repos/announcements.ts'
import { attendanceRepo } from './repos/attendance.ts'
import { type AuditSession, auditRepo } from './repos/audit.ts'
import { confirmationRepo } from './repos/confirmations.ts'
import { customerRepo } from './repos/customers.ts'
import { depositRepo } from './repos/deposits.ts'
import { deskRepo } from './repos/desk.ts'
import { downloadRepo } from './repos/downloads.ts'
import { exportRepo } from './repos/exports.ts'
import { commissionRepo, dismissalRepo, fineRepo } from './repos/fines.ts'
import { groupRepo } from './repos/groups.ts'
import { inboundRepo } from './repos/inbound.ts'
import { maskedFilingRepo } from './repos/masked-filings.ts'
import { outboxRepo } from './repos/outbox.ts'
import { peopleRepo } from './repos/people.ts'
import { projectRepo } from './repos/projects.ts'
import { recurringRepo } from './repos/recurring.ts'
import { retentionRepo } from './repos/retention.ts'
import { rotationRepo } from './repos/rotation.ts'
import { scheduleRepo } from './repos/schedule.ts'
import { senderContext } from './repos/sender.ts'
import { settlementRepo } from './repos/settlement.ts'
import { subscriptionRepo } from './repos/subscriptions.ts'
import { unitRepo } from './repos/units.ts'

/**
 * The app's view of one transaction: every repository bound to the same database transaction, each on the one data
 * path its file names at the top — Prisma's transaction client `db`, or the raw statements of `sql` (raw-sql.ts).
 */
export function makeTx(db: DbTx, sql: RawSql, audit: AuditSession, locks: BatchLocks = DATABASE_LOCKS): Tx {
  const seen: SeenAgencies = new Map()
  return {
    projects: projectRepo(db),
    people: { ...peopleRepo(db), senderContext: senderContext(sql, seen) },
    groups: groupRepo(db),
    agencies: agencyRepo(sql, seen),
    customers: customerRepo(sql, audit),
    audit: auditRepo(sql, audit),
    outbox: outboxRepo(sql),
    inbound: inboundRepo(sql),
    retention: retentionRepo(db),
    attendance: attendanceRepo(db),
    rotation: rotationRepo(db),
    announcements: announcementRepo(db),
    recurring: recurringRepo(db),
    schedule: scheduleRepo(db),
    fines: fineRepo(db, locks),
    dismissals: dismissalRepo(db),
    commission: commissionRepo(db),
    units: unitRepo(db),
    deposits: depositRepo(db),
    subscriptions: subscriptionRepo(db),
    confirmations: confirmationRepo(db),
    desk: deskRepo(db),
    downloads: downloadRepo(db),
    exports: exportRepo(db),
    masked: maskedFilingRepo(db, locks),
    settlement: settlementRepo(db),
  }
}
