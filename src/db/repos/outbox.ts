import type { OutboxRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function outboxRepo(db: DbTx): OutboxRepo {
  return {
    async enqueue(projectId, messages, at, dedupeKey) {
      if (messages.length === 0) return
      await db.outbox.createMany({
        data: messages.map((m, i) => ({
          projectId,
          platform: m.platform,
          targetKind: m.target.kind,
          targetId: m.target.id,
          text: m.text,
          createdAt: at,
          availableAt: at,
          dedupeKey: dedupeKey === undefined ? null : `${dedupeKey}#${i}`,
        })),
      })
    },
  }
}
