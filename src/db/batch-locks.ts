import { Conflict } from '../app/ports.ts'

/**
 * Row locks between the commands of one interleaved batch (store.ts). Commands that share a PostgreSQL transaction
 * never wait for each other's row locks, so a lock row (`lockAgency`, `lockMask`) would order nothing between them.
 * Each command takes its locks here too: one already held by another command of the batch is a Conflict, the batch
 * rolls back and its commands run again one by one, each in its own transaction, where the database orders them.
 */
export interface BatchLocks {
  /** Takes `key` for the calling command until its batch ends; a Conflict if another command holds it. */
  take(key: string): void
}

/** Outside an interleaved batch every lock is the database's own. */
export const DATABASE_LOCKS: BatchLocks = { take: () => {} }

/** One lock table per interleaved group; `member(i)` is the view of its i-th command. */
export function batchLockTable(): { member(index: number): BatchLocks } {
  const held = new Map<string, number>()
  return {
    member: (index) => ({
      take(key) {
        const holder = held.get(key)
        if (holder !== undefined && holder !== index)
          throw new Conflict(`${key} is held by another command of the batch`)
        held.set(key, index)
      },
    }),
  }
}
