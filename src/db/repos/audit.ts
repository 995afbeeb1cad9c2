import { entryHash, GENESIS_HASH, keyedTag } from '../../app/audit.ts'
import type { AuditEntry, AuditInput, AuditRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { asInt, asIntOrNull, type RawSql } from '../raw-sql.ts'

/**
 * The entries one database transaction wrote, in order, waiting to be linked into their project's chain, and the key
 * the store chains them with (openStore's `auditKey`; null: unkeyed).
 */
export interface AuditSession {
  pending: (Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> & { data: string })[]
  key: string | null
}

export const newAuditSession = (key: string | null = null): AuditSession => ({ pending: [], key })

export function auditRepo(db: DbTx, sql: RawSql, session: AuditSession): AuditRepo {
  return {
    key: session.key,
    // Written now, outside the chain: no lock is taken until the transaction seals its entries (sealAudit).
    async append(input: AuditInput) {
      const data = JSON.stringify(input.data)
      const [row] = await sql.all(
        `INSERT INTO audit_entry ("projectId", at, "actorStaffId", actor, action, subject, data, "sourceMessageId")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        input.projectId,
        input.at,
        input.actorStaffId,
        input.actor,
        input.action,
        input.subject,
        data,
        input.source,
      )
      if (!row) throw new Error('audit insert returned nothing')
      const id = asInt(row.id)
      session.pending.push({ ...input, id, data })
      return `A${id}`
    },
    async range(projectId, afterSeq, limit) {
      const rows = await db.auditEntry.findMany({
        where: { projectId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: limit,
      })
      return rows.map((r) => ({
        id: r.id,
        projectId: r.projectId,
        seq: r.seq ?? 0,
        at: r.at,
        actor: r.actor,
        actorStaffId: r.actorStaffId,
        action: r.action,
        subject: r.subject,
        data: r.data,
        source: r.sourceMessageId,
        prevHash: r.prevHash ?? '',
        hash: r.hash ?? '',
      }))
    },
    async head(projectId) {
      const h = await db.auditHead.findUnique({ where: { projectId } })
      return h
        ? { seq: h.seq, hash: h.hash, keyedFrom: h.keyedFrom, keyedTag: h.keyedTag }
        : { seq: 0, hash: '', keyedFrom: null, keyedTag: null }
    },
    async unchained(projectId) {
      return db.auditEntry.count({ where: { projectId, OR: [{ seq: null }, { hash: null }, { prevHash: null }] } })
    },
  }
}

/**
 * The transaction's last step: links its entries into each project's chain. Moving the head takes the head row's
 * lock (PostgreSQL) until COMMIT, so chains never fork — and since nothing else follows, the lock is held for these
 * few statements and the commit only, whatever the transaction did before. One statement per project for the head,
 * one for all entries, one for the head's hash.
 */
export async function sealAudit(sql: RawSql, session: AuditSession): Promise<void> {
  const byProject = new Map<number, AuditSession['pending']>()
  for (const e of session.pending.splice(0)) {
    const list = byProject.get(e.projectId)
    if (list) list.push(e)
    else byProject.set(e.projectId, [e])
  }
  for (const [projectId, entries] of byProject) {
    const [head] = await sql.all<{ seq: unknown; hash: string; keyedFrom: unknown; keyedTag: string | null }>(
      'UPDATE audit_head SET seq = seq + ? WHERE "projectId" = ? RETURNING seq, hash, "keyedFrom", "keyedTag"',
      entries.length,
      projectId,
    )
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
    const values = linked.map(() => '(CAST(? AS INTEGER), CAST(? AS INTEGER), ?, ?)').join(', ')
    await sql.run(
      `UPDATE audit_entry SET seq = v.seq, "prevHash" = v.prev, hash = v.hash
       FROM (SELECT column1 AS id, column2 AS seq, column3 AS prev, column4 AS hash FROM (VALUES ${values}) AS t) AS v
       WHERE audit_entry.id = v.id`,
      ...linked.flatMap((l) => [l.id, l.seq, l.prevHash, l.hash]),
    )
    await sql.run(
      'UPDATE audit_head SET hash = ?, "keyedFrom" = ?, "keyedTag" = ? WHERE "projectId" = ?',
      prevHash,
      keyedFrom,
      tag,
      projectId,
    )
  }
}

/**
 * Opening a keyed store: every chain not keyed yet (written before the chain was keyed) is marked as keyed from its
 * next entry, its unkeyed part pinned by the mark's tag; a chain already marked must verify with this key, or the
 * store refuses to open — entries chained with a different key could never be verified (several instances need the
 * same ANCHANG_AUDIT_KEY). Compare-and-set on the head: an entry sealed meanwhile marks the chain itself.
 */
export async function keyAuditChains(db: DbTx, key: string): Promise<{ marked: number }> {
  let marked = 0
  for (const h of await db.auditHead.findMany({ orderBy: { projectId: 'asc' } })) {
    if (h.keyedFrom === null) {
      const keyedFrom = h.seq + 1
      const done = await db.auditHead.updateMany({
        where: { projectId: h.projectId, seq: h.seq, hash: h.hash, keyedFrom: null },
        data: { keyedFrom, keyedTag: keyedTag(key, h.projectId, keyedFrom, h.hash) },
      })
      marked += done.count
      continue
    }
    const before =
      h.keyedFrom === 1
        ? GENESIS_HASH
        : (await db.auditEntry.findFirst({ where: { projectId: h.projectId, seq: h.keyedFrom - 1 } }))?.hash
    if (before === undefined || before === null || keyedTag(key, h.projectId, h.keyedFrom, before) !== h.keyedTag) {
      throw new AuditKeyMismatch(h.projectId)
    }
  }
  return { marked }
}

export class AuditKeyMismatch extends Error {
  override name = 'AuditKeyMismatch'
  constructor(readonly projectId: number) {
    super(
      `the audit key (ANCHANG_AUDIT_KEY or the audit.key file) is not the key the audit chain of project ${projectId} ` +
        "is keyed with — or its record of the key was changed behind the bot's back. Start with the original key " +
        '(every instance needs the same one); the chain is left as it is.',
    )
  }
}
