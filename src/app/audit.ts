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
    e.id,
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
  | { ok: false; entries: number; brokenAt: string; reason: 'hash' | 'link' | 'gap' | 'head' | 'unchained' }

/**
 * /audit verify: walks the project's chain in pages. Finds an edited entry (its hash no longer matches), a deleted or
 * reordered one (a seq gap or a broken back-link), a truncated tail (the head row points past the last entry) and an
 * entry slipped in outside the chain.
 */
export async function verifyAuditChain(tx: Tx, projectId: number, pageSize = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH
  let expected = 1
  let last: AuditEntry | null = null
  for (;;) {
    const page = await tx.audit.range(projectId, expected - 1, pageSize)
    for (const e of page) {
      const count = expected - 1
      if (e.seq !== expected) return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'gap' }
      if (e.prevHash !== prevHash) return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'link' }
      if (entryHash(e) !== e.hash) return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'hash' }
      prevHash = e.hash
      expected++
      last = e
    }
    if (page.length < pageSize) break
  }
  const head = await tx.audit.head(projectId)
  const count = expected - 1
  if (head.seq !== count || (count > 0 && head.hash !== prevHash)) {
    return { ok: false, entries: count, brokenAt: last ? `A${last.id}` : 'A1', reason: 'head' }
  }
  // An entry outside the chain was written behind the bot's back (or its chain fields were wiped).
  if ((await tx.audit.unchained(projectId)) > 0)
    return { ok: false, entries: count, brokenAt: '-', reason: 'unchained' }
  return { ok: true, entries: count, headCode: last ? `A${last.id}` : null }
}
