import type { ExportRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

/** Names by id for the rows of one export: one query per kind, not one per row. */
async function names(db: DbTx, customerIds: number[], agencyIds: number[], staffIds: number[]) {
  const [customers, agencies, staff] = await Promise.all([
    db.customer.findMany({ where: { id: { in: customerIds } }, select: { id: true, name: true, phone: true } }),
    db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true } }),
    db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }),
  ])
  return {
    customer: new Map(customers.map((c) => [c.id, c])),
    agency: new Map(agencies.map((a) => [a.id, a.name])),
    staff: new Map(staff.map((s) => [s.id, s.name])),
  }
}

export function exportRepo(db: DbTx): ExportRepo {
  return {
    async filings(projectId, from, to) {
      const rows = await db.filing.findMany({
        where: { projectId, filedAt: { gte: from, lt: to } },
        orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
      })
      const n = await names(
        db,
        rows.map((r) => r.customerId),
        rows.map((r) => r.agencyId),
        rows.map((r) => r.filedBy),
      )
      return rows.map((r) => ({
        id: r.id,
        filedAt: r.filedAt,
        agencyName: n.agency.get(r.agencyId) ?? '',
        filedBy: n.staff.get(r.filedBy) ?? '',
        customerName: n.customer.get(r.customerId)?.name ?? '',
        phone: n.customer.get(r.customerId)?.phone ?? '',
        protectedUntil: r.protectedUntil,
        source: r.source === 'walk-in' || r.source === 'call' ? r.source : null,
        note: r.note,
      }))
    },
    async visits(projectId, from, to) {
      const rows = await db.visit.findMany({
        where: { projectId, at: { gte: from, lt: to } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })
      const filings = await db.filing.findMany({
        where: { id: { in: rows.map((r) => r.filingId) } },
        select: { id: true, agencyId: true },
      })
      const agencyOf = new Map(filings.map((f) => [f.id, f.agencyId]))
      const n = await names(
        db,
        rows.map((r) => r.customerId),
        filings.map((f) => f.agencyId),
        rows.map((r) => r.registeredBy),
      )
      return rows.map((r) => ({
        at: r.at,
        customerName: n.customer.get(r.customerId)?.name ?? '',
        phone: n.customer.get(r.customerId)?.phone ?? '',
        agencyName: n.agency.get(agencyOf.get(r.filingId) ?? 0) ?? '',
        filingId: r.filingId,
        previousUntil: r.previousUntil,
        newUntil: r.newUntil,
        registeredBy: n.staff.get(r.registeredBy) ?? '',
      }))
    },
  }
}
