import type { AgencyRecord, AgencyRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

const toAgency = (r: {
  id: number
  projectId: number
  name: string
  status: string
  seq: number
  createdAt: Date
}): AgencyRecord => ({ ...r, status: r.status as AgencyRecord['status'] })

export function agencyRepo(db: DbTx): AgencyRepo {
  return {
    async byId(id) {
      const r = await db.agency.findUnique({ where: { id } })
      return r && toAgency(r)
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
    async setStatus(id, status, at) {
      await db.agency.update({ where: { id }, data: { status, dismissedAt: status === 'dismissed' ? at : null } })
    },
  }
}
