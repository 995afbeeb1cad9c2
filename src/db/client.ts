import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { DatabaseTarget } from './database-url.ts'
import { PrismaClient as PgClient } from './generated/postgresql/client.ts'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts'
import type { SqliteHandle } from './sqlite-handle.ts'

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
  const inner = new PrismaPg({
    connectionTimeoutMillis: 5_000,
    idle_in_transaction_session_timeout: 30_000,
    ...target.pool,
    max: opts.poolSize ?? 10,
  })
  const client = new PgClient({ adapter: capturingTransactions(inner) }) as unknown as Db
  await client.$connect()
  return { db: client, sqlite: null }
}

/** Inside `pgTransaction.run(holder, …)`, the pooled connection of the Prisma transaction started there. */
export const pgTransaction = new AsyncLocalStorage<{ connection?: PgConnection }>()
export interface PgConnection {
  query(config: {
    text: string
    values: unknown[]
    types?: unknown
  }): Promise<{ rows: unknown[]; rowCount: number | null }>
}

/**
 * PostgreSQL: the hot path's statements run on the very connection of the Prisma transaction (raw-sql.ts), so the
 * factory hands that connection to whoever started the transaction, through async context.
 */
function capturingTransactions(inner: PrismaPg): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect()
      const start = adapter.startTransaction.bind(adapter)
      adapter.startTransaction = async (...args: Parameters<typeof start>) => {
        const tx = await start(...args)
        const holder = pgTransaction.getStore()
        if (holder) holder.connection = (tx as unknown as { client: PgConnection }).client
        return tx
      }
      return adapter
    },
  }
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
      handles.push({
        prepare: (sql) => prepare(sql) as unknown as ReturnType<SqliteHandle['prepare']>,
        exec: (sql) => void db.exec(sql),
      })
      db.prepare = cachedPrepare(prepare, () => db.inTransaction)
      return adapter
    },
  }
}

interface BetterSqlite {
  inTransaction: boolean
  pragma(sql: string): unknown
  prepare(sql: string): Statement
  exec(sql: string): unknown
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
function cachedPrepare(prepare: (sql: string) => Statement, inTransaction: () => boolean): (sql: string) => Statement {
  const cache = new Map<string, Statement>()
  let nested = 0
  /**
   * The Store opens SQLite transactions itself (store.ts) and runs Prisma's plain client inside them. The few Prisma
   * operations that wrap themselves in a transaction (an upsert, a nested write) then become savepoints.
   */
  const transactionControl = (sql: string): string => {
    if (sql === 'BEGIN') return inTransaction() ? `SAVEPOINT prisma_${++nested}` : 'BEGIN IMMEDIATE'
    if (nested > 0 && sql === 'COMMIT') return `RELEASE prisma_${nested--}`
    if (nested > 0 && sql === 'ROLLBACK') return `ROLLBACK TO prisma_${nested--}`
    return sql
  }
  return (sql: string) => {
    const text = transactionControl(sql)
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
