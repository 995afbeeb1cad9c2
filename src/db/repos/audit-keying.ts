import { GENESIS_HASH, keyedTag } from '../../app/audit.ts'
import type { DbTx } from '../client.ts'

// Data path: Prisma's client. This runs once, when a keyed store opens.

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
