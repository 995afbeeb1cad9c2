import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { parseDatabaseUrl } from '../../src/db/database-url.ts'
import { applyMigrations } from '../../src/db/migrate/index.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string
    pgTemplate: string | null
    pgAdminUrl: string | null
    runId: string
  }
}

/**
 * Migrates one template per database for the whole run; each test then gets a fresh copy (a file copy for SQLite,
 * CREATE DATABASE … TEMPLATE for PostgreSQL), so tests cannot see each other's data and runs cannot see each other's.
 * PostgreSQL is used when ANCHANG_TEST_PG_URL names a server (its database is only used to create others).
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`
  const dir = mkdtempSync(join(tmpdir(), 'anchang-test-'))
  const sqliteTemplate = join(dir, 'template.db')
  await applyMigrations(`file:${sqliteTemplate}`)

  const adminUrl = process.env.ANCHANG_TEST_PG_URL || null
  let pgTemplate: string | null = null
  if (adminUrl) {
    pgTemplate = `anchang_tpl_${runId}`
    await admin(adminUrl, `CREATE DATABASE "${pgTemplate}"`)
    const u = new URL(adminUrl)
    u.pathname = `/${pgTemplate}`
    await applyMigrations(u.toString())
  }
  project.provide('sqliteTemplate', sqliteTemplate)
  project.provide('pgTemplate', pgTemplate)
  project.provide('pgAdminUrl', adminUrl)
  project.provide('runId', runId)

  return async () => {
    rmSync(dir, { recursive: true, force: true })
    if (adminUrl) {
      const dbs = await admin(adminUrl, `SELECT datname FROM pg_database WHERE datname LIKE 'anchang_%${runId}%'`)
      for (const row of dbs) await admin(adminUrl, `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`)
    }
  }
}

export async function admin(url: string, sql: string): Promise<{ datname: string }[]> {
  const target = parseDatabaseUrl(url)
  if (target.provider !== 'postgresql') throw new Error('ANCHANG_TEST_PG_URL must be a postgresql:// URL')
  const client = new pg.Client(target.pool)
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}
