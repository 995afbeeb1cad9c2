import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { addMonths, localMonthOf } from '../../src/domain/calendar.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'
import { addAgenciesWithAgents } from '../support/site.ts'

describe.each(databaseKinds())('结佣 race settled by the database (%s)', (kind) => {
  it('two payments at once that together exceed the statement: one is recorded, the other refused', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const tz = 'Asia/Shanghai'
    const month = addMonths(localMonthOf(now, tz), -1)
    const { projectId, agency } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('结佣', tz, new Date(now.getTime() - 90 * 86_400_000))
      const [a] = await addAgenciesWithAgents(tx, p.id, 1, new Date(now.getTime() - 90 * 86_400_000))
      return { projectId: p.id, agency: a as { agencyId: number; staffId: number } }
    })
    // last month: 1,200,000 signed at 1.5% → ¥18,000.00 payable
    const signedAt = new Date(`${month}-15T03:00:00.000Z`)
    await store.db.contract.create({
      data: {
        projectId,
        subscriptionId: 1,
        unitId: 1,
        customerId: 1,
        agencyId: agency.agencyId,
        priceFen: 120_000_000n,
        basement: false,
        signedBy: 1,
        signedAt,
        localMonth: month,
      },
    })
    const pay = { op: 'pay' as const, staffId: agency.staffId, agencyName: '分销1', month, amountFen: 1_000_000 }
    const results = await race(2, { url, projectId, tasks: [pay, { ...pay }] })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => r.code === 'settlement.over')).toHaveLength(1)
    const rows = await store.db.commissionPayment.findMany()
    expect(rows.map((r) => Number(r.amountFen))).toEqual([1_000_000])
    await store.close()
  })
})
