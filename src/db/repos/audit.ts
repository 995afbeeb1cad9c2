import { entryHash } from '../../app/audit.ts'
import type { AuditEntry, AuditRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { asInt, type RawSql } from '../raw-sql.ts'

export function auditRepo(db: DbTx, sql: RawSql): AuditRepo {
  return {
    /**
     * Moving the head first takes its row lock (PostgreSQL) for the rest of the transaction, so appends of one project
     * are serialised and the chain can never fork; use cases append last to keep that lock short. Raw statements: every
     * change makes these three.
     */
    async append(input) {
      const [head] = await sql.all<{ seq: unknown; hash: string }>(
        'UPDATE audit_head SET seq = seq + 1 WHERE "projectId" = ? RETURNING seq, hash',
        input.projectId,
      )
      if (!head) throw new Error(`project ${input.projectId} has no audit chain`)
      const entry: Omit<AuditEntry, 'hash'> = {
        ...input,
        seq: asInt(head.seq),
        data: JSON.stringify(input.data),
        prevHash: head.hash,
      }
      const hash = entryHash(entry)
      await sql.run(
        `INSERT INTO audit_entry ("projectId", seq, at, "actorStaffId", actor, action, subject, data, "sourceMessageId",
           "prevHash", hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        entry.projectId,
        entry.seq,
        entry.at,
        entry.actorStaffId,
        entry.actor,
        entry.action,
        entry.subject,
        entry.data,
        entry.source,
        entry.prevHash,
        hash,
      )
      await sql.run('UPDATE audit_head SET hash = ? WHERE "projectId" = ?', hash, input.projectId)
      return `A${entry.seq}`
    },
    async range(projectId, afterSeq, limit) {
      const rows = await db.auditEntry.findMany({
        where: { projectId, seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: limit,
      })
      return rows.map((r) => ({
        projectId: r.projectId,
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        actorStaffId: r.actorStaffId,
        action: r.action,
        subject: r.subject,
        data: r.data,
        source: r.sourceMessageId,
        prevHash: r.prevHash,
        hash: r.hash,
      }))
    },
    async head(projectId) {
      const h = await db.auditHead.findUnique({ where: { projectId } })
      return h ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: '' }
    },
  }
}
