import { type CodeLetter, code } from '../../app/codes.ts'
import { Conflict, type CustomerRecord, type CustomerRepo, type FilingRecord } from '../../app/ports.ts'
import type { Ownership } from '../../domain/filing.ts'
import { asDate, asDateOrNull, asInt, asIntOrNull, type RawSql } from '../raw-sql.ts'
import { sql } from '../sql.ts'
import type { AuditSession } from './audit.ts'

// Data path: raw SQL (raw-sql.ts) throughout. Every 报备, 查客户 and 到访 comes through here, and a new number is
// filed in one statement on PostgreSQL; the rest of the file stays on the same path so the repository reads one way.

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

/** A raw row (either database) as the typed row. */
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

const toFiling = (r: Record<string, unknown>): FilingRecord => ({
  id: asInt(r.id),
  customerId: asInt(r.customerId),
  agencyId: asInt(r.agencyId),
  filedBy: asInt(r.filedBy),
  filedAt: asDate(r.filedAt),
  protectedUntil: asDate(r.protectedUntil),
  note: (r.note as string | null) ?? null,
  source: (r.source as string | null) ?? null,
})

const FILING_LETTER: CodeLetter = 'F'

const CUSTOMER = sql`SELECT id, "projectId", phone, name, "ownerAgencyId", "ownerFilingId", "ownerSince",
  "protectedUntil", "dealCode", version, "createdAt" FROM customer`
const FILING = sql`SELECT id, "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note, source FROM filing`

export function customerRepo(db: RawSql, session: AuditSession): CustomerRepo {
  const one = async (q: ReturnType<typeof sql>) => {
    const [r] = await db.all(q)
    return r ? toCustomer(customerRow(r)) : null
  }
  return {
    byPhone: (projectId, phone) => one(sql`${CUSTOMER} WHERE "projectId" = ${projectId} AND phone = ${phone}`),
    byId: (id) => one(sql`${CUSTOMER} WHERE id = ${id}`),
    // One round trip for a new number. Two first filings of one number: the unique index lets one insert through;
    // the other waits for it, inserts nothing, and reads the winner's row.
    async ensure(projectId, phone, name, at) {
      const inserted = await db.all(
        sql`INSERT INTO customer ("projectId", "phone", "name", "version", "createdAt")
            VALUES (${projectId}, ${phone}, ${name}, 0, ${at}) ON CONFLICT DO NOTHING RETURNING *`,
      )
      const row = inserted[0] ? toCustomer(customerRow(inserted[0])) : await this.byPhone(projectId, phone)
      if (!row) throw new Conflict(`customer ${projectId}/${phone} vanished`)
      return row
    },
    async fileNew(f, audit) {
      return db.provider === 'postgresql' ? fileNewPg(db, session, f, audit) : fileNewSqlite(db, session, f, audit)
    },
    // Nobody waits for the answer: it travels with the next statement; a lost compare-and-set re-runs the transaction.
    async setOwnership(customer, o) {
      db.defer(
        sql`UPDATE customer SET "ownerAgencyId" = ${o?.agencyId ?? null}, "ownerFilingId" = ${o?.filingId ?? null},
              "ownerSince" = ${o?.since ?? null}, "protectedUntil" = ${o?.until ?? null},
              "dealCode" = ${o?.dealCode ?? null}, "version" = "version" + 1
            WHERE id = ${customer.id} AND "version" = ${customer.version}`,
        { rows: 1, what: `customer ${customer.id}` },
      )
    },
    async addFiling(f) {
      const [row] = await db.all(
        sql`INSERT INTO filing ("projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", "note",
              "source")
            VALUES (${f.projectId}, ${f.customerId}, ${f.agencyId}, ${f.filedBy}, ${f.filedAt}, ${f.protectedUntil},
              ${f.note}, ${f.source})
            RETURNING id, "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note, source`,
      )
      if (!row) throw new Error('filing insert returned nothing')
      return toFiling(row)
    },
    async filingById(id) {
      const [r] = await db.all(sql`${FILING} WHERE id = ${id}`)
      return r ? toFiling(r) : null
    },
    async renewFiling(filingId, until) {
      await db.run(sql`UPDATE filing SET "protectedUntil" = ${until} WHERE id = ${filingId}`)
    },
    async addVisit(v) {
      await db.run(
        sql`INSERT INTO visit ("projectId", "customerId", "filingId", "registeredBy", at, "previousUntil", "newUntil")
            VALUES (${v.projectId}, ${v.customerId}, ${v.filingId}, ${v.registeredBy}, ${v.at}, ${v.previousUntil},
              ${v.newUntil})`,
      )
    },
    async addCollision(c) {
      db.defer(
        sql`INSERT INTO collision ("projectId", "customerId", "ownerAgencyId", "ownerFilingId", "ownerSince",
              "ownerUntil", "challengerAgencyId", "challengerStaffId", "attemptedAt", "auditCode")
            VALUES (${c.projectId}, ${c.customerId}, ${c.owner.agencyId}, ${c.owner.filingId}, ${c.owner.since},
              ${c.owner.dealCode === null ? c.owner.until : null}, ${c.challengerAgencyId}, ${c.challengerStaffId},
              ${c.attemptedAt}, ${c.auditCode})`,
      )
    },
    async protectedBy(agencyId, now, limit) {
      const rows = await db.all(
        sql`${CUSTOMER} WHERE "ownerAgencyId" = ${agencyId} AND ("protectedUntil" > ${now} OR "dealCode" IS NOT NULL)
            ORDER BY "protectedUntil" ASC LIMIT ${limit}`,
      )
      return rows.map((r) => toCustomer(customerRow(r)))
    },
  }
}

type NewFiling = Parameters<CustomerRepo['fileNew']>[0]
type NewFilingAudit = Parameters<CustomerRepo['fileNew']>[1]

/**
 * PostgreSQL: the customer (with its ownership), the filing and the audit entry in one statement. The ids are drawn
 * first, and only while the number is unknown and no masked filing of its mask is live (so a known number burns no
 * filing code, and 隐号报备 is weighed by the caller's general path); the ownership is written
 * with the insert, since a statement's parts cannot update rows another part inserted. A lone transaction also moves
 * the audit chain's head for the entry here (AuditSession.lone), so sealing it needs no round trip of its own.
 */
async function fileNewPg(db: RawSql, session: AuditSession, f: NewFiling, a: NewFilingAudit) {
  const data = JSON.stringify(a.data)
  const int = (v: number | null) => sql`CAST(${v} AS integer)`
  const text = (v: string | null) => sql`CAST(${v} AS text)`
  const time = (v: Date) => sql`CAST(${v} AS timestamp(3))`
  const [r] = await db.all(
    sql`WITH ids AS (
          SELECT nextval(pg_get_serial_sequence('customer', 'id')) AS cid,
                 nextval(pg_get_serial_sequence('filing', 'id')) AS fid
          WHERE NOT EXISTS (SELECT 1 FROM customer WHERE "projectId" = ${int(f.projectId)} AND phone = ${text(f.phone)})
            AND NOT EXISTS (SELECT 1 FROM masked_filing WHERE "projectId" = ${int(f.projectId)}
              AND head = ${text(f.mask.head)} AND tail = ${text(f.mask.tail)} AND status = 'live')
        ), c AS (
          INSERT INTO customer (id, "projectId", phone, name, "ownerAgencyId", "ownerFilingId", "ownerSince",
            "protectedUntil", "dealCode", version, "createdAt")
          SELECT cid, ${int(f.projectId)}, ${text(f.phone)}, ${text(f.name)}, ${int(f.agencyId)}, fid,
            ${time(f.filedAt)}, ${time(f.protectedUntil)}, NULL, 1, ${time(f.filedAt)} FROM ids
          ON CONFLICT DO NOTHING RETURNING id, version, "createdAt"
        ), fl AS (
          INSERT INTO filing (id, "projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note,
            source)
          SELECT ids.fid, ${int(f.projectId)}, c.id, ${int(f.agencyId)}, ${int(f.filedBy)}, ${time(f.filedAt)},
            ${time(f.protectedUntil)}, ${text(f.note)}, ${text(f.source)} FROM c, ids RETURNING id
        ), au AS (
          INSERT INTO audit_entry ("projectId", at, "actorStaffId", actor, action, subject, data, "sourceMessageId")
          SELECT ${int(a.projectId)}, ${time(a.at)}, ${int(a.actorStaffId)}, ${text(a.actor)}, ${text(a.action)},
            ${text(FILING_LETTER)} || CAST(fl.id AS text), ${text(data)}, ${text(a.source)} FROM fl RETURNING id
        ), h AS (
          UPDATE audit_head SET seq = audit_head.seq + 1 FROM au
          WHERE ${session.lone} AND audit_head."projectId" = ${int(a.projectId)}
          RETURNING audit_head.seq, audit_head.hash, audit_head."keyedFrom", audit_head."keyedTag"
        )
        SELECT c.id AS "customerId", c.version, c."createdAt", fl.id AS "filingId", au.id AS "auditId",
          h.seq AS "headSeq", h.hash AS "headHash", h."keyedFrom" AS "headKeyedFrom", h."keyedTag" AS "headKeyedTag"
        FROM c CROSS JOIN fl CROSS JOIN au LEFT JOIN h ON true`,
  )
  if (!r) return null
  if (r.headSeq !== null && r.headSeq !== undefined) {
    const before = session.moved.get(a.projectId)
    session.moved.set(a.projectId, {
      count: (before?.count ?? 0) + 1,
      head: {
        seq: r.headSeq,
        hash: String(r.headHash),
        keyedFrom: r.headKeyedFrom,
        keyedTag: (r.headKeyedTag as string | null) ?? null,
      },
    })
  }
  return filedNew(session, f, a, data, {
    customerId: asInt(r.customerId),
    version: asInt(r.version),
    createdAt: asDate(r.createdAt),
    filingId: asInt(r.filingId),
    auditId: asInt(r.auditId),
  })
}

/** SQLite (no statements that write several tables): the same rows, statement by statement, on the one connection. */
async function fileNewSqlite(db: RawSql, session: AuditSession, f: NewFiling, a: NewFilingAudit) {
  const masked = await db.all(
    sql`SELECT 1 FROM masked_filing WHERE "projectId" = ${f.projectId} AND head = ${f.mask.head}
          AND tail = ${f.mask.tail} AND status = 'live' LIMIT 1`,
  )
  if (masked.length > 0) return null
  const [c] = await db.all(
    sql`INSERT INTO customer ("projectId", phone, name, version, "createdAt")
        VALUES (${f.projectId}, ${f.phone}, ${f.name}, 1, ${f.filedAt}) ON CONFLICT DO NOTHING
        RETURNING id, version, "createdAt"`,
  )
  if (!c) return null
  const customerId = asInt(c.id)
  const [fl] = await db.all(
    sql`INSERT INTO filing ("projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil", note, source)
        VALUES (${f.projectId}, ${customerId}, ${f.agencyId}, ${f.filedBy}, ${f.filedAt}, ${f.protectedUntil}, ${f.note},
          ${f.source}) RETURNING id`,
  )
  const filingId = asInt(fl?.id)
  await db.run(
    sql`UPDATE customer SET "ownerAgencyId" = ${f.agencyId}, "ownerFilingId" = ${filingId}, "ownerSince" = ${f.filedAt},
          "protectedUntil" = ${f.protectedUntil} WHERE id = ${customerId}`,
  )
  const data = JSON.stringify(a.data)
  const [au] = await db.all(
    sql`INSERT INTO audit_entry ("projectId", at, "actorStaffId", actor, action, subject, data, "sourceMessageId")
        VALUES (${a.projectId}, ${a.at}, ${a.actorStaffId}, ${a.actor}, ${a.action}, ${code('F', filingId)}, ${data},
          ${a.source}) RETURNING id`,
  )
  return filedNew(session, f, a, data, {
    customerId,
    version: asInt(c.version),
    createdAt: asDate(c.createdAt),
    filingId,
    auditId: asInt(au?.id),
  })
}

function filedNew(
  session: AuditSession,
  f: NewFiling,
  a: NewFilingAudit,
  data: string,
  ids: { customerId: number; version: number; createdAt: Date; filingId: number; auditId: number },
) {
  const subject = code('F', ids.filingId)
  session.pending.push({ ...a, subject, id: ids.auditId, data })
  const filing: FilingRecord = {
    id: ids.filingId,
    customerId: ids.customerId,
    agencyId: f.agencyId,
    filedBy: f.filedBy,
    filedAt: f.filedAt,
    protectedUntil: f.protectedUntil,
    note: f.note,
    source: f.source,
  }
  const customer: CustomerRecord = {
    id: ids.customerId,
    projectId: f.projectId,
    phone: f.phone,
    name: f.name,
    ownership: {
      agencyId: f.agencyId,
      filingId: ids.filingId,
      since: f.filedAt,
      until: f.protectedUntil,
      dealCode: null,
    },
    version: ids.version,
    createdAt: ids.createdAt,
  }
  return { customer, filing, auditCode: code('A', ids.auditId) }
}
