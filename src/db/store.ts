import type { Store } from '../app/ports.ts'
import { type Db, type OpenOptions, openClient } from './client.ts'
import { parseDatabaseUrl } from './database-url.ts'
import { isRetryable } from './errors.ts'
import { migrationStatus } from './migrate/index.ts'
import { makeTx } from './tx.ts'

export interface DbStore extends Store {
  provider: 'sqlite' | 'postgresql'
  /** The Prisma client, for db/ code that works outside a use case (outbox worker, sweeps, tests). */
  db: Db
}

export interface StoreOptions extends OpenOptions {
  /** Attempts before a conflicting transaction gives up (it then throws). */
  attempts?: number
  sleep?: (ms: number) => Promise<void>
}

const sleepMs = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export async function openStore(url: string, opts: StoreOptions = {}): Promise<DbStore> {
  const target = parseDatabaseUrl(url)
  const db = await openClient(target, opts)
  const attempts = opts.attempts ?? 20
  const sleep = opts.sleep ?? sleepMs
  let migrated = false
  return {
    provider: target.provider,
    db,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.$transaction((ptx) => work(makeTx(ptx)), { maxWait: 10_000, timeout: 20_000 })
        } catch (e) {
          if (attempt >= attempts || !isRetryable(e)) throw e
          // Jittered backoff so racing transactions don't collide again in lock-step.
          await sleep(Math.random() * Math.min(50, 2 * attempt))
        }
      }
    },
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
