import pg from 'pg'
import { Conflict } from '../app/ports.ts'
import { forPg, forSqlite, type Sql } from './sql.ts'
import type { SqliteHandle, SqliteStatement } from './sqlite-handle.ts'

export type { SqliteHandle } from './sqlite-handle.ts'

const pgTypes = pg.types

/**
 * The raw data path (hot repositories, see each file's header): statements written once as `sql` tagged templates
 * (sql.ts) and run straight on the transaction's own connection, so they commit or roll back with it. Prisma's
 * request pipeline costs several times what these statements need; on PostgreSQL the connection is in pipeline
 * mode, so statements nobody waits for (`defer`) travel with the next one that is waited for.
 */
export interface RawSql {
  provider: 'sqlite' | 'postgresql'
  all<T = Record<string, unknown>>(q: Sql): Promise<T[]>
  run(q: Sql): Promise<number>
  /**
   * A write whose result the command does not need. SQLite runs it at once; PostgreSQL sends it now and checks it
   * when the next statement is answered (or at `flush`). `expect`: the rows it must change, else a Conflict (the
   * transaction re-runs), named by `what`.
   */
  defer(q: Sql, expect?: { rows: number; what: string }): void
  /** Every deferred statement answered and checked (at COMMIT, or before it: `mustFlush`). */
  flush(): Promise<void>
  /** A deferred statement has an expectation: a miss would not abort the transaction, so check before COMMIT. */
  mustFlush(): boolean
}

/** Values as read: SQLite gives text for DateTime columns and may give bigint for integers; PostgreSQL gives Date. */
export const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
export const asDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : asDate(v))
export const asInt = (v: unknown): number => Number(v)
export const asIntOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** Dates are written exactly as Prisma's SQLite adapter writes them, so text comparisons in SQL keep working. */
const toSqlite = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? (v ? 1 : 0) : v

const checked = (changed: number, expect?: { rows: number; what: string }) => {
  if (expect && changed !== expect.rows) throw new Conflict(`${expect.what} changed concurrently`)
  return changed
}

export function sqliteRawSql(handle: SqliteHandle): RawSql {
  const statements = new Map<string, SqliteStatement>()
  const prepared = (text: string) => {
    let s = statements.get(text)
    if (!s) {
      s = handle.prepare(text)
      if (s.reader) s.safeIntegers(false)
      statements.set(text, s)
    }
    return s
  }
  const run = (q: Sql) => {
    const { text, values } = forSqlite(q)
    return prepared(text).run(...values.map(toSqlite)).changes
  }
  return {
    provider: 'sqlite',
    all: async <T>(q: Sql) => {
      const { text, values } = forSqlite(q)
      return prepared(text).all(...values.map(toSqlite)) as T[]
    },
    run: async (q) => run(q),
    defer: (q, expect) => void checked(run(q), expect),
    flush: async () => {},
    mustFlush: () => false,
  }
}

/** The connection a PostgreSQL transaction runs on (prisma-bridge.ts hands it over). */
export interface PgConnection {
  query(config: {
    text: string
    values: unknown[]
    name?: string
    types?: unknown
  }): Promise<{ rows: unknown[]; rowCount: number | null }>
}

/**
 * Every statement text gets one name for the life of the process, so PostgreSQL parses and plans it once per
 * connection (pg prepares a named statement on first use and remembers it per connection) instead of on every run.
 * The hot path's texts are a fixed set written in the repositories; the cap only guards a text built from data.
 */
const statementNames = new Map<string, string>()
const MAX_NAMED = 2_000
function statementName(text: string): string | undefined {
  let name = statementNames.get(text)
  if (name === undefined && statementNames.size < MAX_NAMED) {
    name = `anchang_${statementNames.size + 1}`
    statementNames.set(text, name)
  }
  return name
}

/**
 * PostgreSQL straight on the transaction's pooled connection. Timestamps are stored as UTC wall time in
 * `timestamp(3)` columns, as Prisma stores them: written without a zone, read back as UTC. A deferred statement that
 * failed aborts the transaction, so every later statement fails too: the first failure is the one reported.
 */
export function pgRawSql(connection: PgConnection): RawSql {
  const toPg = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 23) : v)
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === TIMESTAMP_OID
        ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
        : pgTypes.getTypeParser(oid, format as 'text'),
  }
  let pending: Promise<unknown>[] = []
  let expecting = false
  let failure: unknown = null
  const send = (q: Sql) => {
    const { text, values } = forPg(q)
    const name = statementName(text)
    return connection.query({ text, values: values.map(toPg), types, ...(name ? { name } : {}) })
  }
  const waited = async <T>(q: Sql, pick: (r: { rows: unknown[]; rowCount: number | null }) => T): Promise<T> => {
    try {
      const r = await send(q)
      if (failure) throw failure
      return pick(r)
    } catch (e) {
      throw failure ?? e
    }
  }
  return {
    provider: 'postgresql',
    all: <T>(q: Sql) => waited(q, (r) => r.rows as T[]),
    run: (q) => waited(q, (r) => r.rowCount ?? 0),
    defer(q, expect) {
      if (expect) expecting = true
      pending.push(
        send(q).then(
          (r) => {
            try {
              checked(r.rowCount ?? 0, expect)
            } catch (e) {
              failure ??= e
            }
          },
          (e) => {
            failure ??= e
          },
        ),
      )
    },
    async flush() {
      const all = pending
      pending = []
      expecting = false
      await Promise.all(all)
      if (failure) throw failure
    },
    mustFlush: () => expecting,
  }
}

const TIMESTAMP_OID = 1114
