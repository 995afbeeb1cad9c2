import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'
import { addAgenciesWithAgents } from '../support/site.ts'

describe.each(databaseKinds())('deposits raced on one unit, settled by the database (%s)', (kind) => {
  it('10 deposits on one unit at once: exactly one hold, one pending deposit, nine refused (R14 不重复封房)', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, agents } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('定金竞赛', 'Asia/Shanghai', now)
      await tx.units.add(
        p.id,
        [{ code: '3-1-1201', areaCm2: 8950, listPriceFen: 168_000_000, floorPriceFen: 160_000_000, basement: false }],
        now,
      )
      const list = (await addAgenciesWithAgents(tx, p.id, 10, now)).map((a, i) => ({
        ...a,
        phone: `1381234${String(5601 + i)}`,
      }))
      return { projectId: p.id, agents: list }
    })
    const results = await race(2, {
      url,
      projectId,
      tasks: agents.map((a) => ({ op: 'deposit', ...a, unitCode: '3-1-1201' })),
    })
    expect(results.filter((r) => r.code === 'thrown')).toEqual([])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => r.code === 'unit.not-available')).toHaveLength(9)

    const deposits = await store.db.deposit.findMany()
    expect(deposits.map((d) => d.status)).toEqual(['pending'])
    const unit = await store.db.unit.findFirstOrThrow()
    expect(unit.status).toBe('held')
    expect(unit.depositId).toBe(deposits[0]?.id)
    expect(unit.version).toBe(1)
    const winner = results.find((r) => r.ok)?.detail as { customer: { phone: string }; depositCode: string }
    // only the winner's customer exists and is locked to the deal; the refused ones changed nothing
    const customers = await store.db.customer.findMany()
    expect(customers.map((c) => [c.phone, c.dealCode])).toEqual([[winner.customer.phone, winner.depositCode]])
    expect(await store.db.auditEntry.count({ where: { action: 'deposit.request' } })).toBe(1)
    await store.close()
  })
})
