import type { OutboxRepo } from '../../app/ports.ts'
import type { RawSql } from '../raw-sql.ts'
import { join, sql } from '../sql.ts'

// Data path: raw SQL (raw-sql.ts): every command queues its reply here.

export function outboxRepo(db: RawSql): OutboxRepo {
  return {
    // One multi-row INSERT that nobody waits for: it travels with the transaction's next round trip.
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      const rows = messages.map(
        (m, i) =>
          sql`(${projectId}, ${m.platform}, ${m.target.kind}, ${m.target.id}, ${m.text}, ${at}, ${at}, 0,
               ${dedupeKey === undefined ? null : `${dedupeKey}#${i}`})`,
      )
      db.defer(
        sql`INSERT INTO outbox ("projectId", platform, "targetKind", "targetId", text, "createdAt", "availableAt",
              attempts, "dedupeKey") VALUES ${join(rows, ', ')}`,
      )
    },
  }
}
