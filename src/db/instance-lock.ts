import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { databaseHeld } from '../app/startup-error.ts'
import type { DatabaseTarget } from './database-url.ts'

export interface InstanceLock {
  release(): void
}

/**
 * An SQLite file serves one server process. The lock is an exclusive transaction held open on a small companion file
 * (`<db>.lock`): the operating system drops it when the process ends however it ends (SIGKILL, power cut), so there
 * is never a stale lock to clean up. Scripts (backups, imports) don't take it and may run beside the server.
 * PostgreSQL serves several instances, so it takes none.
 */
export function acquireInstanceLock(target: DatabaseTarget): InstanceLock {
  if (target.provider !== 'sqlite' || target.file === ':memory:') return { release() {} }
  mkdirSync(dirname(target.file), { recursive: true })
  const db = new Database(`${target.file}.lock`, { timeout: 0 })
  try {
    // The journal in memory: the lock is all this file is for, so nothing else appears beside the database.
    db.pragma('journal_mode = MEMORY')
    db.exec('BEGIN EXCLUSIVE')
  } catch (e) {
    db.close()
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw databaseHeld(target.file)
    throw e
  }
  return {
    release() {
      if (db.open) db.close()
    },
  }
}
