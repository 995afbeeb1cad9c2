import type { Store, Tx } from '../app/ports.ts'
import { type Db, type DbTx, type OpenOptions, openConnection } from './client.ts'
import { parseDatabaseUrl } from './database-url.ts'
import { isRetryable } from './errors.ts'
import { migrationStatus } from './migrate/index.ts'
import { prismaRawSql, sqliteRawSql } from './raw-sql.ts'
import { makeTx } from './tx.ts'

export interface DbStore extends Store {
  provider: 'sqlite' | 'postgresql'
  /** The Prisma client, for tests and scripts. Server code goes through `run` or `transaction`. */
  db: Db
  /** Runs raw repository work in its own transaction (on SQLite: in turn with every other transaction). */
  run<T>(work: (db: DbTx) => Promise<T>): Promise<T>
  /** Transactions asked for and database commits made (SQLite group commit makes the second smaller). */
  stats: { transactions: number; commits: number }
}

export interface StoreOptions extends OpenOptions {
  /** Attempts before a conflicting transaction gives up (it then throws). */
  attempts?: number
  sleep?: (ms: number) => Promise<void>
  /** SQLite: most transactions committed together by one fsync (default 64; 1 turns group commit off). */
  maxBatch?: number
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 }

export async function openStore(url: string, opts: StoreOptions = {}): Promise<DbStore> {
  const target = parseDatabaseUrl(url)
  const { db, sqlite } = await openConnection(target, opts)
  const fast = sqlite ? sqliteRawSql(sqlite) : null
  const attempts = opts.attempts ?? 20
  const sleep = opts.sleep ?? sleepMs
  let migrated = false
  const stats = { transactions: 0, commits: 0 }

  /** One transaction, re-run from the start on a conflict (PostgreSQL: each on its own pooled connection). */
  async function single<T>(work: (db: DbTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        stats.commits++
        return await db.$transaction((ptx) => work(ptx), TX_OPTIONS)
      } catch (e) {
        if (attempt >= attempts || !isRetryable(e)) throw e
        // Jittered backoff so racing transactions don't collide again in lock-step.
        await sleep(Math.random() * Math.min(50, 2 * attempt))
      }
    }
  }

  const runner = target.provider === 'sqlite' ? groupCommit(db, single, opts.maxBatch ?? 64, stats) : single
  const run = <T>(work: (db: DbTx) => Promise<T>): Promise<T> => {
    stats.transactions++
    return runner(work)
  }
  return {
    provider: target.provider,
    db,
    run,
    stats,
    transaction: <T>(work: (tx: Tx) => Promise<T>) =>
      run((ptx) => work(makeTx(ptx, fast ?? prismaRawSql(ptx, target.provider)))),
    async ready() {
      try {
        await db.$queryRawUnsafe('SELECT 1')
        if (!migrated) migrated = (await migrationStatus(url)).applied
        return migrated
      } catch {
        return false
      }
    },
    async close() {
      await db.$disconnect()
    },
  }
}

interface Pending {
  work: (db: DbTx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for SQLite. One connection runs one transaction at a time anyway, and with synchronous=FULL every
 * commit waits for an fsync; so the transactions that queue up while one batch runs are run together, one after the
 * other, inside the next single database transaction, and answered only after its COMMIT — every acknowledged change
 * is still on disk, at one fsync per batch. If anything in a batch fails, the batch is rolled back and its members
 * run again one by one, so one member's failure never touches another's outcome. Every access to the database goes
 * through here: a statement issued on the shared connection while a transaction is open would otherwise join it.
 */
function groupCommit(
  db: Db,
  single: <T>(work: (db: DbTx) => Promise<T>) => Promise<T>,
  maxBatch: number,
  stats: { commits: number },
) {
  const queue: Pending[] = []
  let running = false

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch)
      if (batch.length === 1) {
        const p = batch[0] as Pending
        await single(p.work).then(p.resolve, p.reject)
        continue
      }
      let results: unknown[] | null = null
      try {
        stats.commits++
        results = await db.$transaction(async (ptx) => {
          const out: unknown[] = []
          for (const p of batch) out.push(await p.work(ptx))
          return out
        }, TX_OPTIONS)
      } catch {
        results = null
      }
      if (results) for (const [i, p] of batch.entries()) p.resolve(results[i])
      else for (const p of batch) await single(p.work).then(p.resolve, p.reject)
    }
    running = false
  }

  return <T>(work: (db: DbTx) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject })
      if (!running) {
        running = true
        // better-sqlite3 never yields to I/O inside a transaction: start the batch on the next turn of the event
        // loop, so every request already read from the network has queued its transaction by then.
        setImmediate(() => void drain())
      }
    })
}
