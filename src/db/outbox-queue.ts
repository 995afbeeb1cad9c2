import type { StoredPart } from '../app/outbound.ts'
import type { ChatKey, ClaimedChat, OutboxQueue, QueuedMessage, ReplyTo } from '../app/ports.ts'
import type { PaceState } from '../domain/pacing.ts'
import { chatKeyOf, type Platform } from '../domain/platform.ts'
import type { DbTx } from './client.ts'
import { asDate, asDateOrNull, asInt, type RawSql } from './raw-sql.ts'
import { join, sql } from './sql.ts'

// Data path: raw SQL (raw-sql.ts), on the store's transaction connection: the worker runs these for every chat it
// sends to, so they are as hot as the commands that queue the messages.

/** The chat key (domain/platform.ts's chatKeyOf) computed over an outbox row, to join `outbox_chat`. */
const ROW_KEY = sql`o.platform || ':' || o."targetKind" || ':' || o."targetId"`

/** Due, unsent, not failed. */
const due = (now: Date) => sql`o."sentAt" IS NULL AND o."failedAt" IS NULL AND o."availableAt" <= ${now}`
/** The chat is free at `at`: nobody holds it and it need not wait. */
const free = (at: Date) =>
  sql`(c.key IS NULL OR (c."nextAt" <= ${at} AND (c."claimedUntil" IS NULL OR c."claimedUntil" < ${at})))`
const STUCK_MS = 120_000

const list = (ids: readonly number[]) =>
  join(
    ids.map((id) => sql`${id}`),
    ', ',
  )

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
export function outboxQueue(run: <T>(work: (db: DbTx, sql: RawSql) => Promise<T>) => Promise<T>): OutboxQueue {
  const withSql = <T>(work: (db: RawSql) => Promise<T>) => run((_prisma, db) => work(db))
  const holds = (db: RawSql, key: string, claim: string) =>
    db.all(sql`SELECT key FROM outbox_chat WHERE key = ${key} AND "claimedBy" = ${claim}`).then((r) => r.length === 1)

  return {
    async dueChats(now, limit, skip) {
      const rows = await withSql((db) =>
        db.all<{ platform: string; targetKind: string; targetId: string; first: unknown }>(
          sql`SELECT o.platform, o."targetKind", o."targetId", MIN(o.id) AS first
              FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
              WHERE ${due(now)} AND ${free(now)}
              GROUP BY o.platform, o."targetKind", o."targetId" ORDER BY first LIMIT ${limit + skip.size}`,
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
      return withSql(async (db) => {
        // One statement takes the chat whether or not its row exists yet; a held or waiting chat is left alone.
        const taken = await db.all<{
          tokens: unknown
          tokensAt: unknown
          recent: string
          attempts: unknown
        }>(
          sql`INSERT INTO outbox_chat (key, platform, "claimedBy", "claimedUntil", "nextAt", tokens, recent, attempts)
              VALUES (${key}, ${chat.platform}, ${claim}, ${until}, ${now}, 0, '[]', 0)
              ON CONFLICT (key) DO UPDATE SET "claimedBy" = excluded."claimedBy",
                "claimedUntil" = excluded."claimedUntil"
              WHERE outbox_chat."nextAt" <= ${now}
                AND (outbox_chat."claimedUntil" IS NULL OR outbox_chat."claimedUntil" < ${now})
              RETURNING tokens, "tokensAt", recent, attempts`,
        )
        const row = taken[0]
        if (!row) {
          const [c] = await db.all<{ nextAt: unknown }>(sql`SELECT "nextAt" FROM outbox_chat WHERE key = ${key}`)
          const nextAt = c ? asDate(c.nextAt) : now
          return nextAt > now ? { waitUntil: nextAt } : null
        }
        const messages = await db.all<MessageRow>(
          sql`SELECT id, "projectId", platform, "targetKind", "targetId", text, parts, attempts, "createdAt", priority,
                "replyTo"
              FROM outbox o WHERE platform = ${chat.platform} AND "targetKind" = ${chat.target.kind}
                AND "targetId" = ${chat.target.id} AND ${due(now)}
              ORDER BY priority, id LIMIT 200`,
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
        async (db) =>
          (await db.run(
            sql`UPDATE outbox_chat SET "claimedUntil" = ${until} WHERE key = ${key} AND "claimedBy" = ${claim}`,
          )) === 1,
      ),

    sent: (key, claim, ids, at, pace, platform) =>
      withSql(async (db) => {
        const ok =
          (await db.run(
            sql`UPDATE outbox_chat SET tokens = ${pace.tokens}, "tokensAt" = ${pace.at === null ? null : new Date(pace.at)},
                  recent = ${JSON.stringify(pace.recent)}, attempts = 0, "failingSince" = NULL, "lastError" = NULL
                WHERE key = ${key} AND "claimedBy" = ${claim}`,
          )) === 1
        if (!ok) return false
        await db.run(sql`UPDATE outbox SET "sentAt" = ${at} WHERE id IN (${list(ids)})`)
        await db.run(
          sql`UPDATE outbox_platform SET "failingSince" = NULL, "alertedAt" = NULL, "lastError" = NULL
              WHERE platform = ${platform} AND "failingSince" IS NOT NULL`,
        )
        return true
      }),

    release: (key, claim, nextAt) =>
      withSql(
        async (db) =>
          (await db.run(
            sql`UPDATE outbox_chat SET "nextAt" = ${nextAt}, "claimedBy" = NULL, "claimedUntil" = NULL
                WHERE key = ${key} AND "claimedBy" = ${claim}`,
          )) === 1,
      ),

    retry: (key, claim, ids, now, nextAt, reason, platform) =>
      withSql(async (db) => {
        const why = reason.slice(0, 500)
        const ok =
          (await db.run(
            sql`UPDATE outbox_chat SET "nextAt" = ${nextAt}, attempts = attempts + 1,
                  "failingSince" = COALESCE("failingSince", ${now}), "lastError" = ${why}, "claimedBy" = NULL,
                  "claimedUntil" = NULL
                WHERE key = ${key} AND "claimedBy" = ${claim}`,
          )) === 1
        if (!ok) return false
        await db.run(sql`UPDATE outbox SET attempts = attempts + 1, "lastError" = ${why} WHERE id IN (${list(ids)})`)
        await db.run(
          sql`INSERT INTO outbox_platform (platform, "failingSince", "lastError") VALUES (${platform}, ${now}, ${why})
              ON CONFLICT (platform) DO UPDATE
                SET "failingSince" = COALESCE(outbox_platform."failingSince", excluded."failingSince"),
                  "lastError" = excluded."lastError"`,
        )
        return true
      }),

    failed: (key, claim, ids, at, reason) =>
      withSql(async (db) => {
        if (!(await holds(db, key, claim))) return false
        const why = reason.slice(0, 500)
        await db.run(
          sql`UPDATE outbox SET "failedAt" = ${at}, "lastError" = ${why}, attempts = attempts + 1
              WHERE id IN (${list(ids)})`,
        )
        await db.run(
          sql`UPDATE outbox_chat SET "lastError" = ${why}, "claimedBy" = NULL, "claimedUntil" = NULL
              WHERE key = ${key}`,
        )
        return true
      }),

    shouldAlert: (platform, before, now) =>
      withSql(
        async (db) =>
          (await db.run(
            sql`UPDATE outbox_platform SET "alertedAt" = ${now}
                WHERE platform = ${platform} AND "alertedAt" IS NULL AND "failingSince" <= ${before}`,
          )) === 1,
      ),

    health: (now) =>
      withSql(async (db) => {
        const [b] = await db.all<{ pending: unknown; oldest: unknown }>(
          sql`SELECT COUNT(*) AS pending, MIN(o."createdAt") AS oldest FROM outbox o
              WHERE o."sentAt" IS NULL AND o."failedAt" IS NULL`,
        )
        const failing = await db.all<{ platform: string; failingSince: unknown; lastError: string | null }>(
          sql`SELECT platform, "failingSince", "lastError" FROM outbox_platform WHERE "failingSince" IS NOT NULL
              ORDER BY platform`,
        )
        const old = new Date(now.getTime() - STUCK_MS)
        // Due for two minutes, and its chat neither held nor told to wait within those two minutes: nobody sends it.
        const [s] = await db.all<{ n: unknown }>(
          sql`SELECT COUNT(DISTINCT ${ROW_KEY}) AS n FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
              WHERE ${due(now)} AND ${free(old)}`,
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
