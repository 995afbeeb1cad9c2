import type { OutboxRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { Prisma } from '../generated/sqlite/client.ts'

export function outboxRepo(db: DbTx): OutboxRepo {
  return {
    // Every command queues its reply here: one raw multi-row INSERT.
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      const rows = messages.map(
        (m, i) =>
          Prisma.sql`(${projectId}, ${m.platform}, ${m.target.kind}, ${m.target.id}, ${m.text}, ${at}, ${at}, 0,
            ${dedupeKey === undefined ? null : `${dedupeKey}#${i}`})`,
      )
      await db.$executeRaw`
        INSERT INTO outbox ("projectId", platform, "targetKind", "targetId", text, "createdAt", "availableAt", attempts,
          "dedupeKey")
        VALUES ${Prisma.join(rows)}`
    },
  }
}
