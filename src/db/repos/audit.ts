import { entryHash, keyedTag } from '../../app/audit.ts'
import type { AuditEntry, AuditInput, AuditRepo } from '../../app/ports.ts'
import { asDate, asInt, asIntOrNull, type RawSql } from '../raw-sql.ts'
import { join, sql } from '../sql.ts'

// Data path: raw SQL (raw-sql.ts). Every command appends here and every transaction seals its entries into the
// chain just before COMMIT; the chain's readers (/audit verify) use the same path.

/**
 * The entries one database transaction wrote, in order, waiting to be linked into their project's chain, and the key
 * the store chains them with (openStore's `auditKey`; null: unkeyed).
 */
export interface AuditSession {
  pending: (Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> & { data: string })[]
  key: string | null
  /**
   * The transaction is alone (not one of a group commit's batch): a hot statement may then move the chain's head
   * for its own entry as it writes it (`moved`, see sealAudit), which saves the seal a round trip and holds the
   * chain's lock no longer than sealing would — a lone transaction has nothing left to do but commit.
   */
  lone: boolean
  moved: Map<number, { count: number; head: HeadRow }>
}

export interface HeadRow {
  seq: unknown
  hash: string
  keyedFrom: unknown
  keyedTag: string | null
}

export const newAuditSession = (key: string | null = null, lone = false): AuditSession => ({
  pending: [],
  key,
  lone,
  moved: new Map(),
})

const ENTRY = sql`SELECT id, "projectId", seq, at, actor, "actorStaffId", action, subject, data, "sourceMessageId",
  "prevHash", hash FROM audit_entry`

export function auditRepo(db: RawSql, session: AuditSession): AuditRepo {
  return {
    key: session.key,
    // Written now, outside the chain: no lock is taken until the transaction seals its entries (sealAudit).
    async append(input: AuditInput) {
      const data = JSON.stringify(input.data)
      const [row] = await db.all(
        sql`INSERT INTO audit_entry ("projectId", at, "actorStaffId", actor, action, subject, data, "sourceMessageId")
            VALUES (${input.projectId}, ${input.at}, ${input.actorStaffId}, ${input.actor}, ${input.action},
              ${input.subject}, ${data}, ${input.source}) RETURNING id`,
      )
      if (!row) throw new Error('audit insert returned nothing')
      const id = asInt(row.id)
      session.pending.push({ ...input, id, data })
      return `A${id}`
    },
    async range(projectId, afterSeq, limit) {
      const rows = await db.all(
        sql`${ENTRY} WHERE "projectId" = ${projectId} AND seq > ${afterSeq} ORDER BY seq ASC LIMIT ${limit}`,
      )
      return rows.map((r) => ({
        id: asInt(r.id),
        projectId: asInt(r.projectId),
        seq: asIntOrNull(r.seq) ?? 0,
        at: asDate(r.at),
        actor: String(r.actor),
        actorStaffId: asIntOrNull(r.actorStaffId),
        action: String(r.action),
        subject: (r.subject as string | null) ?? null,
        data: String(r.data),
        source: (r.sourceMessageId as string | null) ?? null,
        prevHash: (r.prevHash as string | null) ?? '',
        hash: (r.hash as string | null) ?? '',
      }))
    },
    async head(projectId) {
      const [h] = await db.all(
        sql`SELECT seq, hash, "keyedFrom", "keyedTag" FROM audit_head WHERE "projectId" = ${projectId}`,
      )
      return h
        ? {
            seq: asInt(h.seq),
            hash: String(h.hash),
            keyedFrom: asIntOrNull(h.keyedFrom),
            keyedTag: (h.keyedTag as string | null) ?? null,
          }
        : { seq: 0, hash: '', keyedFrom: null, keyedTag: null }
    },
    async unchained(projectId) {
      const [r] = await db.all(
        sql`SELECT COUNT(*) AS n FROM audit_entry
            WHERE "projectId" = ${projectId} AND (seq IS NULL OR hash IS NULL OR "prevHash" IS NULL)`,
      )
      return asInt(r?.n ?? 0)
    },
  }
}

/**
 * The transaction's last step: links its entries into each project's chain. Moving the head takes the head row's
 * lock (PostgreSQL) until COMMIT, so chains never fork — and since nothing else follows, the lock is held for these
 * few statements and the commit only, whatever the transaction did before. One statement per project for the head,
 * one for all entries, one for the head's hash.
 */
export async function sealAudit(db: RawSql, session: AuditSession): Promise<void> {
  const byProject = new Map<number, AuditSession['pending']>()
  const moved = new Map(session.moved)
  session.moved.clear()
  for (const e of session.pending.splice(0)) {
    const list = byProject.get(e.projectId)
    if (list) list.push(e)
    else byProject.set(e.projectId, [e])
  }
  for (const [projectId, entries] of byProject) {
    // The head as moved for the entries a statement already counted (AuditSession.moved), then for the rest.
    const early = moved.get(projectId)
    const rest = entries.length - (early?.count ?? 0)
    const head =
      rest > 0 || !early
        ? (
            await db.all<HeadRow>(
              sql`UPDATE audit_head SET seq = seq + ${rest} WHERE "projectId" = ${projectId}
                  RETURNING seq, hash, "keyedFrom", "keyedTag"`,
            )
          )[0]
        : early.head
    if (!head) throw new Error(`project ${projectId} has no audit chain`)
    let seq = asInt(head.seq) - entries.length
    let prevHash = head.hash
    // A keyed store marks a chain it finds unmarked (a project created since the store opened) from this batch on.
    let keyedFrom = asIntOrNull(head.keyedFrom)
    let tag = head.keyedTag
    if (session.key === null && keyedFrom !== null)
      throw new Error(`the audit chain of project ${projectId} is keyed: open the store with its audit key`)
    if (session.key !== null && keyedFrom === null) {
      keyedFrom = seq + 1
      tag = keyedTag(session.key, projectId, keyedFrom, prevHash)
    }
    const linked = entries.map((e) => {
      seq++
      const hash = entryHash({ ...e, seq, prevHash }, session.key)
      const row = { id: e.id, seq, prevHash, hash }
      prevHash = hash
      return row
    })
    // (id, seq, prevHash, hash) for every entry in one UPDATE … FROM (VALUES …), valid in SQLite and PostgreSQL.
    // Nobody waits for these two: they travel with COMMIT's round trip (the store flushes them first).
    const values = join(
      linked.map((l) => sql`(CAST(${l.id} AS INTEGER), CAST(${l.seq} AS INTEGER), ${l.prevHash}, ${l.hash})`),
      ', ',
    )
    db.defer(
      sql`UPDATE audit_entry SET seq = v.seq, "prevHash" = v.prev, hash = v.hash
          FROM (SELECT column1 AS id, column2 AS seq, column3 AS prev, column4 AS hash FROM (VALUES ${values}) AS t) AS v
          WHERE audit_entry.id = v.id`,
    )
    db.defer(
      sql`UPDATE audit_head SET hash = ${prevHash}, "keyedFrom" = ${keyedFrom}, "keyedTag" = ${tag}
          WHERE "projectId" = ${projectId}`,
    )
  }
}
