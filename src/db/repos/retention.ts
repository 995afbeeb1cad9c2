import type { RetentionRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function retentionRepo(db: DbTx): RetentionRepo {
  return {
    async prune({ inboundBefore, runsBefore, outboxBefore, downloadsBefore }) {
      const inbound = await db.inboundEvent.deleteMany({ where: { receivedAt: { lt: inboundBefore } } })
      // The latest month close is how the scheduler knows which months are closed: keep every one.
      const runs = await db.scheduledRun.deleteMany({
        where: { dueAt: { lt: runsBefore }, kind: { not: 'month-close' } },
      })
      const outbox = await db.outbox.deleteMany({
        where: { createdAt: { lt: outboxBefore }, OR: [{ sentAt: { not: null } }, { failedAt: { not: null } }] },
      })
      // A chat's pacing state goes stale in a minute (its bucket is full again); one-shot response addresses leave a
      // row each. Dropping an idle chat's row only resets a bucket that was full anyway.
      await db.outboxChat.deleteMany({
        where: {
          nextAt: { lt: outboxBefore },
          attempts: 0,
          OR: [{ claimedUntil: null }, { claimedUntil: { lt: outboxBefore } }],
        },
      })
      // A link is refused from its expiry on (repos/downloads.ts takes expiresAt > now): its file need not be kept.
      const downloads = await db.download.deleteMany({ where: { expiresAt: { lte: downloadsBefore } } })
      return { inbound: inbound.count, runs: runs.count, outbox: outbox.count, downloads: downloads.count }
    },
  }
}
