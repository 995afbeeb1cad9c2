import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import pg from 'pg'
import type { DatabaseTarget } from '../database-url.ts'

/**
 * Driver-adapter factories for the schema engine, with the workarounds TOOLCHAIN.md measured. Each factory remembers
 * what it opened so `close()` can release it: an SQLite file stays locked, and a PostgreSQL pool keeps the process
 * alive, until then.
 */
export interface MigrationFactory extends SqlMigrationAwareDriverAdapterFactory {
  close(): Promise<void>
}

export function migrationFactory(target: DatabaseTarget): MigrationFactory {
  return target.provider === 'sqlite' ? sqliteFactory(target.file) : postgresFactory(target.pool)
}

function sqliteFactory(file: string): MigrationFactory {
  const opened: SqlDriverAdapter[] = []
  const track = (a: SqlDriverAdapter) => {
    const wrapped = sqliteScripts(a)
    opened.push(a)
    return wrapped
  }
  return {
    provider: 'sqlite',
    adapterName: '@prisma/adapter-better-sqlite3',
    connect: async () => track(await new PrismaBetterSqlite3({ url: file, timeout: 10_000 }).connect()),
    connectToShadowDb: async () => track(await new PrismaBetterSqlite3({ url: ':memory:' }).connect()),
    async close() {
      for (const a of opened.splice(0)) await a.dispose()
    },
  }
}

/** The engine sends multi-statement scripts through executeRaw, which better-sqlite3 refuses; run those as scripts. */
function sqliteScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeRaw') {
        return async (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => {
          if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
            await target.executeScript(query.sql)
            return 0
          }
          return target.executeRaw(query)
        }
      }
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

const hasSeveralStatements = (sql: string) => sql.trim().replace(/;\s*$/, '').includes(';')

function postgresFactory(config: pg.PoolConfig & { database: string }): MigrationFactory {
  const pools: pg.Pool[] = []
  const shadows: { pool: pg.Pool; name: string }[] = []
  const connectTo = async (database: string) => {
    const pool = charAsText(new pg.Pool({ ...config, database, max: 2 }))
    pools.push(pool)
    return scriptAsOneQuery(await new PrismaPg(pool).connect(), pool)
  }
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connectTo(config.database),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll('-', '')}`
      await adminQuery(config, `CREATE DATABASE "${name}"`)
      const adapter = await connectTo(name)
      shadows.push({ pool: pools[pools.length - 1] as pg.Pool, name })
      return adapter
    },
    async close() {
      // End every pool first: dropping a database that a pool still holds fails with "being accessed by other users".
      await Promise.all(pools.splice(0).map((p) => p.end().catch(() => {})))
      for (const s of shadows.splice(0)) await adminQuery(config, `DROP DATABASE IF EXISTS "${s.name}"`)
    },
  }
}

async function adminQuery(config: pg.PoolConfig & { database: string }, sql: string) {
  const client = new pg.Client({ ...config })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** adapter-pg cannot decode the catalog's `"char"` columns (OID 18); they are one-byte text. */
function charAsText(pool: pg.Pool): pg.Pool {
  const fix = (r: pg.QueryResult | undefined) => {
    for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25
    return r
  }
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown
    ;(client as { query: unknown }).query = (...args: unknown[]) => {
      const last = args.length - 1
      const callback = args[last]
      if (typeof callback === 'function') {
        args[last] = (err: Error | null, r: pg.QueryResult) => callback(err, fix(r))
        return query(...args)
      }
      const result = query(...args)
      return result instanceof Promise ? result.then(fix) : result
    }
  })
  return pool
}

/** adapter-pg's executeScript splits on every `;`, breaking strings and `$$` bodies; send the script whole. */
function scriptAsOneQuery(adapter: SqlDriverAdapter, pool: pg.Pool): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === 'executeScript') return async (script: string) => void (await pool.query(script))
      if (prop === 'dispose') return async () => {} // pools are ended by close()
      const value = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
