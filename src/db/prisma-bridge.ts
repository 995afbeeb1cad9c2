import { AsyncLocalStorage } from 'node:async_hooks'
import type { Socket } from 'node:net'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import type { PgConnection, SqliteHandle } from './raw-sql.ts'

/**
 * The one module that relies on how Prisma's driver adapters work inside, not on their public API. The raw data path
 * (raw-sql.ts) must run in the very transaction Prisma has open, and the public API gives no way to reach its
 * connection. Every assumption is numbered here, checked where it is used with an error that names it, and tested by
 * test/db/prisma-bridge.contract.test.ts against the exact `@prisma/*` versions package.json pins:
 *
 *  A1 adapter-better-sqlite3's connected adapter keeps its better-sqlite3 Database as `client`.
 *  A2 Prisma opens a transaction on SQLite by preparing the text `BEGIN` (and ends it with `COMMIT` / `ROLLBACK`)
 *     through that Database's `prepare`.
 *  A3 adapter-pg's `startTransaction` resolves to a transaction that keeps its pooled pg client as `client`.
 *  A4 adapter-pg opens and ends transactions on clients of the pg.Pool it is given (so pg's pipeline mode, set on
 *     that pool, applies to them).
 *  A5 Prisma sends exactly `BEGIN` and `COMMIT` as queries on the transaction client, without a callback.
 *  A6 (pg, not Prisma) a pg.Client writes each query to its socket, `connection.stream`, when it is called.
 */
export const PRISMA_ASSUMPTIONS = {
  A1: 'adapter-better-sqlite3 keeps its better-sqlite3 Database as `client` on the connected adapter',
  A2: 'Prisma runs BEGIN / COMMIT / ROLLBACK on SQLite as prepared statements of exactly that text',
  A3: "adapter-pg's startTransaction resolves to a transaction keeping its pooled pg client as `client`",
  A4: 'adapter-pg runs its transactions on clients of the pg.Pool passed to PrismaPg',
  A5: 'Prisma sends exactly `BEGIN` and `COMMIT` as queries on the transaction client, without a callback',
  A6: 'pg.Client writes every query synchronously to its socket, kept as `connection.stream` (a net.Socket)',
} as const

export class PrismaAssumptionBroken extends Error {
  override name = 'PrismaAssumptionBroken'
  constructor(readonly assumption: keyof typeof PRISMA_ASSUMPTIONS) {
    super(
      `Prisma internals changed: assumption ${assumption} (${PRISMA_ASSUMPTIONS[assumption]}) no longer holds — ` +
        'see src/db/prisma-bridge.ts and run test/db/prisma-bridge.contract.test.ts',
    )
  }
}

/** Inside `pgTransaction.run(holder, …)`, the pooled connection of the Prisma transaction started there. */
export const pgTransaction = new AsyncLocalStorage<{ connection?: PgConnection }>()

type QueryResult = { command?: string; rows: unknown[]; rowCount: number | null; fields?: unknown[] }

/**
 * A pg client (pg-pool's public `Client` option) that lets a transaction's first and last round trips carry work:
 * BEGIN is sent and not waited for, so it travels with the transaction's first statement (pipeline mode keeps them
 * in order), and COMMIT is sent right behind the statements nobody waited for. COMMIT then checks what travelled with
 * it: PostgreSQL answers COMMIT of a transaction a statement aborted with ROLLBACK, and without an error — so a
 * failed BEGIN, a failed deferred statement (`beforeCommit`, raw-sql.ts flush) or a ROLLBACK tag fails the commit.
 */
class PipelinedClient extends pg.Client {
  private begun: Promise<unknown> | null = null
  private corked = false
  /** Checks the statements sent without waiting (set by the store for the transaction in progress). */
  beforeCommit: (() => Promise<void>) | null = null

  /**
   * pg writes each pipelined query to the socket on its own (one system call and one packet each, and on this kind
   * of machine a system call is the dearest thing a statement costs). Every query sent in one turn of the event loop
   * goes out in one write instead: the socket is corked at the first and uncorked once the turn's promise callbacks
   * have run (setImmediate). Nothing waits longer: a query's answer cannot arrive before it is sent anyway.
   */
  private coalesce() {
    if (this.corked) return
    const stream = (this as unknown as { connection?: { stream?: Partial<Socket> } }).connection?.stream
    if (!stream || typeof stream.cork !== 'function' || typeof stream.uncork !== 'function') {
      throw new PrismaAssumptionBroken('A6')
    }
    this.corked = true
    stream.cork()
    setImmediate(() => {
      this.corked = false
      stream.uncork?.()
    })
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; only two texts are intercepted here
  override query(config: any, values?: any, callback?: any): any {
    const text = typeof config === 'object' && config !== null ? config.text : config
    if (callback !== undefined || typeof values === 'function') return super.query(config, values, callback)
    if (this.pipeline) this.coalesce()
    if (text === 'BEGIN') {
      const begun = super.query(config, values) as Promise<unknown>
      begun.catch(() => {}) // reported at COMMIT (and by every statement behind it)
      this.begun = begun
      return Promise.resolve({ command: 'BEGIN', rows: [], rowCount: null, fields: [] } satisfies QueryResult)
    }
    if (text === 'COMMIT') return this.commit(super.query(config, values) as Promise<QueryResult>)
    if (text === 'ROLLBACK') {
      this.begun = null
      this.beforeCommit = null
    }
    return super.query(config, values)
  }

  private async commit(sent: Promise<QueryResult>): Promise<QueryResult> {
    const begun = this.begun
    const check = this.beforeCommit
    this.begun = null
    this.beforeCommit = null
    const result = await sent
    await begun
    await check?.()
    if (result.command !== 'COMMIT') throw new Error(`COMMIT was answered with ${result.command}: rolled back`)
    return result
  }
}

/**
 * PostgreSQL: our own pg.Pool (public PrismaPg API) of PipelinedClient in pg's pipeline mode, so statements sent
 * without waiting share a round trip; the factory hands each transaction's connection (A3) to whoever started it,
 * through async context.
 */
export function pgAdapterFactory(config: pg.PoolConfig): { factory: SqlDriverAdapterFactory; pool: pg.Pool } {
  const pool = new pg.Pool({ ...config, pipeline: true, Client: PipelinedClient } as pg.PoolConfig)
  const inner = new PrismaPg(pool, { disposeExternalPool: true })
  const factory: SqlDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect()
      const start = adapter.startTransaction.bind(adapter)
      adapter.startTransaction = async (...args: Parameters<typeof start>) => {
        const tx = await start(...args)
        const holder = pgTransaction.getStore()
        if (holder) {
          const client = (tx as unknown as { client?: PgConnection }).client
          if (!client || typeof client.query !== 'function') throw new PrismaAssumptionBroken('A3')
          if (!(client instanceof PipelinedClient)) throw new PrismaAssumptionBroken('A4')
          holder.connection = client
        }
        return tx
      }
      return adapter
    },
  }
  return { factory, pool }
}

/** The transaction's connection as captured, or a loud failure naming the assumption. */
export function capturedConnection(holder: { connection?: PgConnection }): PgConnection {
  if (!holder.connection) throw new PrismaAssumptionBroken('A3')
  return holder.connection
}

/** What COMMIT checks for the transaction on `connection` once it is answered (see PipelinedClient). */
export function checkAtCommit(connection: PgConnection, check: () => Promise<void>): void {
  if (!(connection instanceof PipelinedClient)) throw new PrismaAssumptionBroken('A4')
  connection.beforeCommit = check
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
 * SQLite as a server database: WAL so readers never block the writer, synchronous=FULL so an acknowledged command
 * survives a power cut, a busy timeout so several connections wait instead of failing, and BEGIN IMMEDIATE so a
 * transaction takes the write lock before it reads — two connections can then never deadlock upgrading their locks.
 * The adapter prepares every statement anew; statements are cached here by their SQL (a command's dozen statements
 * cost as much to compile as to run). The connection's handle (A1) is given to `handles` for the raw data path.
 */
export function sqliteAdapterFactory(file: string, handles: SqliteHandle[]): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSqlite3({ url: file, timeout: 10_000 })
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect()
      const db = (adapter as unknown as { client?: BetterSqlite }).client
      if (!db || typeof db.prepare !== 'function' || typeof db.pragma !== 'function') {
        throw new PrismaAssumptionBroken('A1')
      }
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

/**
 * The adapter calls `prepare(sql).bind(args)` and then `run()`, `columns()` or `raw().all()`. A better-sqlite3
 * statement binds only once, so the cache hands out a light view that passes the arguments at run time instead.
 */
function cachedPrepare(prepare: (sql: string) => Statement, inTransaction: () => boolean): (sql: string) => Statement {
  const cache = new Map<string, Statement>()
  let nested = 0
  /**
   * The Store opens SQLite transactions itself (store.ts) and runs Prisma's plain client inside them. The few Prisma
   * operations that wrap themselves in a transaction (an upsert, a nested write) then become savepoints (A2: the
   * statement's whole text is compared, never searched).
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
