import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { HistoryDiagnostic, SchemaEngine } from '@prisma/schema-engine-wasm'
import pg from 'pg'
import { databaseLocked } from '../../app/startup-error.ts'
import { type DatabaseTarget, parseDatabaseUrl } from '../database-url.ts'
import { migrationFactory } from './adapters.ts'
import { type EngineLog, openEngine } from './engine.ts'
import { LOCKFILE, lockfileText, readMigrationList } from './migration-list.ts'
import { migrationsPending } from './pending.ts'
import { migrationsDir, PROVIDERS, type Provider, schemaFile, schemaText } from './schema-files.ts'

const filters = { externalTables: [], externalEnums: [] }
/** Our own advisory-lock key, distinct from the one the schema engine may take itself. */
const MIGRATE_LOCK_KEY = 0x616e6368 // "anch"

const providerOf = (t: DatabaseTarget): Provider => t.provider

async function withEngine<T>(
  target: DatabaseTarget,
  run: (engine: SchemaEngine, provider: Provider) => Promise<T>,
  log?: EngineLog,
): Promise<T> {
  const provider = providerOf(target)
  if (target.provider === 'sqlite' && target.file !== ':memory:') {
    mkdirSync(join(target.file, '..'), { recursive: true })
  }
  const factory = migrationFactory(target)
  const engine = await openEngine(schemaFile(provider), schemaText(provider), factory, log)
  try {
    return await run(engine, provider)
  } finally {
    engine.free()
    await factory.close()
  }
}

/**
 * Apply pending migrations, as `prisma migrate deploy` does. On PostgreSQL an advisory lock makes instances that start
 * together take turns: the second finds nothing left to apply.
 */
export async function applyMigrations(url: string, log?: EngineLog): Promise<string[]> {
  const target = parseDatabaseUrl(url)
  const apply = () =>
    withEngine(
      target,
      async (engine, provider) =>
        (await engine.applyMigrations({ migrationsList: readMigrationList(provider), filters })).appliedMigrationNames,
      log,
    )
  if (target.provider === 'sqlite') return apply()
  const lock = new pg.Client(target.pool)
  await lock.connect()
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY])
    return await apply()
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]).catch(() => {})
    await lock.end()
  }
}

/**
 * applyMigrations in a child process that exits afterwards, so the engine's memory goes with it; what `npm start`
 * uses. With nothing pending (read from `_prisma_migrations` directly) no child is started at all.
 */
export async function applyMigrationsIsolated(url: string): Promise<string[]> {
  const target = parseDatabaseUrl(url)
  if (!(await migrationsPending(target))) return []
  try {
    return await migrateInChild(url)
  } catch (e) {
    // The schema engine reports a file another process holds locked as an undecodable `SocketTimeout` after 10 s.
    if (target.provider === 'sqlite' && /SocketTimeout|database is locked|SQLITE_BUSY/.test(String(e))) {
      throw databaseLocked(target.file)
    }
    throw e
  }
}

function migrateInChild(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // Next to this module when run from source; dist/migrate-child.js when bundled (scripts/build.ts), where this
    // module sits in dist/ or, shared with the child's entry, in dist/chunks/.
    const here = import.meta.dirname
    const script = import.meta.url.endsWith('.ts')
      ? join(here, 'child.ts')
      : join(basename(here) === 'chunks' ? dirname(here) : here, 'migrate-child.js')
    // From source the child needs the TypeScript loader (tsx, a dependency) whatever loaded this process.
    const args = script.endsWith('.ts') ? ['--import', 'tsx', script, url] : [...process.execArgv, script, url]
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.on('error', reject)
    child.on('exit', () => {
      const line = out.trim().split('\n').at(-1) ?? ''
      try {
        const r = JSON.parse(line) as { applied?: string[]; error?: string }
        if (r.applied) resolve(r.applied)
        else reject(new Error(`migration failed: ${r.error ?? line}`))
      } catch {
        reject(new Error(`migration failed: ${out || 'no output'}`))
      }
    })
  })
}

/** Names of the migrations in the folder that the database has applied (read from _prisma_migrations). */
export function migrationNames(provider: Provider): string[] {
  return readMigrationList(provider).migrationDirectories.map((d) => d.path)
}

export interface MigrationStatus {
  provider: Provider
  applied: boolean
  history: HistoryDiagnostic | null
  failedMigrationNames: string[]
  editedMigrationNames: string[]
  hasMigrationsTable: boolean
}

export async function migrationStatus(url: string): Promise<MigrationStatus> {
  const target = parseDatabaseUrl(url)
  return withEngine(target, async (engine, provider) => {
    const migrationsList = readMigrationList(provider)
    try {
      const out = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters })
      return {
        provider,
        applied: out.history === null && out.failedMigrationNames.length === 0,
        history: out.history,
        failedMigrationNames: out.failedMigrationNames,
        editedMigrationNames: out.editedMigrationNames,
        hasMigrationsTable: out.hasMigrationsTable,
      }
    } catch (e) {
      // A database never migrated has no _prisma_migrations table: everything is pending.
      if (!/_prisma_migrations` does not exist/.test(String(e))) throw e
      const names = migrationsList.migrationDirectories.map((d) => d.path)
      return {
        provider,
        applied: names.length === 0,
        history: { diagnostic: 'databaseIsBehind', unappliedMigrationNames: names },
        failedMigrationNames: [],
        editedMigrationNames: [],
        hasMigrationsTable: false,
      }
    }
  })
}

/**
 * SQL that takes a database built from the migrations folder to the current models.prisma; empty when they agree.
 * Replays the migrations into a shadow database (in memory for SQLite, a throwaway database for PostgreSQL).
 */
export async function pendingSchemaChange(provider: Provider, shadowUrl: string): Promise<string> {
  const target = parseDatabaseUrl(shadowUrl)
  if (target.provider !== provider) throw new Error(`${shadowUrl} is not a ${provider} URL`)
  return withEngine(target, async (engine) => {
    const list = readMigrationList(provider)
    const out = await engine.diff({
      from: list.migrationDirectories.length === 0 ? { tag: 'empty' } : { tag: 'migrations', ...list },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaFile(provider), content: schemaText(provider) }] },
      script: true,
      exitCode: null,
      filters,
    })
    return emptyDiff(out.stdout ?? '') ? '' : (out.stdout ?? '')
  })
}

const emptyDiff = (sql: string) =>
  sql
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('--')).length === 0

/** Write `<UTC yyyymmddHHMMSS>_<name>/migration.sql` for each provider whose schema moved. Returns the folders. */
export async function writeNextMigration(
  name: string,
  shadowUrls: Record<Provider, string>,
  now = new Date(),
): Promise<string[]> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('a migration name is lower-case letters, digits and _')
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14)
  const written: string[] = []
  for (const provider of PROVIDERS) {
    const sql = await pendingSchemaChange(provider, shadowUrls[provider])
    if (sql === '') continue
    const base = migrationsDir(provider)
    const dir = join(base, `${stamp}_${name}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'migration.sql'), sql)
    if (!existsSync(join(base, LOCKFILE))) writeFileSync(join(base, LOCKFILE), lockfileText(provider))
    written.push(dir)
  }
  return written
}
