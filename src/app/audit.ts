import { createHash } from 'node:crypto'
import type { AuditEntry, CommandContext, Tx } from './ports.ts'

/** The hash the first entry of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64)

/** The actor/instant/source part of an audit entry, the same for every use case. */
export function auditBase(ctx: CommandContext) {
  return {
    projectId: ctx.project.id,
    at: ctx.now,
    actor: ctx.actor.identity,
    actorStaffId: ctx.actor.staffId,
    source: ctx.source,
  }
}

/**
 * An entry's hash covers every stored field and the previous entry's hash, so changing, removing or reordering any
 * entry breaks every hash after it.
 */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    e.projectId,
    e.seq,
    e.at.toISOString(),
    e.actor,
    e.actorStaffId,
    e.action,
    e.subject,
    e.data,
    e.source,
    e.prevHash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

export type ChainVerdict =
  | { ok: true; entries: number; headCode: string | null }
  | { ok: false; entries: number; brokenAt: string; reason: 'hash' | 'link' | 'gap' | 'head' }

/**
 * /audit verify: walks the project's chain in pages. Finds an edited entry (its hash no longer matches), a deleted or
 * reordered one (a seq gap or a broken back-link), and a truncated tail (the head row points past the last entry).
 */
export async function verifyAuditChain(tx: Tx, projectId: number, pageSize = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH
  let expected = 1
  for (;;) {
    const page = await tx.audit.range(projectId, expected - 1, pageSize)
    for (const e of page) {
      if (e.seq !== expected) return { ok: false, entries: expected - 1, brokenAt: `A${expected}`, reason: 'gap' }
      if (e.prevHash !== prevHash) return { ok: false, entries: expected - 1, brokenAt: `A${e.seq}`, reason: 'link' }
      if (entryHash(e) !== e.hash) return { ok: false, entries: expected - 1, brokenAt: `A${e.seq}`, reason: 'hash' }
      prevHash = e.hash
      expected++
    }
    if (page.length < pageSize) break
  }
  const head = await tx.audit.head(projectId)
  const count = expected - 1
  if (head.seq !== count || (count > 0 && head.hash !== prevHash)) {
    return { ok: false, entries: count, brokenAt: `A${Math.min(head.seq, count + 1)}`, reason: 'head' }
  }
  return { ok: true, entries: count, headCode: count > 0 ? `A${count}` : null }
}
