import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'

/** A project with 链家 (agent 李四), a manager, and one 培训 fine P1 issued by the manager. */
async function site(url: string) {
  const store = await openStore(url)
  const now = new Date()
  const ids = await store.transaction(async (tx) => {
    const p = await tx.projects.create('罚款竞赛', 'Asia/Shanghai', now)
    const agency = await tx.agencies.add(p.id, '链家', now)
    const person = { projectId: p.id, status: 'active' as const, statusSince: now, createdAt: now }
    await tx.people.addStaff({ ...person, name: '李四', role: 'agent', agencyId: agency.id })
    const manager = await tx.people.addStaff({ ...person, name: '赵经理', role: 'manager', agencyId: null })
    const fine = await tx.fines.add({
      projectId: p.id,
      agencyId: agency.id,
      staffId: null,
      code: '培训',
      quantity: 1,
      amountFen: 10_000,
      note: null,
      issuedBy: manager.id,
      issuedAt: now,
      localMonth: '2026-12',
      severe: false,
      reversesId: null,
    })
    return { projectId: p.id, agencyId: agency.id, manager: manager.id, fineId: fine.id }
  })
  return { store, ...ids }
}

describe.each(databaseKinds())('fines settled by the database (%s)', (kind) => {
  it('four 冲正 of one fine at once: exactly one reversal, the others told which one won', async () => {
    const url = await freshDatabaseUrl(kind)
    const { store, projectId, manager, fineId } = await site(url)
    const original = await store.db.fine.findUniqueOrThrow({ where: { id: fineId } })
    const results = await race(2, {
      url,
      projectId,
      tasks: Array.from({ length: 4 }, () => ({ op: 'reverse' as const, staffId: manager, fineId })),
    })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const losers = results.filter((r) => !r.ok)
    expect(losers.map((r) => r.code)).toEqual(Array(3).fill('reversal.already-reversed'))
    const reversals = await store.db.fine.findMany({ where: { reversesId: fineId } })
    expect(reversals).toHaveLength(1)
    expect(reversals[0]?.amountFen).toBe(-10_000n)
    expect(losers.map((r) => (r.detail as { reversalId: number }).reversalId)).toEqual(Array(3).fill(reversals[0]?.id))
    expect(await store.db.fine.findUniqueOrThrow({ where: { id: fineId } })).toEqual(original)
    expect(await store.db.auditEntry.count({ where: { action: 'fine.reverse' } })).toBe(1)
    await store.close()
  })

  it('the unique reversesId refuses a second reversal row even past the use case', async () => {
    const url = await freshDatabaseUrl(kind)
    const { store, projectId, agencyId, manager, fineId } = await site(url)
    const row = {
      projectId,
      agencyId,
      staffId: null,
      type: '培训',
      quantity: 1,
      amountFen: -10_000n,
      issuedBy: manager,
      issuedAt: new Date(),
      localMonth: '2026-12',
      reversesId: fineId,
    }
    await store.db.fine.create({ data: row })
    await expect(store.db.fine.create({ data: row })).rejects.toMatchObject({ code: 'P2002' })
    expect(await store.db.fine.count({ where: { reversesId: fineId } })).toBe(1)
    await store.close()
  })

  it('four 派单 fines of one agency at once: one warning, one dismissal (R11), the rest refused', async () => {
    const url = await freshDatabaseUrl(kind)
    const { store, projectId, agencyId, manager } = await site(url)
    const results = await race(2, {
      url,
      projectId,
      tasks: Array.from({ length: 4 }, () => ({
        op: 'fine' as const,
        staffId: manager,
        who: '链家',
        fineCode: '派单' as const,
      })),
    })
    const issued = results.filter((r) => r.ok).map((r) => r.detail as { warning: unknown; escalation: unknown })
    expect(issued).toHaveLength(2)
    expect(issued.filter((f) => f.warning !== null && f.escalation === null)).toHaveLength(1)
    expect(issued.filter((f) => f.escalation !== null && f.warning === null)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(['agency.dismissed', 'agency.dismissed'])
    expect(await store.db.fine.count({ where: { type: '派单' } })).toBe(2)
    expect(await store.db.dismissal.count({ where: { agencyId } })).toBe(1)
    expect((await store.db.agency.findUniqueOrThrow({ where: { id: agencyId } })).status).toBe('dismissed')
    expect((await store.db.staff.findFirstOrThrow({ where: { name: '李四' } })).status).toBe('inactive')
    await store.close()
  })
})
