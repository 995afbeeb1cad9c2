import { createHash } from 'node:crypto'
import pg from 'pg'
import type { LeaderLock } from '../app/ports.ts'
import { parseDatabaseUrl } from './database-url.ts'

/** First key of every leader lock ("anch"), in the two-key space: never equal to the migration lock's one key. */
const NAMESPACE = 0x616e6368

export interface LeaderLockOptions {
  /** How long a leader's dead machine may keep its session before PostgreSQL notices (TCP keepalives); 25 s. */
  keepaliveIdleSeconds?: number
  /** A check or a take that hangs longer than this counts as lost. */
  queryTimeoutMs?: number
}

/**
 * The leader lock named `name` on the database of `url`. PostgreSQL: `pg_try_advisory_lock` on a dedicated
 * connection, never a pooled one (a pooled connection goes back to the pool and takes the lock with it to whoever
 * borrows it next). The lock lives as long as that session: a leader that dies, or whose machine drops off the
 * network, loses it when PostgreSQL closes the session — at once for a dead process, within about 25 s for a dead
 * machine (server-side TCP keepalives set on the session). SQLite: one instance, always the leader.
 */
export function leaderLock(url: string, name: string, opts: LeaderLockOptions = {}): LeaderLock {
  const target = parseDatabaseUrl(url)
  if (target.provider === 'sqlite') return alwaysLeader
  const key = createHash('sha256').update(name).digest().readInt32BE(0)
  const idle = opts.keepaliveIdleSeconds ?? 10
  const queryTimeout = opts.queryTimeoutMs ?? 10_000
  let client: pg.Client | null = null
  let holding = false

  const drop = () => {
    holding = false
    const c = client
    client = null
    c?.end().catch(() => {})
  }

  return {
    async tryAcquire() {
      if (holding && client) return true
      try {
        if (!client) {
          const c = new pg.Client({
            ...target.pool,
            keepAlive: true,
            query_timeout: queryTimeout,
            application_name: `anchang-leader:${name}`,
          })
          // A connection error (the server went away) is a lost lock, never an unhandled error.
          c.on('error', drop)
          c.on('end', () => {
            if (client === c) drop()
          })
          client = c
          await c.connect()
          await c.query(
            `SET tcp_keepalives_idle = ${idle}; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`,
          )
        }
        const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [NAMESPACE, key])
        holding = r.rows[0]?.ok === true
        return holding
      } catch {
        drop()
        return false
      }
    },
    async held() {
      if (!holding || !client) return false
      try {
        // The lock is the session's: if the session answers, the lock is still ours.
        await client.query('SELECT 1')
        return holding
      } catch {
        drop()
        return false
      }
    },
    async release() {
      const c = client
      if (c && holding) await c.query('SELECT pg_advisory_unlock($1, $2)', [NAMESPACE, key]).catch(() => {})
      client = null
      holding = false
      await c?.end().catch(() => {})
    },
  }
}

const alwaysLeader: LeaderLock = {
  tryAcquire: async () => true,
  held: async () => true,
  release: async () => {},
}
