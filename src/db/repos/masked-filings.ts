import { Conflict } from '../../app/ports.ts'
import type { MaskedFilingRecord, MaskedFilingRepo } from '../../app/ports-masked.ts'
import type { BatchLocks } from '../batch-locks.ts'
import type { DbTx } from '../client.ts'

type Row = Awaited<ReturnType<DbTx['maskedFiling']['findFirstOrThrow']>>

function toRecord(r: Row): MaskedFilingRecord {
  return {
    id: r.id,
    projectId: r.projectId,
    agencyId: r.agencyId,
    mask: { head: r.head, tail: r.tail },
    name: r.name,
    surname: r.surname,
    filedBy: r.filedBy,
    filedAt: r.filedAt,
    protectedUntil: r.protectedUntil,
    lapsesAt: r.lapsesAt,
    status: r.status as MaskedFilingRecord['status'],
    note: r.note,
    filingId: r.filingId,
  }
}

export function maskedFilingRepo(db: DbTx, locks: BatchLocks): MaskedFilingRepo {
  return {
    async lockMask(projectId, mask) {
      const key = `${mask.head}${mask.tail}`
      locks.take(`mask:${projectId}:${key}`)
      await db.$executeRaw`INSERT INTO mask_lock ("projectId", "mask", "n") VALUES (${projectId}, ${key}, 1)
        ON CONFLICT ("projectId", "mask") DO UPDATE SET "n" = mask_lock."n" + 1`
    },
    async byId(id) {
      const r = await db.maskedFiling.findUnique({ where: { id } })
      return r && toRecord(r)
    },
    async liveOfMask(projectId, mask) {
      const rows = await db.maskedFiling.findMany({
        where: { projectId, head: mask.head, tail: mask.tail, status: 'live' },
        orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
      })
      return rows.map(toRecord)
    },
    async releaseLapsedKey(projectId, key, now) {
      await db.maskedFiling.updateMany({
        where: { projectId, liveKey: key, OR: [{ lapsesAt: { lte: now } }, { protectedUntil: { lte: now } }] },
        data: { liveKey: null },
      })
    },
    async add(f) {
      const r = await db.maskedFiling.create({
        data: {
          projectId: f.projectId,
          agencyId: f.agencyId,
          filedBy: f.filedBy,
          filedAt: f.filedAt,
          head: f.mask.head,
          tail: f.mask.tail,
          name: f.name,
          surname: f.surname,
          protectedUntil: f.protectedUntil,
          lapsesAt: f.lapsesAt,
          liveKey: f.liveKey,
          note: f.note,
        },
      })
      return toRecord(r)
    },
    async complete(id, filingId, at) {
      const { count } = await db.maskedFiling.updateMany({
        where: { id, status: 'live' },
        data: { status: 'completed', liveKey: null, filingId, closedAt: at },
      })
      if (count !== 1) throw new Conflict(`masked filing ${id} is no longer live`)
    },
    async markLapsed(id, now) {
      const { count } = await db.maskedFiling.updateMany({
        where: { id, status: 'live', lapsesAt: { lte: now } },
        data: { status: 'lapsed', liveKey: null, closedAt: now },
      })
      return count === 1
    },
    async lapseDue(projectId, now, limit) {
      const rows = await db.maskedFiling.findMany({
        where: { projectId, status: 'live', lapsesAt: { lte: now } },
        orderBy: [{ lapsesAt: 'asc' }, { id: 'asc' }],
        take: limit,
      })
      return rows.map(toRecord)
    },
    async liveOfAgency(agencyId, limit) {
      const rows = await db.maskedFiling.findMany({
        where: { agencyId, status: 'live' },
        orderBy: [{ lapsesAt: 'asc' }, { id: 'asc' }],
        take: limit,
      })
      return rows.map(toRecord)
    },
    async customersWithMask(projectId, mask) {
      const rows = await db.customer.findMany({
        where: { projectId, phone: { startsWith: mask.head, endsWith: mask.tail } },
        select: { id: true, phone: true },
      })
      return rows.filter((r) => r.phone.length === 11).map((r) => r.id)
    },
    async addCollision(c) {
      await db.collision.create({
        data: {
          projectId: c.projectId,
          customerId: c.customerId,
          maskedPhone: c.maskedPhone,
          maskedName: c.maskedName,
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
  }
}
