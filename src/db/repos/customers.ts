import { Conflict, type CustomerRecord, type CustomerRepo, type FilingRecord } from '../../app/ports.ts'
import type { Ownership } from '../../domain/filing.ts'
import type { DbTx } from '../client.ts'
import { asDate, asDateOrNull, asInt, asIntOrNull, type RawSql } from '../raw-sql.ts'

interface CustomerRow {
  id: number
  projectId: number
  phone: string
  name: string
  ownerAgencyId: number | null
  ownerFilingId: number | null
  ownerSince: Date | null
  protectedUntil: Date | null
  dealCode: string | null
  version: number
  createdAt: Date
}

/** A raw row (either database) as the typed row Prisma would give. */
function customerRow(r: Record<string, unknown>): CustomerRow {
  return {
    id: asInt(r.id),
    projectId: asInt(r.projectId),
    phone: String(r.phone),
    name: String(r.name),
    ownerAgencyId: asIntOrNull(r.ownerAgencyId),
    ownerFilingId: asIntOrNull(r.ownerFilingId),
    ownerSince: asDateOrNull(r.ownerSince),
    protectedUntil: asDateOrNull(r.protectedUntil),
    dealCode: (r.dealCode as string | null) ?? null,
    version: asInt(r.version),
    createdAt: asDate(r.createdAt),
  }
}

function toCustomer(r: CustomerRow): CustomerRecord {
  const ownership: Ownership | null =
    r.ownerAgencyId === null || r.protectedUntil === null
      ? null
      : {
          agencyId: r.ownerAgencyId,
          filingId: r.ownerFilingId,
          since: r.ownerSince ?? r.createdAt,
          until: r.protectedUntil,
          dealCode: r.dealCode,
        }
  return {
    id: r.id,
    projectId: r.projectId,
    phone: r.phone,
    name: r.name,
    ownership,
    version: r.version,
    createdAt: r.createdAt,
  }
}

export function customerRepo(db: DbTx, sql: RawSql): CustomerRepo {
  return {
    async byPhone(projectId, phone) {
      const r = await db.customer.findUnique({ where: { projectId_phone: { projectId, phone } } })
      return r && toCustomer(r)
    },
    async byId(id) {
      const r = await db.customer.findUnique({ where: { id } })
      return r && toCustomer(r)
    },
    // Hot path (every filing): raw statements, one round trip for a new number. Two first filings of one number: the
    // unique index lets one insert through; the other waits for it, inserts nothing, and reads the winner's row.
    async ensure(projectId, phone, name, at) {
      const inserted = await sql.all(
        `INSERT INTO customer ("projectId", "phone", "name", "version", "createdAt") VALUES (?, ?, ?, 0, ?)
         ON CONFLICT DO NOTHING RETURNING *`,
        projectId,
        phone,
        name,
        at,
      )
      const row =
        inserted[0] ??
        (await sql.all('SELECT * FROM customer WHERE "projectId" = ? AND "phone" = ?', projectId, phone))[0]
      if (!row) throw new Conflict(`customer ${projectId}/${phone} vanished`)
      return toCustomer(customerRow(row))
    },
    async setOwnership(customer, o) {
      const changed = await sql.run(
        `UPDATE customer SET "ownerAgencyId" = ?, "ownerFilingId" = ?, "ownerSince" = ?, "protectedUntil" = ?,
           "dealCode" = ?, "version" = "version" + 1
         WHERE id = ? AND "version" = ?`,
        o?.agencyId ?? null,
        o?.filingId ?? null,
        o?.since ?? null,
        o?.until ?? null,
        o?.dealCode ?? null,
        customer.id,
        customer.version,
      )
      if (changed !== 1) throw new Conflict(`customer ${customer.id} changed concurrently`)
    },
    async addFiling(f) {
      const [row] = await sql.all(
        `INSERT INTO filing ("projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", "note", "source")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id, "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note, source`,
        f.projectId,
        f.customerId,
        f.agencyId,
        f.filedBy,
        f.filedAt,
        f.protectedUntil,
        f.note,
        f.source,
      )
      if (!row) throw new Error('filing insert returned nothing')
      return {
        id: asInt(row.id),
        customerId: asInt(row.customerId),
        agencyId: asInt(row.agencyId),
        filedBy: asInt(row.filedBy),
        filedAt: asDate(row.filedAt),
        protectedUntil: asDate(row.protectedUntil),
        note: (row.note as string | null) ?? null,
        source: (row.source as string | null) ?? null,
      }
    },
    async filingById(id) {
      return (await db.filing.findUnique({ where: { id } })) as FilingRecord | null
    },
    async renewFiling(filingId, until) {
      await db.filing.update({ where: { id: filingId }, data: { protectedUntil: until } })
    },
    async addVisit(v) {
      await db.visit.create({ data: v })
    },
    async addCollision(c) {
      await db.collision.create({
        data: {
          projectId: c.projectId,
          customerId: c.customerId,
          ownerAgencyId: c.owner.agencyId,
          ownerFilingId: c.owner.filingId,
          ownerSince: c.owner.since,
          ownerUntil: c.owner.dealCode === null ? c.owner.until : null,
          challengerAgencyId: c.challengerAgencyId,
          challengerStaffId: c.challengerStaffId,
          attemptedAt: c.attemptedAt,
          auditCode: c.auditCode,
        },
      })
    },
    async protectedBy(agencyId, now, limit) {
      const rows = await db.customer.findMany({
        where: { ownerAgencyId: agencyId, OR: [{ protectedUntil: { gt: now } }, { dealCode: { not: null } }] },
        orderBy: { protectedUntil: 'asc' },
        take: limit,
      })
      return rows.map(toCustomer)
    },
  }
}
