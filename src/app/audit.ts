import { createHash, createHmac } from 'node:crypto'
import type { AuditEntry, AuditHead, CommandContext, Tx } from './ports.ts'

/** The hash the first entry of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64)

/** How many hex digits of a head's hash people are shown and asked to remember (48 bits). */
export const SHORT_HASH = 12

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
 * entry breaks every hash after it. With a key it is an HMAC-SHA256 (SPEC.md "Audit": a chain recomputed by someone
 * with only database access fails); without one, the plain SHA-256 of chains written before they were keyed.
 */
export function entryHash(e: Omit<AuditEntry, 'hash'>, key: string | null = null): string {
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
  return key === null
    ? createHash('sha256').update(canonical).digest('hex')
    : createHmac('sha256', key).update(canonical).digest('hex')
}

/**
 * The tag that records from which seq a project's chain is keyed. It covers the hash just before that seq, so the
 * unkeyed entries written before the chain was keyed are pinned too: moving or deleting the mark, or recomputing the
 * old part, needs the key. (A different domain from entryHash: a 4-item array led by a label.)
 */
export function keyedTag(key: string, projectId: number, keyedFrom: number, prevHash: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['anchang-audit-keyed-from', projectId, keyedFrom, prevHash]))
    .digest('hex')
}

export type ChainBreak = 'hash' | 'link' | 'gap' | 'head' | 'unchained' | 'unkeyed' | 'mark' | 'no-key' | 'remembered'

export type ChainVerdict =
  | { ok: true; entries: number; headCode: string | null; remembered?: { seq: number; code: string } }
  | { ok: false; entries: number; brokenAt: string; reason: ChainBreak }

/**
 * /audit verify: walks the project's chain in pages. Finds an edited entry (its hash no longer matches), a deleted or
 * reordered one (a seq gap or a broken back-link), a truncated tail (the head row points past the last entry), an
 * entry slipped in outside the chain, and — in a keyed store — a chain that is not keyed, or whose mark of where the
 * keying starts does not verify (someone without the key recomputed it, or moved the mark to pass keyed entries off
 * as old unkeyed ones). With `remembered` (a head someone wrote down: seq and the first hex digits of its hash) it
 * also confirms that that entry is still in the chain unchanged.
 */
export async function verifyAuditChain(
  tx: Tx,
  projectId: number,
  opts: { pageSize?: number; remembered?: { seq: number; hash: string } } = {},
): Promise<ChainVerdict> {
  const pageSize = opts.pageSize ?? 1000
  const key = tx.audit.key
  const head = await tx.audit.head(projectId)
  if (key !== null && head.keyedFrom === null && head.seq > 0)
    return { ok: false, entries: 0, brokenAt: 'A-', reason: 'unkeyed' }
  if (key === null && head.keyedFrom !== null && head.seq >= head.keyedFrom)
    return { ok: false, entries: 0, brokenAt: 'A-', reason: 'no-key' }
  const markHolds = (prevHash: string) =>
    key === null || head.keyedFrom === null || keyedTag(key, projectId, head.keyedFrom, prevHash) === head.keyedTag

  let prevHash = GENESIS_HASH
  let expected = 1
  let last: AuditEntry | null = null
  let rememberedAt: AuditEntry | null = null
  for (;;) {
    const page = await tx.audit.range(projectId, expected - 1, pageSize)
    for (const e of page) {
      const count = expected - 1
      if (e.seq !== expected) return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'gap' }
      if (e.prevHash !== prevHash) return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'link' }
      if (e.seq === head.keyedFrom && !markHolds(prevHash))
        return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'mark' }
      const keyed = head.keyedFrom !== null && e.seq >= head.keyedFrom
      if (entryHash(e, keyed ? key : null) !== e.hash)
        return { ok: false, entries: count, brokenAt: `A${e.id}`, reason: 'hash' }
      if (e.seq === opts.remembered?.seq) rememberedAt = e
      prevHash = e.hash
      expected++
      last = e
    }
    if (page.length < pageSize) break
  }
  const count = expected - 1
  if (head.seq !== count || (count > 0 && head.hash !== prevHash)) {
    return { ok: false, entries: count, brokenAt: last ? `A${last.id}` : 'A1', reason: 'head' }
  }
  // Marked but nothing keyed written since: the mark must still pin the chain as it stands.
  if (head.keyedFrom !== null && head.keyedFrom > count) {
    if (head.keyedFrom !== count + 1 || !markHolds(prevHash))
      return { ok: false, entries: count, brokenAt: last ? `A${last.id}` : 'A-', reason: 'mark' }
  }
  // An entry outside the chain was written behind the bot's back (or its chain fields were wiped).
  if ((await tx.audit.unchained(projectId)) > 0)
    return { ok: false, entries: count, brokenAt: '-', reason: 'unchained' }
  const headCode = last ? `A${last.id}` : null
  if (opts.remembered) {
    const want = opts.remembered.hash.toLowerCase()
    if (!rememberedAt || !rememberedAt.hash.startsWith(want))
      return { ok: false, entries: count, brokenAt: `#${opts.remembered.seq}`, reason: 'remembered' }
    return { ok: true, entries: count, headCode, remembered: { seq: rememberedAt.seq, code: `A${rememberedAt.id}` } }
  }
  return { ok: true, entries: count, headCode }
}

/** The chain's head as shown to people: its seq, the code of its last entry and the first hex digits of its hash. */
export async function auditHeadOf(
  tx: Tx,
  projectId: number,
): Promise<{ seq: number; shortHash: string; code: string | null }> {
  const head: AuditHead = await tx.audit.head(projectId)
  const [last] = head.seq > 0 ? await tx.audit.range(projectId, head.seq - 1, 1) : []
  return { seq: head.seq, shortHash: head.hash.slice(0, SHORT_HASH), code: last ? `A${last.id}` : null }
}
