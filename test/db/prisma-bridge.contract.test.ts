import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from '../../src/db/database-url.ts'
import { PrismaClient as PgClient } from '../../src/db/generated/postgresql/client.ts'
import { checkAtCommit, PRISMA_ASSUMPTIONS, pgAdapterFactory, pgTransaction } from '../../src/db/prisma-bridge.ts'
import { type PgConnection, pgRawSql } from '../../src/db/raw-sql.ts'
import { sql } from '../../src/db/sql.ts'
import { openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'

/**
 * The contract between src/db/prisma-bridge.ts and the Prisma release package.json pins. When a Prisma upgrade breaks
 * one of the bridge's assumptions, the test named after it fails, and says which (A1…A6, see the bridge's header).
 */
const ROOT = join(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
const installed = (name: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version
const assumption = (a: keyof typeof PRISMA_ASSUMPTIONS) => `Prisma assumption ${a} broken: ${PRISMA_ASSUMPTIONS[a]}`

describe('prisma-bridge contract', () => {
  it('every package the bridge relies on is pinned to an exact version, and that version is installed', () => {
    const relied = Object.keys(pkg.dependencies).filter((n) => n.startsWith('@prisma/') || n === 'prisma' || n === 'pg')
    expect(relied.length).toBeGreaterThanOrEqual(5)
    for (const name of relied) {
      const pinned = pkg.dependencies[name] as string
      expect(pinned, `${name} must be pinned exactly (no ^ or ~): the bridge depends on its internals`).toMatch(
        /^\d+\.\d+\.\d+(-[\w.]+)?$/,
      )
      expect(installed(name), `${name}: installed version differs from the pin; npm ci`).toBe(pinned)
    }
  })

  it('A1: adapter-better-sqlite3 keeps its better-sqlite3 Database as `client`', async () => {
    const adapter = await new PrismaBetterSqlite3({ url: ':memory:' }).connect()
    try {
      const client = (adapter as unknown as { client?: Record<string, unknown> }).client
      expect(typeof client?.prepare, assumption('A1')).toBe('function')
      expect(typeof client?.pragma, assumption('A1')).toBe('function')
      expect(typeof client?.inTransaction, assumption('A1')).toBe('boolean')
    } finally {
      await adapter.dispose()
    }
  })

  it('A2: a Prisma write that opens its own transaction inside the store’s SQLite transaction becomes a savepoint', async () => {
    const store = await openStore(await freshDatabaseUrl('sqlite'))
    try {
      const upsert = (userId: string) =>
        store.run((db) =>
          db.identity.upsert({
            where: { platform_userId: { platform: 'console', userId } },
            create: { platform: 'console', userId, staffId: 1, boundAt: new Date() },
            update: {},
          }),
        )
      await expect(upsert('kept'), assumption('A2')).resolves.toBeTruthy()
      await expect(
        store.run(async (db) => {
          await db.identity.upsert({
            where: { platform_userId: { platform: 'console', userId: 'undone' } },
            create: { platform: 'console', userId: 'undone', staffId: 1, boundAt: new Date() },
            update: {},
          })
          throw new Error('undo')
        }),
      ).rejects.toThrow('undo')
      const ids = (await store.db.identity.findMany()).map((i) => i.userId)
      expect(ids, assumption('A2')).toEqual(['kept'])
    } finally {
      await store.close()
    }
  })

  describe.runIf(databaseKinds().includes('postgresql'))('PostgreSQL', () => {
    const client = async () => {
      const target = parseDatabaseUrl(await freshDatabaseUrl('postgresql'))
      if (target.provider !== 'postgresql') throw new Error('not PostgreSQL')
      const { factory } = pgAdapterFactory({ ...target.pool, max: 2 })
      return new PgClient({ adapter: factory })
    }

    it('A3, A4: the captured connection is the Prisma transaction’s own (same transaction id, pipeline mode)', async () => {
      const db = await client()
      try {
        const holder: { connection?: PgConnection } = {}
        const [prismaTx, rawTx] = await pgTransaction.run(holder, () =>
          db.$transaction(async (ptx) => {
            expect(holder.connection, assumption('A3')).toBeDefined()
            const viaPrisma = await ptx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`
            const viaRaw = await pgRawSql(holder.connection as PgConnection).all<{ id: string }>(
              sql`SELECT txid_current()::text AS id`,
            )
            return [viaPrisma[0]?.id, viaRaw[0]?.id]
          }),
        )
        expect(rawTx, assumption('A3')).toBe(prismaTx)
        expect((holder.connection as unknown as { pipeline?: boolean }).pipeline, assumption('A4')).toBe(true)
      } finally {
        await db.$disconnect()
      }
    })

    it('A5: COMMIT reaches the transaction client as text, so what travelled with it is checked once, and a failed deferred statement fails the commit', async () => {
      const db = await client()
      try {
        let checks = 0
        const holder: { connection?: PgConnection } = {}
        await pgTransaction.run(holder, () =>
          db.$transaction(async () => {
            checkAtCommit(holder.connection as PgConnection, async () => {
              checks++
            })
          }),
        )
        expect(checks, assumption('A5')).toBe(1)

        const second: { connection?: PgConnection } = {}
        const failing = pgTransaction.run(second, () =>
          db.$transaction(async (ptx) => {
            const raw = pgRawSql(second.connection as PgConnection)
            checkAtCommit(second.connection as PgConnection, () => raw.flush())
            await ptx.$executeRaw`CREATE TABLE bridge_probe (id int)`
            raw.defer(sql`INSERT INTO no_such_table VALUES (${1})`)
          }),
        )
        await expect(failing, assumption('A5')).rejects.toThrow(/no_such_table|TableDoesNotExist/)
        const left = await db.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'bridge_probe'`
        expect(left[0]?.n, `${assumption('A5')} — the failed transaction was committed`).toBe(0)
      } finally {
        await db.$disconnect()
      }
    })

    it('A6: queries sent in one turn of the event loop leave in one write to the socket, and each text is prepared once', async () => {
      const db = await client()
      try {
        const holder: { connection?: PgConnection } = {}
        const { writes, prepared } = await pgTransaction.run(holder, () =>
          db.$transaction(async () => {
            const connection = holder.connection as PgConnection
            const stream = (connection as unknown as { connection?: { stream?: { _writev?: unknown } } }).connection
              ?.stream as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void } | undefined
            expect(stream && typeof stream._writev, assumption('A6')).toBe('function')
            const s = stream as NonNullable<typeof stream>
            let count = 0
            const [write, writev] = [s._write, s._writev]
            s._write = (...a) => {
              count++
              write.apply(s, a)
            }
            s._writev = (...a) => {
              count++
              writev.apply(s, a)
            }
            const raw = pgRawSql(connection)
            try {
              await new Promise((r) => setImmediate(r)) // whatever Prisma sent before is out
              count = 0
              await Promise.all([1, 2, 3].map((n) => raw.all(sql`SELECT ${n}::int AS n`)))
            } finally {
              s._write = write
              s._writev = writev
            }
            const names = await raw.all<{ name: string }>(sql`SELECT name FROM pg_prepared_statements`)
            return { writes: count, prepared: names.map((r) => r.name) }
          }),
        )
        expect(writes, assumption('A6')).toBe(1)
        // the three selects share one text: one named statement, parsed by the server once
        expect(prepared.filter((n) => n.startsWith('anchang_')).length).toBe(2)
      } finally {
        await db.$disconnect()
      }
    })
  })
})
