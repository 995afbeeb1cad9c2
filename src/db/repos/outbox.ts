import type { OutboxRepo, OutboxStatus } from '../../app/ports.ts'
import type { Platform } from '../../domain/platform.ts'
import { asDateOrNull, asInt, type RawSql } from '../raw-sql.ts'
import { join, sql } from '../sql.ts'

// Data path: raw SQL (raw-sql.ts): every command queues its reply here.

const ROW_KEY = sql`o.platform || ':' || o."targetKind" || ':' || o."targetId"`

export function outboxRepo(db: RawSql): OutboxRepo {
  return {
    // One multi-row INSERT that nobody waits for: it travels with the transaction's next round trip.
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      const rows = messages.map(
        (m, i) =>
          sql`(${projectId}, ${m.platform}, ${m.target.kind}, ${m.target.id}, ${m.text},
               ${m.parts && m.parts.length > 0 ? JSON.stringify(m.parts) : null}, ${at}, ${at}, 0,
               ${dedupeKey === undefined ? null : `${dedupeKey}#${i}`}, ${m.priority ?? 1},
               ${m.replyTo ? JSON.stringify(m.replyTo) : null})`,
      )
      db.defer(
        sql`INSERT INTO outbox ("projectId", platform, "targetKind", "targetId", text, parts, "createdAt", "availableAt",
              attempts, "dedupeKey", priority, "replyTo") VALUES ${join(rows, ', ')}`,
      )
    },

    async status() {
      const rows = await db.all<{
        platform: string
        targetKind: string
        targetId: string
        pending: unknown
        failed: unknown
        attempts: unknown
        nextAt: unknown
        lastError: string | null
      }>(
        sql`SELECT o.platform, o."targetKind", o."targetId",
              SUM(CASE WHEN o."failedAt" IS NULL THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN o."failedAt" IS NULL THEN 0 ELSE 1 END) AS failed,
              MAX(COALESCE(c.attempts, 0)) AS attempts, MAX(c."nextAt") AS "nextAt",
              MAX(COALESCE(c."lastError", o."lastError")) AS "lastError"
            FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
            WHERE o."sentAt" IS NULL
            GROUP BY o.platform, o."targetKind", o."targetId"
            ORDER BY failed DESC, attempts DESC, pending DESC LIMIT 10`,
      )
      const [totals] = await db.all<{ pending: unknown; failed: unknown }>(
        sql`SELECT SUM(CASE WHEN "failedAt" IS NULL THEN 1 ELSE 0 END) AS pending,
              SUM(CASE WHEN "failedAt" IS NULL THEN 0 ELSE 1 END) AS failed FROM outbox WHERE "sentAt" IS NULL`,
      )
      const status: OutboxStatus = {
        pending: asInt(totals?.pending ?? 0),
        failed: asInt(totals?.failed ?? 0),
        chats: rows.map((r) => ({
          platform: r.platform as Platform,
          target: { kind: r.targetKind as 'group' | 'direct' | 'response', id: r.targetId },
          pending: asInt(r.pending),
          failed: asInt(r.failed),
          attempts: asInt(r.attempts),
          nextAt: asDateOrNull(r.nextAt),
          lastError: r.lastError,
        })),
      }
      return status
    },

    async retryNow(now) {
      const failed = await db.run(
        sql`UPDATE outbox SET "failedAt" = NULL, "availableAt" = ${now}
            WHERE "sentAt" IS NULL AND "failedAt" IS NOT NULL`,
      )
      // Chats backing off after failures may try at once; paced chats keep their slot (attempts is 0 there).
      await db.run(sql`UPDATE outbox_chat SET "nextAt" = ${now} WHERE attempts > 0 AND "nextAt" > ${now}`)
      const [waiting] = await db.all<{ n: unknown }>(
        sql`SELECT COUNT(*) AS n FROM outbox o JOIN outbox_chat c ON c.key = ${ROW_KEY}
            WHERE o."sentAt" IS NULL AND o."failedAt" IS NULL AND c.attempts > 0`,
      )
      return Math.max(failed, asInt(waiting?.n ?? 0))
    },
  }
}
