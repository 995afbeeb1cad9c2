// Its own module so the Prisma client (which opens the handles) and the raw-SQL runner (which uses them) need not
// import each other.

/** The parts of a better-sqlite3 handle used here. */
export interface SqliteHandle {
  prepare(sql: string): SqliteStatement
  /** Runs a statement that takes no parameters (BEGIN, COMMIT, ROLLBACK). */
  exec(sql: string): void
}
export interface SqliteStatement {
  reader: boolean
  safeIntegers(on: boolean): SqliteStatement
  all(...params: unknown[]): unknown[]
  run(...params: unknown[]): { changes: number }
}
