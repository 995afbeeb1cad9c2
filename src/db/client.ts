import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { DatabaseTarget } from './database-url.ts'
import { PrismaClient as PgClient } from './generated/postgresql/client.ts'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts'
import type { SqliteHandle } from './raw-sql.ts'

/**
 * Both generated clients expose the same model API (they come from one models.prisma); repositories are written once
 * against this type and the PostgreSQL client is used through it.
 */
export type Db = SqliteClient
export type DbTx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

export interface OpenOptions {
  /** PostgreSQL pool size per instance. */
  poolSize?: number
}

export async function openClient(target: DatabaseTarget, opts: OpenOptions = {}): Promise<Db> {
  return (await openConnection(target, opts)).db
}

/** The client and, on SQLite, the connection's better-sqlite3 handle (for the hot path's statements: raw-sql.ts). */
export async function openConnection(
  target: DatabaseTarget,
  opts: OpenOptions = {},
): Promise<{ db: Db; sqlite: SqliteHandle | null }> {
  if (target.provider === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true })
    const handles: SqliteHandle[] = []
    const client = new SqliteClient({ adapter: sqliteFactory(target.file, handles) })
    await client.$connect()
    await client.$queryRawUnsafe('SELECT 1') // opens the connection now
    return { db: client, sqlite: handles[0] ?? null }
  }
  // A frozen instance must not hold row locks (and so the other instances) for ever: PostgreSQL ends a transaction
  // left idle for 30 s; the instance's Store then fails and retries as after any lost connection.
  const adapter = new PrismaPg({
    connectionTimeoutMillis: 5_000,
    idle_in_transaction_session_timeout: 30_000,
    ...target.pool,
    max: opts.poolSize ?? 10,
  })
  const client = new PgClient({ adapter }) as unknown as Db
  await client.$connect()
  return { db: client, sqlite: null }
}

/**
 * SQLite as a server database: WAL so readers never block the writer, synchronous=FULL so an acknowledged command
 * survives a power cut, a busy timeout so several connections wait instead of failing, and BEGIN IMMEDIATE so a
 * transaction takes the write lock before it reads — two connections can then never deadlock upgrading their locks.
 * The adapter prepares every statement anew; statements are cached here by their SQL (a command's dozen statements
 * cost as much to compile as to run).
 */
function sqliteFactory(file: string, handles: SqliteHandle[]): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: 10_000 })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect()
      const db = (adapter as unknown as { client: BetterSqlite }).client
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      const prepare = db.prepare.bind(db)
      handles.push({ prepare: (sql) => prepare(sql) as unknown as ReturnType<SqliteHandle['prepare']> })
      db.prepare = cachedPrepare(prepare)
      return adapter
    },
  }
}

interface BetterSqlite {
  pragma(sql: string): unknown
  prepare(sql: string): Statement
}

interface Statement {
  reader: boolean
  bind(...args: unknown[]): Statement
  run(...args: unknown[]): unknown
  columns(): unknown[]
  raw(toggle?: boolean): Statement
  all(...args: unknown[]): unknown[]
}

/**
 * The adapter calls `prepare(sql).bind(args)` and then `run()`, `columns()` or `raw().all()`. A better-sqlite3
 * statement binds only once, so the cache hands out a light view that passes the arguments at run time instead.
 */
function cachedPrepare(prepare: (sql: string) => Statement): (sql: string) => Statement {
  const cache = new Map<string, Statement>()
  return (sql: string) => {
    const text = sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql
    let stmt = cache.get(text)
    if (!stmt) {
      stmt = prepare(text)
      if (cache.size > 500) cache.clear()
      cache.set(text, stmt)
    }
    const s = stmt
    const bound = (args: unknown[]): Statement => ({
      reader: s.reader,
      bind: (...more: unknown[]) => bound(more),
      run: () => s.run(...args),
      columns: () => s.columns(),
      raw: () => ({ ...bound(args), all: () => s.raw(true).all(...args) }),
      all: () => s.raw(false).all(...args),
    })
    return bound([])
  }
}
