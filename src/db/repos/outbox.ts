import type { OutboxRepo, OutboxStatus } from '../../app/ports.ts'
import type { Platform } from '../../domain/platform.ts'
import { asDateOrNull, asInt, type RawSql } from '../raw-sql.ts'

const ROW_KEY = `o.platform || ':' || o."targetKind" || ':' || o."targetId"`

export function outboxRepo(sql: RawSql): OutboxRepo {
  return {
    // Every command queues its reply here: one multi-row INSERT.
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      const values = messages.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)').join(', ')
      const params = messages.flatMap((m, i) => [
        projectId,
        m.platform,
        m.target.kind,
        m.target.id,
        m.text,
        m.parts && m.parts.length > 0 ? JSON.stringify(m.parts) : null,
        at,
        at,
        dedupeKey === undefined ? null : `${dedupeKey}#${i}`,
        m.priority ?? 1,
        m.replyTo ? JSON.stringify(m.replyTo) : null,
      ])
      await sql.run(
        `INSERT INTO outbox ("projectId", platform, "targetKind", "targetId", text, parts, "createdAt", "availableAt", attempts,
           "dedupeKey", priority, "replyTo") VALUES ${values}`,
        ...params,
      )
    },

    async status() {
      const rows = await sql.all<{
        platform: string
        targetKind: string
        targetId: string
        pending: unknown
        failed: unknown
        attempts: unknown
        nextAt: unknown
        lastError: string | null
      }>(
        `SELECT o.platform, o."targetKind", o."targetId",
           SUM(CASE WHEN o."failedAt" IS NULL THEN 1 ELSE 0 END) AS pending,
           SUM(CASE WHEN o."failedAt" IS NULL THEN 0 ELSE 1 END) AS failed,
           MAX(COALESCE(c.attempts, 0)) AS attempts, MAX(c."nextAt") AS "nextAt",
           MAX(COALESCE(c."lastError", o."lastError")) AS "lastError"
         FROM outbox o LEFT JOIN outbox_chat c ON c.key = ${ROW_KEY}
         WHERE o."sentAt" IS NULL
         GROUP BY o.platform, o."targetKind", o."targetId"
         ORDER BY failed DESC, attempts DESC, pending DESC LIMIT 10`,
      )
      const [totals] = await sql.all<{ pending: unknown; failed: unknown }>(
        `SELECT SUM(CASE WHEN "failedAt" IS NULL THEN 1 ELSE 0 END) AS pending,
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
      const failed = await sql.run(
        `UPDATE outbox SET "failedAt" = NULL, "availableAt" = ? WHERE "sentAt" IS NULL AND "failedAt" IS NOT NULL`,
        now,
      )
      // Chats backing off after failures may try at once; paced chats keep their slot (attempts is 0 there).
      await sql.run(`UPDATE outbox_chat SET "nextAt" = ? WHERE attempts > 0 AND "nextAt" > ?`, now, now)
      const [waiting] = await sql.all<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM outbox o JOIN outbox_chat c ON c.key = ${ROW_KEY}
         WHERE o."sentAt" IS NULL AND o."failedAt" IS NULL AND c.attempts > 0`,
      )
      return Math.max(failed, asInt(waiting?.n ?? 0))
    },
  }
}
