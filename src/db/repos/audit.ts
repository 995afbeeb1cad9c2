import { entryHash } from '../../app/audit.ts'
import type { AuditEntry, AuditRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function auditRepo(db: DbTx): AuditRepo {
  return {
    /**
     * Moving the head first takes its row lock (PostgreSQL) for the rest of the transaction, so appends of one project
     * are serialised and the chain can never fork; use cases append last to keep that lock short.
     */
    async append(input) {
      const head = await db.auditHead.update({
        where: { projectId: input.projectId },
        data: { seq: { increment: 1 } },
      })
      const entry: Omit<AuditEntry, 'hash'> = {
        ...input,
        seq: head.seq,
        data: JSON.stringify(input.data),
        prevHash: head.hash,
      }
      const hash = entryHash(entry)
      await db.auditEntry.create({
        data: {
          projectId: entry.projectId,
          seq: entry.seq,
          at: entry.at,
          actor: entry.actor,
          actorStaffId: entry.actorStaffId,
          action: entry.action,
          subject: entry.subject,
          data: entry.data,
          sourceMessageId: entry.source,
          prevHash: entry.prevHash,
          hash,
        },
      })
      await db.auditHead.update({ where: { projectId: input.projectId }, data: { hash } })
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
