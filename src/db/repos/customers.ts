import { Conflict, type CustomerRecord, type CustomerRepo, type FilingRecord } from '../../app/ports.ts'
import type { Ownership } from '../../domain/filing.ts'
import type { DbTx } from '../client.ts'

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

export function customerRepo(db: DbTx): CustomerRepo {
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
      const inserted = await db.$queryRaw<CustomerRow[]>`
        INSERT INTO customer ("projectId", "phone", "name", "version", "createdAt")
        VALUES (${projectId}, ${phone}, ${name}, 0, ${at}) ON CONFLICT DO NOTHING RETURNING *`
      const row =
        inserted[0] ??
        (
          await db.$queryRaw<
            CustomerRow[]
          >`SELECT * FROM customer WHERE "projectId" = ${projectId} AND "phone" = ${phone}`
        )[0]
      if (!row) throw new Conflict(`customer ${projectId}/${phone} vanished`)
      return toCustomer(row)
    },
    async setOwnership(customer, o) {
      const changed = await db.$executeRaw`
        UPDATE customer SET "ownerAgencyId" = ${o?.agencyId ?? null}, "ownerFilingId" = ${o?.filingId ?? null},
          "ownerSince" = ${o?.since ?? null}, "protectedUntil" = ${o?.until ?? null}, "dealCode" = ${o?.dealCode ?? null},
          "version" = "version" + 1
        WHERE id = ${customer.id} AND "version" = ${customer.version}`
      if (changed !== 1) throw new Conflict(`customer ${customer.id} changed concurrently`)
    },
    async addFiling(f) {
      const [row] = await db.$queryRaw<FilingRecord[]>`
        INSERT INTO filing ("projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", "note", "source")
        VALUES (${f.projectId}, ${f.customerId}, ${f.agencyId}, ${f.filedBy}, ${f.filedAt}, ${f.protectedUntil}, ${f.note},
          ${f.source})
        RETURNING id, "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note, source`
      if (!row) throw new Error('filing insert returned nothing')
      return row
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
