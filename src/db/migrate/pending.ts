import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { databaseLocked } from '../../app/startup-error.ts'
import type { DatabaseTarget } from '../database-url.ts'
import { readMigrationList } from './migration-list.ts'

interface AppliedRow {
  migration_name: string
  checksum: string
  finished_at: unknown
  rolled_back_at: unknown
}

/**
 * Whether the schema engine has anything to do, read straight from `_prisma_migrations`: true unless every migration
 * of the folder is recorded as finished, not rolled back, with the checksum `prisma migrate deploy` writes (sha256 of
 * the file). Anything else — a missing table, a failed or edited migration — is left to the engine, which reports it.
 * Starting a server with nothing pending then never loads the engine or touches the schema.
 */
export async function migrationsPending(target: DatabaseTarget): Promise<boolean> {
  const wanted = readMigrationList(target.provider).migrationDirectories.map((d) => ({
    name: d.path,
    checksum: d.migrationFile.content.tag === 'ok' ? sha256(d.migrationFile.content.value) : null,
  }))
  const rows = await appliedRows(target)
  if (rows === null) return true
  const done = new Map(
    rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]),
  )
  const failed = rows.some((r) => r.finished_at === null && r.rolled_back_at === null)
  return failed || wanted.some((w) => w.checksum === null || done.get(w.name) !== w.checksum)
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

const QUERY = 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations'

/** The table's rows, or null when the database or the table does not exist yet. */
async function appliedRows(target: DatabaseTarget): Promise<AppliedRow[] | null> {
  if (target.provider === 'sqlite') {
    if (target.file === ':memory:' || !existsSync(target.file)) return null
    const db = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 5_000 })
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()
      return table ? (db.prepare(QUERY).all() as AppliedRow[]) : null
    } catch (e) {
      // Not even readable for 5 s: another program holds the file in an exclusive transaction.
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw databaseLocked(target.file)
      throw e
    } finally {
      db.close()
    }
  }
  const client = new pg.Client(target.pool)
  try {
    await client.connect()
    const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t")
    return table.rows[0]?.t ? (await client.query<AppliedRow>(QUERY)).rows : null
  } catch {
    // Unreachable, or no such database yet: the engine tries and reports it as it always has.
    return null
  } finally {
    await client.end().catch(() => {})
  }
}
