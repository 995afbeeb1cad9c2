import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { LeaderLock } from '../../src/app/ports.ts'
import { leaderLock } from '../../src/db/leader-lock.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'

const opened: LeaderLock[] = []
const lock = (url: string, name: string) => {
  const l = leaderLock(url, name)
  opened.push(l)
  return l
}
afterEach(async () => {
  for (const l of opened.splice(0)) await l.release()
})

describe('leader lock on SQLite', () => {
  it('always leads: one instance serves a SQLite file', async () => {
    const url = await freshDatabaseUrl('sqlite')
    const a = lock(url, 'telegram-polling')
    const b = lock(url, 'telegram-polling')
    expect([await a.tryAcquire(), await b.tryAcquire(), await a.held()]).toEqual([true, true, true])
  })
})

describe.skipIf(!databaseKinds().includes('postgresql'))('leader lock on PostgreSQL', () => {
  it('lets one of two instances lead; the other takes over when the first releases', async () => {
    const url = await freshDatabaseUrl('postgresql')
    const a = lock(url, 'telegram-polling')
    const b = lock(url, 'telegram-polling')
    expect(await a.tryAcquire()).toBe(true)
    expect(await b.tryAcquire()).toBe(false)
    expect(await a.tryAcquire()).toBe(true) // asking again while holding keeps it
    expect(await b.tryAcquire()).toBe(false)
    expect([await a.held(), await b.held()]).toEqual([true, false])
    await a.release()
    expect(await a.held()).toBe(false)
    expect(await b.tryAcquire()).toBe(true)
    expect(await a.tryAcquire()).toBe(false)
  })

  it('keeps locks of different names apart, and apart from the migration lock', async () => {
    const url = await freshDatabaseUrl('postgresql')
    const migrator = new pg.Client({ connectionString: url })
    await migrator.connect()
    try {
      await migrator.query('SELECT pg_advisory_lock($1)', [0x616e6368])
      const telegram = lock(url, 'telegram-polling')
      const wecom = lock(url, 'wecom-connection')
      expect(await telegram.tryAcquire()).toBe(true)
      expect(await wecom.tryAcquire()).toBe(true)
      expect(await lock(url, 'wecom-connection').tryAcquire()).toBe(false)
    } finally {
      await migrator.end()
    }
  })

  it('holds the lock on a session of its own, never a pooled one: losing that session loses the lock', async () => {
    const url = await freshDatabaseUrl('postgresql')
    const a = lock(url, 'wecom-connection')
    const b = lock(url, 'wecom-connection')
    expect(await a.tryAcquire()).toBe(true)
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const sessions = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'anchang-leader:wecom-connection' AND datname = current_database()",
      )
      expect(sessions.rows).toHaveLength(1) // b has not connected a session that holds anything
      // A DBA ends the session (or the server restarts): the holder must notice, and the standby takes over.
      await admin.query('SELECT pg_terminate_backend($1)', [sessions.rows[0]?.pid])
    } finally {
      await admin.end()
    }
    expect(await a.held()).toBe(false)
    expect(await b.tryAcquire()).toBe(true)
    expect(await a.tryAcquire()).toBe(false)
  })

  it('reports a database it cannot reach as not leading, without throwing', async () => {
    const a = lock('postgresql://postgres@127.0.0.1:1/nowhere', 'telegram-polling')
    expect(await a.tryAcquire()).toBe(false)
    expect(await a.held()).toBe(false)
  })
})
