import type { AttendanceRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function attendanceRepo(db: DbTx): AttendanceRepo {
  return {
    async lastCheckIn(staffId) {
      const r = await db.checkIn.findFirst({
        where: { staffId },
        orderBy: { localDate: 'desc' },
        select: { localDate: true },
      })
      return r?.localDate ?? null
    },
    // The unique (staffId, localDate) index settles a double tap: the second insert does nothing.
    async add(projectId, staffId, localDate, at) {
      const inserted = await db.$executeRaw`
        INSERT INTO check_in ("projectId", "staffId", "localDate", "at") VALUES (${projectId}, ${staffId}, ${localDate}, ${at})
        ON CONFLICT DO NOTHING`
      return inserted === 1
    },
    async agenciesCheckedIn(projectId, localDate) {
      const rows = await db.checkIn.findMany({ where: { projectId, localDate }, select: { staffId: true } })
      if (rows.length === 0) return new Set()
      const staff = await db.staff.findMany({
        where: { id: { in: rows.map((r) => r.staffId) }, role: 'agent', status: 'active', agencyId: { not: null } },
        select: { agencyId: true },
      })
      return new Set(staff.map((s) => s.agencyId as number))
    },
    async lastCheckIns(staffIds) {
      if (staffIds.length === 0) return new Map()
      const rows = await db.checkIn.groupBy({
        by: ['staffId'],
        where: { staffId: { in: staffIds } },
        _max: { localDate: true },
      })
      return new Map(rows.flatMap((r) => (r._max.localDate ? [[r.staffId, r._max.localDate] as const] : [])))
    },
  }
}
