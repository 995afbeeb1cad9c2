import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { openClient } from '../../src/db/client.ts'
import { parseDatabaseUrl } from '../../src/db/database-url.ts'
import {
  applyMigrations,
  applyMigrationsIsolated,
  migrationStatus,
  pendingSchemaChange,
} from '../../src/db/migrate/index.ts'
import { readMigrationList } from '../../src/db/migrate/migration-list.ts'
import { databaseKinds } from '../support/databases.ts'
import { admin } from '../support/global-setup.ts'

let made = 0

/**
 * An empty database (no tables at all) of each kind. On PostgreSQL a new name each time, never a DROP: DROP DATABASE
 * waits for a forced checkpoint, which fsyncs every file dirtied since the last one — with the suite's other
 * databases being created that took up to 68 s on this shared server (postgresql-15-main.log, 1 December: 40 of
 * 3,323 forced checkpoints over 10 s). The run's teardown drops these with the others.
 */
async function emptyDatabase(kind: 'sqlite' | 'postgresql'): Promise<string> {
  if (kind === 'sqlite') return `file:${join(mkdtempSync(join(tmpdir(), 'anchang-mig-')), 'empty.db')}`
  const adminUrl = inject('pgAdminUrl') as string
  const name = `anchang_mig_${inject('runId')}_${process.pid}_${++made}`
  await admin(adminUrl, `CREATE DATABASE "${name}"`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return u.toString()
}

describe.each(databaseKinds())('migrations (%s)', (kind) => {
  it('apply to an empty database, and a second run applies nothing', async () => {
    const url = await emptyDatabase(kind)
    const all = readMigrationList(kind).migrationDirectories.map((d) => d.path)
    expect(all.length).toBeGreaterThan(0)
    expect(await applyMigrations(url)).toEqual(all)
    expect(await applyMigrations(url)).toEqual([])
    expect(await migrationStatus(url)).toMatchObject({ applied: true, history: null, failedMigrationNames: [] })
  })

  it('record _prisma_migrations as prisma migrate deploy does (name, sha256 checksum, finished)', async () => {
    const url = await emptyDatabase(kind)
    await applyMigrations(url)
    const db = await openClient(parseDatabaseUrl(url))
    const rows = await db.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: unknown }[]
    >(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    )
    await db.$disconnect()
    const { createHash } = await import('node:crypto')
    const list = readMigrationList(kind)
    expect(rows.map((r) => r.migration_name)).toEqual(list.migrationDirectories.map((d) => d.path))
    for (const [i, d] of list.migrationDirectories.entries()) {
      const sql = d.migrationFile.content.tag === 'ok' ? d.migrationFile.content.value : ''
      expect(rows[i]?.checksum).toBe(createHash('sha256').update(sql).digest('hex'))
      expect(rows[i]?.finished_at).not.toBeNull()
      expect(Number(rows[i]?.applied_steps_count)).toBe(1)
    }
  })

  // The schema engine drops its shadow database at the end, and so waits for a forced checkpoint (see emptyDatabase).
  it('match models.prisma: the diff from the migrations to the schema is empty', async () => {
    const shadow = kind === 'sqlite' ? 'file::memory:' : (inject('pgAdminUrl') as string)
    expect(await pendingSchemaChange(kind, shadow)).toBe('')
  }, 90_000)

  it.skipIf(kind !== 'postgresql')(
    'take turns when two instances migrate one empty database at once',
    async () => {
      const url = await emptyDatabase(kind)
      const results = await Promise.all([applyMigrationsIsolated(url), applyMigrationsIsolated(url)])
      const all = readMigrationList(kind).migrationDirectories.map((d) => d.path)
      expect(results.map((r) => r.length).sort()).toEqual([0, all.length])
      expect(await migrationStatus(url)).toMatchObject({ applied: true })
    },
    60_000,
  )

  it('report a database that is behind', async () => {
    const url = await emptyDatabase(kind)
    const s = await migrationStatus(url)
    expect(s.applied).toBe(false)
    expect(s.history).toMatchObject({ diagnostic: 'databaseIsBehind' })
  })
})

describe('migrations on a copy of the test template (sqlite)', () => {
  it('are already applied in the template every test copies', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'anchang-mig-')), 'copy.db')
    copyFileSync(inject('sqliteTemplate'), file)
    expect(await applyMigrations(`file:${file}`)).toEqual([])
  })
})
