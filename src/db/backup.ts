import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { parseDatabaseUrl } from './database-url.ts'

/**
 * A consistent copy of a live SQLite database: `VACUUM INTO` reads one snapshot (WAL readers never block the writer,
 * nor it them) and writes a compact, self-contained file — what was committed when the copy started, nothing half.
 * PostgreSQL is backed up with pg_dump (README).
 */
export function backupSqlite(databaseUrl: string, to: string): { bytes: number } {
  const target = parseDatabaseUrl(databaseUrl)
  if (target.provider !== 'sqlite')
    throw new Error('db:backup copies SQLite files; for PostgreSQL use pg_dump (README)')
  if (!existsSync(target.file)) throw new Error(`no database at ${target.file} (DATABASE_URL)`)
  if (existsSync(to)) throw new Error(`${to} exists; choose a new file name`)
  mkdirSync(dirname(to), { recursive: true })
  const db = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 10_000 })
  try {
    db.prepare('VACUUM INTO ?').run(to)
  } finally {
    db.close()
  }
  const copy = new Database(to, { readonly: true })
  try {
    const ok = copy.pragma('integrity_check', { simple: true })
    if (ok !== 'ok') throw new Error(`the copy failed its integrity check: ${String(ok)}`)
    const pages = copy.pragma('page_count', { simple: true }) as number
    const size = copy.pragma('page_size', { simple: true }) as number
    return { bytes: pages * size }
  } finally {
    copy.close()
  }
}
