import type { Store, TransactionOptions, Tx } from '../app/ports.ts'
import { type BatchLocks, batchLockTable, DATABASE_LOCKS } from './batch-locks.ts'
import { type Db, type DbTx, type OpenOptions, openConnection } from './client.ts'
import { parseDatabaseUrl } from './database-url.ts'
import { isRetryable } from './errors.ts'
import { migrationNames } from './migrate/index.ts'
import { capturedConnection, checkAtCommit, pgTransaction } from './prisma-bridge.ts'
import { type PgConnection, pgRawSql, type RawSql, type SqliteHandle, sqliteRawSql } from './raw-sql.ts'
import { type AuditSession, newAuditSession, sealAudit } from './repos/audit.ts'
import { keyAuditChains } from './repos/audit-keying.ts'
import { makeTx } from './tx.ts'

export interface DbStore extends Store {
  provider: 'sqlite' | 'postgresql'
  /** The Prisma client, for tests and scripts. Server code goes through `run` or `transaction`. */
  db: Db
  /**
   * Runs repository work in its own transaction (on SQLite: in turn with every other transaction), given both the
   * Prisma transaction client and the raw statements on its connection.
   */
  run<T>(work: (db: DbTx, sql: RawSql) => Promise<T>): Promise<T>
  /** Transactions asked for and database commits made (group commit makes the second smaller). */
  stats: { transactions: number; commits: number }
}

export interface StoreOptions extends OpenOptions {
  /** Attempts before a conflicting transaction gives up (it then throws). */
  attempts?: number
  sleep?: (ms: number) => Promise<void>
  /** Most transactions committed together (default 64; 1 turns group commit off). */
  maxBatch?: number
  /**
   * Batches in flight at once, each on its own connection: 1 on SQLite (one connection); on PostgreSQL several, since
   * a batch mostly waits for round trips and the chain's lock is held only while a batch seals (default 2: measured
   * best on 2 cores, where more lanes only add loopback traffic).
   */
  lanes?: number
  /**
   * The audit chain's HMAC key (ANCHANG_AUDIT_KEY). Given, every chain is keyed from its next entry on and a chain
   * keyed with another key refuses the store (repos/audit.ts keyAuditChains); absent, entries are chained unkeyed and
   * a keyed chain refuses to take more (tests and tools that only read).
   */
  auditKey?: string
}

/**
 * What runs inside one database transaction: the Prisma transaction client, the hot path's statements, and the
 * transaction's audit entries waiting to be chained.
 */
type Work<T> = (db: DbTx, sql: RawSql, audit: AuditSession, locks: BatchLocks) => Promise<T>

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 }

export async function openStore(url: string, opts: StoreOptions = {}): Promise<DbStore> {
  const target = parseDatabaseUrl(url)
  const { db, sqlite } = await openConnection(target, opts)
  const sqliteSql = sqlite ? sqliteRawSql(sqlite) : null
  const attempts = opts.attempts ?? 20
  const sleep = opts.sleep ?? sleepMs
  let migrated = false
  const stats = { transactions: 0, commits: 0 }
  const auditKey = opts.auditKey ?? null

  /**
   * One database transaction; the hot statements run on its own connection (see raw-sql.ts), and its audit entries
   * are chained as its last step, so the chain's lock is held only from there to COMMIT.
   */
  function transact<T>(work: Work<T>, lone = false): Promise<T> {
    stats.commits++
    const sealed = async (ptx: DbTx, sql: RawSql) => {
      const audit = newAuditSession(auditKey, lone)
      const result = await work(ptx, sql, audit, DATABASE_LOCKS)
      await sealAudit(sql, audit)
      // Statements nobody waited for travel with COMMIT (PostgreSQL: checked there, prisma-bridge.ts); a
      // compare-and-set among them is checked first, since a lost one leaves the transaction committable.
      if (sql.mustFlush()) await sql.flush()
      return result
    }
    if (sqlite && sqliteSql) return sqliteTransaction(sqlite, () => sealed(db, sqliteSql))
    const holder: { connection?: PgConnection } = {}
    return pgTransaction.run(holder, () =>
      db.$transaction((ptx) => {
        const connection = capturedConnection(holder)
        const sql = pgRawSql(connection)
        checkAtCommit(connection, () => sql.flush())
        return sealed(ptx, sql)
      }, TX_OPTIONS),
    )
  }

  /** One transaction, re-run from the start on a conflict (PostgreSQL: each on its own pooled connection). */
  async function single<T>(work: Work<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transact(work, true)
      } catch (e) {
        if (attempt >= attempts || !isRetryable(e)) throw e
        // Jittered backoff so racing transactions don't collide again in lock-step.
        await sleep(Math.random() * Math.min(50, 2 * attempt))
      }
    }
  }

  const maxBatch = opts.maxBatch ?? 64
  const lanes = target.provider === 'sqlite' ? 1 : (opts.lanes ?? 2)
  // Interleaving needs a connection that pipelines; SQLite's statements run one at a time whatever is asked.
  const interleaves = target.provider === 'postgresql'
  const runner = maxBatch > 1 ? groupCommit(transact, single, maxBatch, lanes, interleaves) : single
  const run = <T>(work: Work<T>, how?: TransactionOptions): Promise<T> => {
    stats.transactions++
    return runner(work, how?.interleave === true)
  }
  if (auditKey !== null) {
    try {
      await run((ptx) => keyAuditChains(ptx, auditKey))
    } catch (e) {
      await db.$disconnect()
      throw e
    }
  }
  return {
    provider: target.provider,
    db,
    run: (work) => run((ptx, sql) => work(ptx, sql)),
    stats,
    transaction: <T>(work: (tx: Tx) => Promise<T>, how?: TransactionOptions) =>
      run((ptx, sql, audit, locks) => work(makeTx(ptx, sql, audit, locks)), how),
    async ready() {
      try {
        await db.$queryRawUnsafe('SELECT 1')
        migrated ||= await everyMigrationApplied(db, target.provider)
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

/**
 * SQLite: BEGIN and COMMIT straight on the one connection, and Prisma's plain client inside — its queries run on
 * that same connection, so they are part of the transaction. Prisma's interactive transactions cost more than the
 * work of a small command; everything reaches the connection through the group-commit queue, so nothing else can
 * slip in between.
 */
async function sqliteTransaction<T>(handle: SqliteHandle, work: () => Promise<T>): Promise<T> {
  handle.exec('BEGIN IMMEDIATE')
  try {
    const result = await work()
    handle.exec('COMMIT')
    return result
  } catch (e) {
    try {
      handle.exec('ROLLBACK')
    } catch {
      // SQLite may have rolled back already (a full disk, an interrupted statement): the original error is the news
    }
    throw e
  }
}

interface Pending {
  work: Work<unknown>
  interleave: boolean
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Group commit. With synchronous=FULL every commit waits for an fsync, and on SQLite one connection runs one
 * transaction at a time anyway; so the transactions that queue up while one batch runs are run together, one after
 * the other, inside the next single database transaction, and answered only after its COMMIT — every acknowledged
 * change is still on disk, at one fsync per batch. If anything in a batch fails, the batch is rolled back and its
 * members run again one by one, so one member's failure never touches another's outcome. On SQLite every access to
 * the database goes through here: a statement issued on the shared connection while a transaction is open would
 * otherwise join it.
 *
 * On PostgreSQL, consecutive members that may interleave (TransactionOptions) run at once: their statements share
 * the connection's round trips instead of waiting one member's after another's. They are concurrent requests, and
 * the database settles them as it settles concurrent transactions — a lost compare-and-set or a unique index fails
 * the batch, which then runs its members one by one; the only thing a shared transaction does not give them, row
 * locks between each other, the batch's lock table gives (batch-locks.ts).
 */
function groupCommit(
  transact: <T>(work: Work<T>) => Promise<T>,
  single: <T>(work: Work<T>) => Promise<T>,
  maxBatch: number,
  lanes: number,
  interleaves: boolean,
) {
  const queue: Pending[] = []
  let running = 0
  let scheduled = false

  async function drain() {
    while (queue.length > 0) {
      // share what is queued among the free lanes rather than giving it all to the first
      const size = Math.min(maxBatch, Math.max(1, Math.ceil(queue.length / (lanes - running + 1))))
      const batch = queue.splice(0, size)
      if (batch.length === 1) {
        const p = batch[0] as Pending
        await single(p.work).then(p.resolve, p.reject)
        continue
      }
      let results: unknown[] | null = null
      try {
        results = await transact((ptx, sql, audit) =>
          runMembers(batch, interleaves, (p, locks) => p.work(ptx, sql, audit, locks)),
        )
      } catch {
        results = null
      }
      if (results) for (const [i, p] of batch.entries()) p.resolve(results[i])
      else for (const p of batch) await single(p.work).then(p.resolve, p.reject)
    }
  }

  function start() {
    scheduled = false
    while (running < lanes && queue.length > 0) {
      running++
      void drain().finally(() => {
        running--
        if (queue.length > 0 && !scheduled) {
          scheduled = true
          setImmediate(start)
        }
      })
    }
  }

  return <T>(work: Work<T>, interleave: boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work: work as Work<unknown>, interleave, resolve: resolve as (v: unknown) => void, reject })
      if (running < lanes && !scheduled) {
        scheduled = true
        // better-sqlite3 never yields to I/O inside a transaction: start the batch on the next turn of the event
        // loop, so every request already read from the network has queued its transaction by then.
        setImmediate(start)
      }
    })
}

/**
 * A batch's members in their order, each run of consecutive interleaving members at once. A member that fails fails
 * the batch only once every member has finished: none may still be sending statements when the batch rolls back.
 */
async function runMembers(
  batch: Pending[],
  interleaves: boolean,
  work: (p: Pending, locks: BatchLocks) => Promise<unknown>,
): Promise<unknown[]> {
  const out: unknown[] = []
  for (let i = 0; i < batch.length; ) {
    let end = i + 1
    if (interleaves && batch[i]?.interleave) while (end < batch.length && batch[end]?.interleave) end++
    const run = batch.slice(i, end)
    if (run.length === 1) out.push(await work(run[0] as Pending, DATABASE_LOCKS))
    else {
      const locks = batchLockTable()
      const settled = await Promise.allSettled(run.map((p, k) => work(p, locks.member(k))))
      for (const r of settled) if (r.status === 'rejected') throw r.reason
      for (const r of settled) out.push((r as PromiseFulfilledResult<unknown>).value)
    }
    i = end
  }
  return out
}

/** Every migration of the folder is recorded as finished in _prisma_migrations (read directly: no schema engine). */
async function everyMigrationApplied(db: Db, provider: 'sqlite' | 'postgresql'): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  const applied = new Set(rows.map((r) => r.migration_name))
  return migrationNames(provider).every((name) => applied.has(name))
}
