import { Conflict } from '../app/ports.ts'

/** A unique index met a concurrent insert: Prisma's P2002, or the driver's own code on the raw data path. */
const UNIQUE = new Set(['P2002', '23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'])

/**
 * Errors after which re-running the whole transaction is right: our own Conflict (a compare-and-set lost), a unique
 * index that met a concurrent insert, PostgreSQL serialization failures and deadlocks (P2034, 40001, 40P01), and a
 * busy SQLite file. The re-run reads the winner's data and decides again.
 */
export function isRetryable(e: unknown): boolean {
  if (e instanceof Conflict) return true
  const code = (e as { code?: unknown })?.code
  if (typeof code === 'string' && (UNIQUE.has(code) || code === 'P2034' || code === '40001' || code === '40P01'))
    return true
  const message = e instanceof Error ? e.message : ''
  return /SQLITE_BUSY|database is locked|could not serialize|deadlock detected|TransactionWriteConflict/i.test(message)
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code
  return typeof code === 'string' && UNIQUE.has(code)
}
