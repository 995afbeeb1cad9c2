import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { localDateOf } from '../../src/domain/calendar.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'
import { addAgenciesWithAgents } from '../support/site.ts'

describe.each(databaseKinds())('races settled by the database (%s)', (kind) => {
  it('20 agencies filing one number at once: exactly one owner, 19 recorded collisions', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, agencies } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('竞赛', 'Asia/Shanghai', now)
      return { projectId: p.id, agencies: await addAgenciesWithAgents(tx, p.id, 20, now) }
    })
    const results = await race(2, {
      url,
      projectId,
      tasks: agencies.map((a) => ({ op: 'file', ...a, name: '张三', phone: '13812345678' })),
    })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => r.code === 'filing.collision')).toHaveLength(19)
    expect(await store.db.filing.count()).toBe(1)
    expect(await store.db.collision.count()).toBe(19)
    expect(await store.db.customer.count()).toBe(1)
    const owner = await store.db.customer.findFirstOrThrow()
    const winner = results.find((r) => r.ok)?.detail as { agencyName: string }
    const winnerAgency = await store.db.agency.findFirstOrThrow({ where: { name: winner.agencyName } })
    expect(owner.ownerAgencyId).toBe(winnerAgency.id)
    expect(await store.db.auditEntry.count()).toBe(20)
    await store.close()
  })

  it('two leads dealt at once go to two different agencies and move the pointer exactly twice', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, secretary } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('轮排', 'Asia/Shanghai', now)
      for (const a of await addAgenciesWithAgents(tx, p.id, 3, now)) {
        await tx.attendance.add(p.id, a.staffId, localDateOf(now, 'Asia/Shanghai'), now)
      }
      const sec = await tx.people.addStaff({
        projectId: p.id,
        name: '秘书',
        role: 'secretary',
        agencyId: null,
        status: 'active',
        statusSince: now,
        createdAt: now,
      })
      return { projectId: p.id, secretary: sec.id }
    })
    const results = await race(2, {
      url,
      projectId,
      tasks: [
        { op: 'lead', staffId: secretary },
        { op: 'lead', staffId: secretary },
      ],
    })
    expect(results.every((r) => r.ok)).toBe(true)
    const names = results.map((r) => (r.detail as { agencyName: string }).agencyName).sort()
    expect(names).toEqual(['分销1', '分销2'])
    const state = await store.db.rotationState.findUniqueOrThrow({ where: { projectId } })
    expect(state.version).toBe(2)
    expect(await store.db.rotationTurn.count({ where: { outcome: 'assigned' } })).toBe(2)
    await store.close()
  })
})
