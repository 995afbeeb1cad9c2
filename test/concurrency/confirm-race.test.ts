import { describe, expect, it } from 'vitest'
import type { CommandContext } from '../../src/app/ports.ts'
import { proposeDismissal } from '../../src/app/propose-dismissal.ts'
import { openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'

describe.each(databaseKinds())('确认 settled by the database (%s)', (kind) => {
  it('four 确认 of one code at once, from two processes: the dismissal applied once, the others told it was done', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, manager, agencyId, code } = await store.transaction(async (tx) => {
      const project = await tx.projects.create('确认竞赛', 'Asia/Shanghai', now)
      const agency = await tx.agencies.add(project.id, '链家', now)
      const person = { projectId: project.id, status: 'active' as const, statusSince: now, createdAt: now }
      await tx.people.addStaff({ ...person, name: '李四', role: 'agent', agencyId: agency.id })
      const m = await tx.people.addStaff({ ...person, name: '赵经理', role: 'manager', agencyId: null })
      // the worker's actor for this staff id is `test:<id>`
      const ctx: CommandContext = {
        project,
        actor: {
          identity: `test:${m.id}`,
          staffId: m.id,
          name: '赵经理',
          role: 'manager',
          agencyId: null,
          agencyName: null,
          status: 'active',
        },
        now,
        source: null,
        notify: () => {},
      }
      const asked = await proposeDismissal(tx, ctx, { name: '链家', reason: '并发确认' }, '劝退 链家 并发确认')
      if (!asked.ok) throw new Error(asked.error.code)
      return { projectId: project.id, manager: m.id, agencyId: agency.id, code: asked.value.code }
    })
    const results = await race(2, {
      url,
      projectId,
      tasks: Array.from({ length: 4 }, () => ({ op: 'confirm' as const, staffId: manager, ref: code })),
    })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array(3).fill('confirm.used'))
    expect(await store.db.dismissal.count({ where: { agencyId } })).toBe(1)
    expect(await store.db.auditEntry.count({ where: { action: 'agency.dismiss' } })).toBe(1)
    expect((await store.db.agency.findUniqueOrThrow({ where: { id: agencyId } })).status).toBe('dismissed')
    const row = await store.db.confirmation.findFirstOrThrow()
    expect(row.outcome).toBe('done')
    expect(row.usedAt).not.toBeNull()
    await store.close()
  })
})
