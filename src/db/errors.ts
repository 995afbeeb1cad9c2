import { Conflict } from '../app/ports.ts'

/**
 * Errors after which re-running the whole transaction is right: our own Conflict (a compare-and-set lost), a unique
 * index that met a concurrent insert (P2002), PostgreSQL serialization failures and deadlocks (P2034), and a busy
 * SQLite file. The re-run reads the winner's data and decides again.
 */
export function isRetryable(e: unknown): boolean {
  if (e instanceof Conflict) return true
  const code = (e as { code?: unknown })?.code
  if (code === 'P2002' || code === 'P2034') return true
  const message = e instanceof Error ? e.message : ''
  return /SQLITE_BUSY|database is locked|could not serialize|deadlock detected|TransactionWriteConflict/i.test(message)
}

export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown })?.code === 'P2002'
}
