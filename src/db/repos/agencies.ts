import type { AgencyRecord, AgencyRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { asDate, asInt, type RawSql } from '../raw-sql.ts'

const toAgency = (r: {
  id: number
  projectId: number
  name: string
  status: string
  seq: number
  createdAt: Date
}): AgencyRecord => ({ ...r, status: r.status as AgencyRecord['status'] })

export function agencyRepo(db: DbTx, sql: RawSql): AgencyRepo {
  return {
    // every filing reads its agency: a raw statement
    async byId(id) {
      const [r] = await sql.all('SELECT id, "projectId", name, status, seq, "createdAt" FROM agency WHERE id = ?', id)
      return r
        ? toAgency({
            id: asInt(r.id),
            projectId: asInt(r.projectId),
            name: String(r.name),
            status: String(r.status),
            seq: asInt(r.seq),
            createdAt: asDate(r.createdAt),
          })
        : null
    },
    async byName(projectId, name) {
      const r = await db.agency.findUnique({ where: { projectId_name: { projectId, name } } })
      return r && toAgency(r)
    },
    async list(projectId, filter = {}) {
      const rows = await db.agency.findMany({ where: { projectId, status: filter.status }, orderBy: { seq: 'asc' } })
      return rows.map(toAgency)
    },
    // A concurrent add takes the same seq and fails on (projectId, seq): the transaction re-runs with the next one.
    async add(projectId, name, at) {
      const last = await db.agency.findFirst({ where: { projectId }, orderBy: { seq: 'desc' }, select: { seq: true } })
      return toAgency(await db.agency.create({ data: { projectId, name, seq: (last?.seq ?? 0) + 1, createdAt: at } }))
    },
    async readmit(id) {
      const agency = await db.agency.findUniqueOrThrow({ where: { id }, select: { projectId: true } })
      const last = await db.agency.findFirst({
        where: { projectId: agency.projectId },
        orderBy: { seq: 'desc' },
        select: { seq: true },
      })
      return toAgency(
        await db.agency.update({
          where: { id },
          data: { status: 'active', dismissedAt: null, seq: (last?.seq ?? 0) + 1 },
        }),
      )
    },
    async setStatus(id, status, at) {
      await db.agency.update({ where: { id }, data: { status, dismissedAt: status === 'dismissed' ? at : null } })
    },
  }
}
