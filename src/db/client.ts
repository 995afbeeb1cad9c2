import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { DatabaseTarget } from './database-url.ts'
import { PrismaClient as PgClient } from './generated/postgresql/client.ts'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts'
import { pgAdapterFactory, sqliteAdapterFactory } from './prisma-bridge.ts'
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
    const client = new SqliteClient({ adapter: sqliteAdapterFactory(target.file, handles) })
    await client.$connect()
    await client.$queryRawUnsafe('SELECT 1') // opens the connection now
    return { db: client, sqlite: handles[0] ?? null }
  }
  // A frozen instance must not hold row locks (and so the other instances) for ever: PostgreSQL ends a transaction
  // left idle for 30 s; the instance's Store then fails and retries as after any lost connection.
  const { factory } = pgAdapterFactory({
    connectionTimeoutMillis: 5_000,
    idle_in_transaction_session_timeout: 30_000,
    ...target.pool,
    max: opts.poolSize ?? 10,
  })
  const client = new PgClient({ adapter: factory }) as unknown as Db
  await client.$connect()
  return { db: client, sqlite: null }
}
