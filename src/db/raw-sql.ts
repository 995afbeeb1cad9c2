import type { DbTx } from './client.ts'

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

/** The parts of a better-sqlite3 handle used here. */
export interface SqliteHandle {
  prepare(sql: string): SqliteStatement
}
interface SqliteStatement {
  reader: boolean
  safeIntegers(on: boolean): SqliteStatement
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): { changes: number }
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
