import type { OutboxRepo } from '../../app/ports.ts'
import type { RawSql } from '../raw-sql.ts'

export function outboxRepo(sql: RawSql): OutboxRepo {
  return {
    // Every command queues its reply here: one multi-row INSERT.
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      const values = messages.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?)').join(', ')
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
      ])
      await sql.run(
        `INSERT INTO outbox ("projectId", platform, "targetKind", "targetId", text, parts, "createdAt", "availableAt", attempts,
           "dedupeKey") VALUES ${values}`,
        ...params,
      )
    },
  }
}
