import type { OutboundPart } from '../app/outbound.ts'
import type { OutboxQueue, QueuedMessage } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import type { DbTx } from './client.ts'
import { Prisma } from './generated/sqlite/client.ts'

interface Row {
  id: number
  projectId: number | null
  platform: string
  targetKind: string
  targetId: string
  text: string
  parts: string | null
  attempts: number
  createdAt: Date
}

const toQueued = (r: Row): QueuedMessage => ({
  id: r.id,
  projectId: r.projectId,
  platform: r.platform as Platform,
  target: { kind: r.targetKind as QueuedMessage['target']['kind'], id: r.targetId },
  text: r.text,
  ...(r.parts ? { parts: JSON.parse(r.parts) as OutboundPart[] } : {}),
  attempts: r.attempts,
  createdAt: r.createdAt,
})

/** `run` is the store's: on SQLite the queue's statements must take their turn with the command transactions. */
export function outboxQueue(
  run: <T>(work: (db: DbTx) => Promise<T>) => Promise<T>,
  provider: 'sqlite' | 'postgresql',
): OutboxQueue {
  return {
    async claim(workerId, now, leaseMs, limit, skip = []) {
      const until = new Date(now.getTime() + leaseMs)
      // The worker's blocked chats (a handful) are skipped in the query itself: their waiting messages cost nothing.
      const skipped = skip.map(
        (t) => Prisma.sql` AND NOT (platform = ${t.platform} AND "targetKind" = ${t.kind} AND "targetId" = ${t.id})`,
      )
      const notBlocked = skipped.length === 0 ? Prisma.empty : Prisma.join(skipped, '')
      // PostgreSQL: SKIP LOCKED lets several instances claim disjoint batches without waiting on each other.
      // SQLite has one writer, so the single UPDATE is already atomic.
      const rows = await run((db) =>
        provider === 'postgresql'
          ? db.$queryRaw<Row[]>`
              UPDATE outbox SET "claimedBy" = ${workerId}, "claimedUntil" = ${until}
              WHERE id IN (
                SELECT id FROM outbox
                WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "availableAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})${notBlocked}
                ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
              RETURNING id, "projectId", platform, "targetKind", "targetId", text, parts, attempts, "createdAt"`
          : db.$queryRaw<Row[]>`
              UPDATE outbox SET "claimedBy" = ${workerId}, "claimedUntil" = ${until}
              WHERE id IN (
                SELECT id FROM outbox
                WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "availableAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})${notBlocked}
                ORDER BY id LIMIT ${limit})
              RETURNING id, "projectId", platform, "targetKind", "targetId", text, parts, attempts, "createdAt"`,
      )
      return rows
        .map((r) =>
          toQueued({ ...r, id: Number(r.id), attempts: Number(r.attempts), createdAt: new Date(r.createdAt) }),
        )
        .sort((a, b) => a.id - b.id)
    },
    async sent(id, at) {
      await run((db) => db.outbox.update({ where: { id }, data: { sentAt: at, claimedBy: null, claimedUntil: null } }))
    },
    async later(id, at, reason, counts) {
      await run((db) =>
        db.outbox.update({
          where: { id },
          data: {
            availableAt: at,
            claimedBy: null,
            claimedUntil: null,
            lastError: reason.slice(0, 500),
            ...(counts ? { attempts: { increment: 1 } } : {}),
          },
        }),
      )
    },
    async failed(id, at, reason) {
      await run((db) =>
        db.outbox.update({
          where: { id },
          data: {
            failedAt: at,
            lastError: reason.slice(0, 500),
            attempts: { increment: 1 },
            claimedBy: null,
            claimedUntil: null,
          },
        }),
      )
    },
    async backlog(now) {
      return run(async (db) => {
        const pending = await db.outbox.count({ where: { sentAt: null, failedAt: null } })
        const oldest = await db.outbox.findFirst({
          where: { sentAt: null, failedAt: null },
          orderBy: { id: 'asc' },
          select: { createdAt: true },
        })
        return { pending, oldestMs: oldest ? now.getTime() - oldest.createdAt.getTime() : 0 }
      })
    },
  }
}
