import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { DatabaseTarget } from './database-url.ts'
import { PrismaClient as PgClient } from './generated/postgresql/client.ts'
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts'

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
  if (target.provider === 'sqlite') {
    if (target.file !== ':memory:') mkdirSync(dirname(target.file), { recursive: true })
    const client = new SqliteClient({ adapter: sqliteFactory(target.file) })
    await client.$connect()
    return client
  }
  const adapter = new PrismaPg({ connectionTimeoutMillis: 5_000, ...target.pool, max: opts.poolSize ?? 10 })
  const client = new PgClient({ adapter }) as unknown as Db
  await client.$connect()
  return client
}

/**
 * SQLite as a server database: WAL so readers never block the writer, synchronous=FULL so an acknowledged command
 * survives a power cut, a busy timeout so several connections wait instead of failing, and BEGIN IMMEDIATE so a
 * transaction takes the write lock before it reads — two connections can then never deadlock upgrading their locks.
 */
function sqliteFactory(file: string): SqlDriverAdapterFactory {
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
      db.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)
      return adapter
    },
  }
}

interface BetterSqlite {
  pragma(sql: string): unknown
  prepare(sql: string): unknown
}
