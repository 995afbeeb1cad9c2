import type { AgencyRecord, AgencyRepo } from '../../app/ports.ts'
import { asDate, asInt, type RawSql } from '../raw-sql.ts'
import { sql } from '../sql.ts'

// Data path: raw SQL (raw-sql.ts). Every filing reads its agency, usually already read with the sender (see
// `seen`); the few set-up writes stay on the same path so the repository reads one way.

/** Rows one transaction has already read (the sender's agency comes with the sender's context). */
export type SeenAgencies = Map<number, AgencyRecord>

export const toAgency = (r: Record<string, unknown>): AgencyRecord => ({
  id: asInt(r.id),
  projectId: asInt(r.projectId),
  name: String(r.name),
  status: String(r.status) as AgencyRecord['status'],
  seq: asInt(r.seq),
  createdAt: asDate(r.createdAt),
})

const AGENCY = sql`SELECT id, "projectId", name, status, seq, "createdAt" FROM agency`

export function agencyRepo(db: RawSql, seen: SeenAgencies): AgencyRepo {
  const nextSeq = async (projectId: number) => {
    const [r] = await db.all(sql`SELECT MAX(seq) AS seq FROM agency WHERE "projectId" = ${projectId}`)
    return asInt(r?.seq ?? 0) + 1
  }
  return {
    async byId(id) {
      const known = seen.get(id)
      if (known) return known
      const [r] = await db.all(sql`${AGENCY} WHERE id = ${id}`)
      return r ? toAgency(r) : null
    },
    async byName(projectId, name) {
      const [r] = await db.all(sql`${AGENCY} WHERE "projectId" = ${projectId} AND name = ${name}`)
      return r ? toAgency(r) : null
    },
    async list(projectId, filter = {}) {
      const rows = await db.all(
        filter.status === undefined
          ? sql`${AGENCY} WHERE "projectId" = ${projectId} ORDER BY seq ASC`
          : sql`${AGENCY} WHERE "projectId" = ${projectId} AND status = ${filter.status} ORDER BY seq ASC`,
      )
      return rows.map(toAgency)
    },
    // A concurrent add takes the same seq and fails on (projectId, seq): the transaction re-runs with the next one.
    async add(projectId, name, at) {
      const seq = await nextSeq(projectId)
      const [r] = await db.all(
        sql`INSERT INTO agency ("projectId", name, status, seq, "createdAt")
            VALUES (${projectId}, ${name}, 'active', ${seq}, ${at}) RETURNING id, "projectId", name, status, seq, "createdAt"`,
      )
      if (!r) throw new Error('agency insert returned nothing')
      return toAgency(r)
    },
    async readmit(id) {
      seen.delete(id)
      const [a] = await db.all(sql`SELECT "projectId" FROM agency WHERE id = ${id}`)
      if (!a) throw new Error(`agency ${id} not found`)
      const seq = await nextSeq(asInt(a.projectId))
      const [r] = await db.all(
        sql`UPDATE agency SET status = 'active', "dismissedAt" = NULL, seq = ${seq} WHERE id = ${id}
            RETURNING id, "projectId", name, status, seq, "createdAt"`,
      )
      if (!r) throw new Error(`agency ${id} not found`)
      return toAgency(r)
    },
    async setStatus(id, status, at) {
      seen.delete(id)
      await db.run(
        sql`UPDATE agency SET status = ${status}, "dismissedAt" = ${status === 'dismissed' ? at : null} WHERE id = ${id}`,
      )
    },
  }
}
