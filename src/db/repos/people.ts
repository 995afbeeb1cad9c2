import type { PeopleRepo, StaffRecord } from '../../app/ports.ts'
import type { Platform } from '../../domain/platform.ts'
import type { Role, StaffStatus } from '../../domain/roles.ts'
import type { DbTx } from '../client.ts'

// Data path: Prisma's client. Staff, identities and join codes change at set-up and are read by commands that are
// not hot; the one statement every command runs, the sender's context, is on the raw path in sender.ts.

interface StaffRow {
  id: number
  projectId: number
  name: string
  role: string
  agencyId: number | null
  status: string
  statusSince: Date
  createdAt: Date
}

const toStaff = (r: StaffRow): StaffRecord => ({ ...r, role: r.role as Role, status: r.status as StaffStatus })

export function peopleRepo(db: DbTx): Omit<PeopleRepo, 'senderContext'> {
  return {
    async actorFor(platform, userId) {
      const identity = await db.identity.findUnique({ where: { platform_userId: { platform, userId } } })
      if (!identity) return null
      const staff = await db.staff.findUnique({ where: { id: identity.staffId } })
      if (!staff) return null
      const agency = staff.agencyId === null ? null : await db.agency.findUnique({ where: { id: staff.agencyId } })
      return {
        projectId: staff.projectId,
        identity: `${platform}:${userId}`,
        staffId: staff.id,
        name: staff.name,
        role: staff.role as Role,
        agencyId: staff.agencyId,
        agencyName: agency?.name ?? null,
        status: staff.status as StaffStatus,
      }
    },
    async staffById(id) {
      const r = await db.staff.findUnique({ where: { id } })
      return r && toStaff(r)
    },
    async staffByName(projectId, name) {
      return (await db.staff.findMany({ where: { projectId, name }, orderBy: { id: 'asc' } })).map(toStaff)
    },
    async listStaff(projectId, filter = {}) {
      const rows = await db.staff.findMany({
        where: { projectId, role: filter.role, agencyId: filter.agencyId, status: filter.status },
        orderBy: { id: 'asc' },
      })
      return rows.map(toStaff)
    },
    async addStaff(s) {
      return toStaff(await db.staff.create({ data: s }))
    },
    async setStatus(staffId, status, at) {
      await db.staff.update({ where: { id: staffId }, data: { status, statusSince: at } })
    },
    async identitiesOf(staffIds) {
      if (staffIds.length === 0) return []
      const rows = await db.identity.findMany({ where: { staffId: { in: staffIds } }, orderBy: { boundAt: 'asc' } })
      return rows.map((r) => ({ staffId: r.staffId, platform: r.platform as Platform, userId: r.userId }))
    },
    async boundOn(platform) {
      const ids = await db.identity.findMany({ where: { platform }, orderBy: { boundAt: 'asc' } })
      const staff = await db.staff.findMany({ where: { id: { in: ids.map((i) => i.staffId) } } })
      const agencies = await db.agency.findMany({
        where: { id: { in: staff.flatMap((s) => (s.agencyId === null ? [] : [s.agencyId])) } },
      })
      return ids.flatMap((i) => {
        const s = staff.find((x) => x.id === i.staffId)
        if (!s) return []
        return [
          { userId: i.userId, staff: toStaff(s), agencyName: agencies.find((a) => a.id === s.agencyId)?.name ?? null },
        ]
      })
    },
    async createJoinCode(code, staffId, at, expiresAt) {
      await db.joinCode.create({ data: { code, staffId, createdAt: at, expiresAt } })
    },
    async redeemJoinCode(code, platform, userId, at) {
      // Conditional update: of two people racing with one code, exactly one changes the row.
      const used = await db.joinCode.updateMany({
        where: { code, usedAt: null, expiresAt: { gt: at } },
        data: { usedAt: at, usedBy: `${platform}:${userId}` },
      })
      if (used.count !== 1) return null
      const join = await db.joinCode.findUnique({ where: { code } })
      if (!join) return null
      await db.identity.upsert({
        where: { platform_userId: { platform, userId } },
        create: { platform, userId, staffId: join.staffId, boundAt: at },
        update: { staffId: join.staffId, boundAt: at },
      })
      const staff = await db.staff.findUnique({ where: { id: join.staffId } })
      return staff && toStaff(staff)
    },
    async joinCodeFor(code, at) {
      const join = await db.joinCode.findFirst({ where: { code, usedAt: null, expiresAt: { gt: at } } })
      const staff = join && (await db.staff.findUnique({ where: { id: join.staffId } }))
      return staff ? toStaff(staff) : null
    },
    async voidJoinCodes(which, at, by) {
      const where = 'code' in which ? { code: which.code } : { staffId: which.staffId }
      const voided = await db.joinCode.updateMany({
        where: { ...where, usedAt: null },
        data: { usedAt: at, usedBy: by },
      })
      return voided.count
    },
  }
}
