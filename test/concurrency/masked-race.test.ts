import { describe, expect, it } from 'vitest'
import { openStore } from '../../src/db/store.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { race } from '../support/race.ts'
import { addAgenciesWithAgents } from '../support/site.ts'

describe.each(databaseKinds())('隐号报备 race settled by the database (%s)', (kind) => {
  it('10 agencies masked-filing one mask and surname at once: exactly one owner, 9 recorded collisions', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, agencies } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('隐号', 'Asia/Shanghai', now)
      await tx.projects.saveSettings(p.id, JSON.stringify({ ...DEFAULT_SETTINGS, maskedFiling: true }))
      return { projectId: p.id, agencies: await addAgenciesWithAgents(tx, p.id, 10, now) }
    })
    const results = await race(2, {
      url,
      projectId,
      tasks: agencies.map((a) => ({ op: 'file-masked', ...a, name: '张三', mask: '138****5678' })),
    })
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => r.code === 'filing.collision')).toHaveLength(9)
    expect(await store.db.maskedFiling.count()).toBe(1)
    expect(await store.db.collision.count()).toBe(9)
    const winner = await store.db.maskedFiling.findFirstOrThrow()
    const losers = await store.db.collision.findMany()
    expect(new Set(losers.map((c) => c.ownerAgencyId))).toEqual(new Set([winner.agencyId]))
    await store.close()
  })

  it('a full filing and a masked filing of one customer at once by two agencies: exactly one owner, each time', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const now = new Date()
    const { projectId, agencies } = await store.transaction(async (tx) => {
      const p = await tx.projects.create('隐号', 'Asia/Shanghai', now)
      await tx.projects.saveSettings(p.id, JSON.stringify({ ...DEFAULT_SETTINGS, maskedFiling: true }))
      return { projectId: p.id, agencies: await addAgenciesWithAgents(tx, p.id, 2, now) }
    })
    const [full, masked] = agencies as [(typeof agencies)[number], (typeof agencies)[number]]
    // eight customers, each filed in full by one agency and masked by the other in the same instant
    const tasks = Array.from({ length: 8 }, (_, i) => [
      { op: 'file' as const, ...full, name: '张三', phone: `1381234${5670 + i}` },
      { op: 'file-masked' as const, ...masked, name: '张先生', mask: `138****${5670 + i}` },
    ]).flat()
    const results = await race(2, { url, projectId, tasks })
    expect(results.filter((r) => r.ok)).toHaveLength(8)
    expect(results.filter((r) => r.code === 'filing.collision')).toHaveLength(8)
    expect((await store.db.filing.count()) + (await store.db.maskedFiling.count())).toBe(8)
    await store.close()
  })
})
