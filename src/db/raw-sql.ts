import pg from 'pg'
import type { DbTx, PgConnection } from './client.ts'
import type { SqliteHandle, SqliteStatement } from './sqlite-handle.ts'

export type { SqliteHandle } from './sqlite-handle.ts'

const pgTypes = pg.types

/**
 * The hot path's statements (every command runs about ten) are written once, with `?` placeholders, against this
 * interface. On PostgreSQL they go through Prisma's raw queries. On SQLite they run straight on the connection's
 * better-sqlite3 handle — inside the transaction Prisma has open on that same connection, so they commit or roll
 * back with it — because Prisma's request pipeline costs several times what SQLite needs to run them.
 */
export interface RawSql {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>
  run(sql: string, ...params: unknown[]): Promise<number>
}

/** Values as read: SQLite gives text for DateTime columns and may give bigint for integers; PostgreSQL gives Date. */
export const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
export const asDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : asDate(v))
export const asInt = (v: unknown): number => Number(v)
export const asIntOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

export function prismaRawSql(db: DbTx, provider: 'sqlite' | 'postgresql'): RawSql {
  const positional = (sql: string) => {
    if (provider === 'sqlite') return sql
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  return {
    all: (sql, ...params) => db.$queryRawUnsafe(positional(sql), ...params),
    run: (sql, ...params) => db.$executeRawUnsafe(positional(sql), ...params),
  }
}

/** Dates are written exactly as Prisma's SQLite adapter writes them, so text comparisons in SQL keep working. */
const toSqlite = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? (v ? 1 : 0) : v

export function sqliteRawSql(handle: SqliteHandle): RawSql {
  const statements = new Map<string, SqliteStatement>()
  const prepared = (sql: string) => {
    let s = statements.get(sql)
    if (!s) {
      s = handle.prepare(sql)
      if (s.reader) s.safeIntegers(false)
      statements.set(sql, s)
    }
    return s
  }
  return {
    all: async <T>(sql: string, ...params: unknown[]) => prepared(sql).all(...params.map(toSqlite)) as T[],
    run: async (sql, ...params) => prepared(sql).run(...params.map(toSqlite)).changes,
  }
}

/**
 * PostgreSQL straight on the transaction's pooled connection (client.ts captures it). Timestamps are stored as UTC
 * wall time in `timestamp(3)` columns, as Prisma stores them: written without a zone, read back as UTC.
 */
export function pgRawSql(connection: PgConnection): RawSql {
  const positional = (sql: string) => {
    let n = 0
    return sql.replace(/\?/g, () => `$${++n}`)
  }
  const toPg = (v: unknown): unknown => (v instanceof Date ? v.toISOString().slice(0, 23) : v)
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === TIMESTAMP_OID
        ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
        : pgTypes.getTypeParser(oid, format as 'text'),
  }
  return {
    all: async <T>(sql: string, ...params: unknown[]) =>
      (await connection.query({ text: positional(sql), values: params.map(toPg), types })).rows as T[],
    run: async (sql, ...params) =>
      (await connection.query({ text: positional(sql), values: params.map(toPg), types })).rowCount ?? 0,
  }
}

const TIMESTAMP_OID = 1114
