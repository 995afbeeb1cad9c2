// The db layer's public surface: the store (app's ports on Prisma), its migrations, locks and the outbox queue.
export { loadAuditKey } from './audit-key.ts'
export { parseDatabaseUrl } from './database-url.ts'
export { acquireInstanceLock } from './instance-lock.ts'
export { leaderLock } from './leader-lock.ts'
export { applyMigrationsIsolated } from './migrate/index.ts'
export { outboxQueue } from './outbox-queue.ts'
export { type DbStore, openStore } from './store.ts'
