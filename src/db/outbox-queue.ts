import type { StoredPart } from '../app/outbound.ts'
import type { ChatKey, ClaimedChat, OutboxQueue, QueuedMessage, ReplyTo } from '../app/ports.ts'
import type { PaceState } from '../domain/pacing.ts'
import { chatKeyOf, type Platform } from '../domain/platform.ts'
import type { DbTx } from './client.ts'
import { asDate, asDateOrNull, asInt, prismaRawSql, type RawSql } from './raw-sql.ts'

/** The chat key (domain/platform.ts's chatKeyOf) computed over an outbox row, to join `outbox_chat`. */
const ROW_KEY = `o.platform || ':' || o."targetKind" || ':' || o."targetId"`

/** Due, unsent, not failed. */
const DUE = `o."sentAt" IS NULL AND o."failedAt" IS NULL AND o."availableAt" <= ?`
/** The chat is free: nobody holds it and it need not wait. */
const FREE = `(c.key IS NULL OR (c."nextAt" <= ? AND (c."claimedUntil" IS NULL OR c."claimedUntil" < ?)))`
const STUCK_MS = 120_000

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')

interface MessageRow {
  id: unknown
  projectId: unknown
  platform: string
  targetKind: string
  targetId: string
  text: string
  parts: string | null
  attempts: unknown
  createdAt: unknown
  priority: unknown
  replyTo: string | null
}

const toQueued = (r: MessageRow): QueuedMessage => ({
  id: asInt(r.id),
  projectId: r.projectId === null ? null : asInt(r.projectId),
  platform: r.platform as Platform,
  target: { kind: r.targetKind as QueuedMessage['target']['kind'], id: r.targetId },
  text: r.text,
  ...(r.parts ? { parts: JSON.parse(r.parts) as StoredPart[] } : {}),
  attempts: asInt(r.attempts),
  createdAt: asDate(r.createdAt),
  priority: asInt(r.priority) === 0 ? 0 : 1,
  ...(r.replyTo ? { replyTo: JSON.parse(r.replyTo) as ReplyTo } : {}),
})

/**
 * `run` is the store's: on SQLite the queue's statements must take their turn with the command transactions. Each
 * method is one transaction; a result is written only while the chat's row still carries the caller's claim.
 */
export function outboxQueue(
  run: <T>(work: (db: DbTx) => Promise<T>) => Promise<T>,
  provider: 'sqlite' | 'postgresql',
): OutboxQueue {
  const withSql = <T>(work: (sql: RawSql) => Promise<T>) => run((db) => work(prismaRawSql(db, provider)))
  const holds = (sql: RawSql, key: string, claim: string) =>
    sql.all(`SELECT key FROM outbox_chat WHERE key = ? AND "claimedBy" = ?`, key, claim).then((r) => r.length === 1)

  return {
    async dueChats(now, limit, skip) {
      const rows = await withSql((sql) =>
        sql.all<{ platform: string; targetKind: string; targetId: string; first: unknown }>(
          `SELECT o.platform, o."targetKind", o."targetId", MIN(o.id) AS first
           FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
           WHERE ${DUE} AND ${FREE}
           GROUP BY o.platform, o."targetKind", o."targetId" ORDER BY first LIMIT ?`,
          now,
          now,
          now,
          limit + skip.size,
        ),
      )
      return rows
        .map((r) => ({
          platform: r.platform as Platform,
          target: { kind: r.targetKind as ChatKey['target']['kind'], id: r.targetId },
        }))
        .filter((c) => !skip.has(chatKeyOf(c)))
        .slice(0, limit)
    },

    async claimChat(chat, claim, now, leaseMs) {
      const key = chatKeyOf(chat)
      const until = new Date(now.getTime() + leaseMs)
      return withSql(async (sql) => {
        // One statement takes the chat whether or not its row exists yet; a held or waiting chat is left alone.
        const taken = await sql.all<{
          tokens: unknown
          tokensAt: unknown
          recent: string
          attempts: unknown
        }>(
          `INSERT INTO outbox_chat (key, platform, "claimedBy", "claimedUntil", "nextAt", tokens, recent, attempts)
           VALUES (?, ?, ?, ?, ?, 0, '[]', 0)
           ON CONFLICT (key) DO UPDATE SET "claimedBy" = excluded."claimedBy", "claimedUntil" = excluded."claimedUntil"
           WHERE outbox_chat."nextAt" <= ? AND (outbox_chat."claimedUntil" IS NULL OR outbox_chat."claimedUntil" < ?)
           RETURNING tokens, "tokensAt", recent, attempts`,
          key,
          chat.platform,
          claim,
          until,
          now,
          now,
          now,
        )
        const row = taken[0]
        if (!row) {
          const [c] = await sql.all<{ nextAt: unknown }>(`SELECT "nextAt" FROM outbox_chat WHERE key = ?`, key)
          const nextAt = c ? asDate(c.nextAt) : now
          return nextAt > now ? { waitUntil: nextAt } : null
        }
        const messages = await sql.all<MessageRow>(
          `SELECT id, "projectId", platform, "targetKind", "targetId", text, parts, attempts, "createdAt", priority, "replyTo"
           FROM outbox o WHERE platform = ? AND "targetKind" = ? AND "targetId" = ? AND ${DUE}
           ORDER BY priority, id LIMIT 200`,
          chat.platform,
          chat.target.kind,
          chat.target.id,
          now,
        )
        const tokensAt = asDateOrNull(row.tokensAt)
        const pace: PaceState = {
          tokens: Number(row.tokens),
          at: tokensAt ? tokensAt.getTime() : null,
          recent: JSON.parse(row.recent) as number[],
        }
        const claimed: ClaimedChat = {
          ...chat,
          key,
          claim,
          messages: messages.map(toQueued),
          pace,
          attempts: asInt(row.attempts),
        }
        return claimed
      })
    },

    renew: (key, claim, until) =>
      withSql(
        async (sql) =>
          (await sql.run(
            `UPDATE outbox_chat SET "claimedUntil" = ? WHERE key = ? AND "claimedBy" = ?`,
            until,
            key,
            claim,
          )) === 1,
      ),

    sent: (key, claim, ids, at, pace, platform) =>
      withSql(async (sql) => {
        const ok =
          (await sql.run(
            `UPDATE outbox_chat SET tokens = ?, "tokensAt" = ?, recent = ?, attempts = 0, "failingSince" = NULL,
               "lastError" = NULL WHERE key = ? AND "claimedBy" = ?`,
            pace.tokens,
            pace.at === null ? null : new Date(pace.at),
            JSON.stringify(pace.recent),
            key,
            claim,
          )) === 1
        if (!ok) return false
        await sql.run(`UPDATE outbox SET "sentAt" = ? WHERE id IN (${marks(ids.length)})`, at, ...ids)
        await sql.run(
          `UPDATE outbox_platform SET "failingSince" = NULL, "alertedAt" = NULL, "lastError" = NULL
           WHERE platform = ? AND "failingSince" IS NOT NULL`,
          platform,
        )
        return true
      }),

    release: (key, claim, nextAt) =>
      withSql(
        async (sql) =>
          (await sql.run(
            `UPDATE outbox_chat SET "nextAt" = ?, "claimedBy" = NULL, "claimedUntil" = NULL WHERE key = ? AND "claimedBy" = ?`,
            nextAt,
            key,
            claim,
          )) === 1,
      ),

    retry: (key, claim, ids, now, nextAt, reason, platform) =>
      withSql(async (sql) => {
        const why = reason.slice(0, 500)
        const ok =
          (await sql.run(
            `UPDATE outbox_chat SET "nextAt" = ?, attempts = attempts + 1, "failingSince" = COALESCE("failingSince", ?),
               "lastError" = ?, "claimedBy" = NULL, "claimedUntil" = NULL WHERE key = ? AND "claimedBy" = ?`,
            nextAt,
            now,
            why,
            key,
            claim,
          )) === 1
        if (!ok) return false
        await sql.run(
          `UPDATE outbox SET attempts = attempts + 1, "lastError" = ? WHERE id IN (${marks(ids.length)})`,
          why,
          ...ids,
        )
        await sql.run(
          `INSERT INTO outbox_platform (platform, "failingSince", "lastError") VALUES (?, ?, ?)
           ON CONFLICT (platform) DO UPDATE SET "failingSince" = COALESCE(outbox_platform."failingSince", excluded."failingSince"),
             "lastError" = excluded."lastError"`,
          platform,
          now,
          why,
        )
        return true
      }),

    failed: (key, claim, ids, at, reason) =>
      withSql(async (sql) => {
        if (!(await holds(sql, key, claim))) return false
        await sql.run(
          `UPDATE outbox SET "failedAt" = ?, "lastError" = ?, attempts = attempts + 1 WHERE id IN (${marks(ids.length)})`,
          at,
          reason.slice(0, 500),
          ...ids,
        )
        await sql.run(
          `UPDATE outbox_chat SET "lastError" = ?, "claimedBy" = NULL, "claimedUntil" = NULL WHERE key = ?`,
          reason.slice(0, 500),
          key,
        )
        return true
      }),

    shouldAlert: (platform, before, now) =>
      withSql(
        async (sql) =>
          (await sql.run(
            `UPDATE outbox_platform SET "alertedAt" = ? WHERE platform = ? AND "alertedAt" IS NULL AND "failingSince" <= ?`,
            now,
            platform,
            before,
          )) === 1,
      ),

    health: (now) =>
      withSql(async (sql) => {
        const [b] = await sql.all<{ pending: unknown; oldest: unknown }>(
          `SELECT COUNT(*) AS pending, MIN(o."createdAt") AS oldest FROM outbox o WHERE o."sentAt" IS NULL AND o."failedAt" IS NULL`,
        )
        const failing = await sql.all<{ platform: string; failingSince: unknown; lastError: string | null }>(
          `SELECT platform, "failingSince", "lastError" FROM outbox_platform WHERE "failingSince" IS NOT NULL ORDER BY platform`,
        )
        const old = new Date(now.getTime() - STUCK_MS)
        // Due for two minutes, and its chat neither held nor told to wait within those two minutes: nobody sends it.
        const [s] = await sql.all<{ n: unknown }>(
          `SELECT COUNT(DISTINCT ${ROW_KEY}) AS n FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
           WHERE ${DUE} AND (c.key IS NULL OR (c."nextAt" <= ? AND (c."claimedUntil" IS NULL OR c."claimedUntil" < ?)))`,
          old,
          old,
          now,
        )
        const oldest = asDateOrNull(b?.oldest)
        return {
          pending: asInt(b?.pending ?? 0),
          oldestMs: oldest ? now.getTime() - oldest.getTime() : 0,
          failing: failing.map((f) => ({
            platform: f.platform as Platform,
            since: asDate(f.failingSince),
            reason: f.lastError,
          })),
          stuck: asInt(s?.n ?? 0),
        }
      }),

    async backlog(now) {
      const { pending, oldestMs } = await this.health(now)
      return { pending, oldestMs }
    },
  }
}
