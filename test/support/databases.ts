import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { loadAuditKey } from '../../src/db/audit-key.ts'
import { type DbStore, openStore, type StoreOptions } from '../../src/db/store.ts'
import { admin } from './global-setup.ts'

export type DatabaseKind = 'sqlite' | 'postgresql'

/** The databases this run tests against: SQLite always, PostgreSQL when ANCHANG_TEST_PG_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return inject('pgTemplate') ? ['sqlite', 'postgresql'] : ['sqlite']
}

let counter = 0

/** A URL of a new, migrated, empty database of the given kind. */
export async function freshDatabaseUrl(kind: DatabaseKind): Promise<string> {
  counter++
  if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'anchang-db-')), 'test.db')
    copyFileSync(inject('sqliteTemplate'), file)
    return `file:${file}`
  }
  const adminUrl = inject('pgAdminUrl')
  const template = inject('pgTemplate')
  if (!adminUrl || !template) throw new Error('PostgreSQL is not configured for this run (ANCHANG_TEST_PG_URL)')
  const name = `anchang_t_${inject('runId')}_${process.pid}_${counter}`
  await admin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
}

export async function freshStore(kind: DatabaseKind, opts?: StoreOptions): Promise<DbStore> {
  return openStore(await freshDatabaseUrl(kind), opts)
}

/** The audit key conversation harnesses chain with (a keyed store, as the server runs). */
export const TEST_AUDIT_KEY = 'test-audit-key-0123456789abcdef-0123456789'

/** The key a server started on `url` without ANCHANG_AUDIT_KEY chains with (its generated audit.key). */
export function serverAuditKey(url: string): string {
  const config = loadConfig({ DATABASE_URL: url })
  return loadAuditKey(config.auditKey, config.auditKeyFile).key
}
