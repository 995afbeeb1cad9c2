import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Conflict } from '../../src/app/ports.ts'
import type { DbStore } from '../../src/db/store.ts'
import { databaseKinds, freshStore } from '../support/databases.ts'

describe.each(databaseKinds())('Store.transaction (%s)', (kind) => {
  let store: DbStore
  beforeEach(async () => {
    store = await freshStore(kind)
  })
  afterEach(() => store.close())

  const claim = (id: string) => store.transaction((tx) => tx.inbound.claim('console', id, new Date()))

  it('runs concurrent transactions to completion, each exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(`e${i}`)))
    expect(results).toEqual(Array(50).fill(true))
    expect(await store.db.inboundEvent.count()).toBe(50)
    if (kind === 'sqlite') expect(store.stats.commits).toBeLessThan(store.stats.transactions) // group commit
  })

  it('keeps one failing transaction from touching the others committed with it', async () => {
    const outcomes = await Promise.allSettled([
      claim('a'),
      store.transaction(async (tx) => {
        await tx.inbound.claim('console', 'doomed', new Date())
        throw new Error('a bug in one command')
      }),
      claim('b'),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const ids = (await store.db.inboundEvent.findMany({ orderBy: { eventId: 'asc' } })).map((e) => e.eventId)
    expect(ids).toEqual(['a', 'b'])
  })

  it('re-runs a transaction that lost a compare-and-set, from the start', async () => {
    let attempts = 0
    const result = await store.transaction(async (tx) => {
      attempts++
      await tx.inbound.claim('console', `try${attempts}`, new Date())
      if (attempts < 3) throw new Conflict('lost a race')
      return 'done'
    })
    expect(result).toBe('done')
    expect(attempts).toBe(3)
    expect((await store.db.inboundEvent.findMany()).map((e) => e.eventId)).toEqual(['try3'])
  })
})
