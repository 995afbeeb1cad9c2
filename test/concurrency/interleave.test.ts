import { afterEach, describe, expect, it } from 'vitest'
import { fileCustomer } from '../../src/app/file-customer.ts'
import { fileMasked } from '../../src/app/file-masked.ts'
import type { ProjectInfo, Tx } from '../../src/app/ports.ts'
import { type DbStore, openStore } from '../../src/db/store.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { phone } from '../support/phone.ts'
import { addAgenciesWithAgents, agentContext } from '../support/site.ts'

/**
 * Group commit interleaves commands that allow it (TransactionOptions.interleave) inside one shared PostgreSQL
 * transaction. These tests start the commands together in one process, so they land in the same batches, and check
 * both that they did run at once (on PostgreSQL; SQLite runs one at a time whatever is asked) and that the database
 * still settled every race: one owner per number, every loser recorded, locks honoured, a failure isolated.
 */
describe.each(databaseKinds())('commands interleaved in one transaction (%s)', (kind) => {
  let store: DbStore
  afterEach(async () => {
    await store?.close()
  })

  async function site(agencies: number, settings = DEFAULT_SETTINGS) {
    // one lane: on PostgreSQL two batches may run at once on two connections, and only one batch at a time is looked at
    store = await openStore(await freshDatabaseUrl(kind), { lanes: 1 })
    const now = new Date()
    return store.transaction(async (tx) => {
      const p = await tx.projects.create('交错', 'Asia/Shanghai', now)
      await tx.projects.saveSettings(p.id, JSON.stringify(settings))
      const project = (await tx.projects.byId(p.id)) as ProjectInfo
      return { project, agencies: await addAgenciesWithAgents(tx, p.id, agencies, now) }
    })
  }

  const ctx = agentContext

  /** Runs every work at once, interleavable; returns the results and the most that were inside their work at once. */
  async function together<T>(works: ((tx: Tx) => Promise<T>)[], interleave = true) {
    let inside = 0
    let most = 0
    const results = await Promise.all(
      works.map((work) =>
        store.transaction(
          async (tx) => {
            most = Math.max(most, ++inside)
            try {
              return await work(tx)
            } finally {
              inside--
            }
          },
          { interleave },
        ),
      ),
    )
    return { results, most }
  }

  it('20 agencies filing one number at once: one owner, 19 collisions, and on PostgreSQL they ran at once', async () => {
    const { project, agencies } = await site(20)
    const { results, most } = await together(
      agencies.map(
        (a) => (tx: Tx) =>
          fileCustomer(tx, ctx(project, a.staffId, a.agencyId), {
            agencyId: a.agencyId,
            name: '张三',
            phone: phone('13812345678'),
            note: null,
          }),
      ),
    )
    if (kind === 'postgresql') expect(most).toBeGreaterThan(1)
    else expect(most).toBe(1)
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'filing.collision')).toHaveLength(19)
    expect(await store.db.filing.count()).toBe(1)
    expect(await store.db.collision.count()).toBe(19)
    const owner = await store.db.customer.findFirstOrThrow()
    const winner = results.find((r) => r.ok)?.value
    expect(winner?.kind).toBe('filed')
    expect(owner.ownerFilingId).toBe(winner?.kind === 'filed' ? winner.filingId : -1)
    expect(await store.db.auditEntry.count()).toBe(20)
  })

  it('40 new numbers at once: 40 owners, every filing and audit entry once, in fewer commits than filings', async () => {
    const { project, agencies } = await site(20)
    const commits = store.stats.commits
    const { results } = await together(
      Array.from({ length: 40 }, (_, i) => {
        const a = agencies[i % agencies.length] as { agencyId: number; staffId: number }
        return (tx: Tx) =>
          fileCustomer(tx, ctx(project, a.staffId, a.agencyId), {
            agencyId: a.agencyId,
            name: `客户${i}`,
            phone: phone(`1391234${String(i).padStart(4, '0')}`),
            note: null,
          })
      }),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(store.stats.commits - commits).toBeLessThan(40)
    expect(await store.db.filing.count()).toBe(40)
    expect(await store.db.customer.count({ where: { ownerAgencyId: { not: null } } })).toBe(40)
    const audit = await store.db.auditEntry.findMany({ orderBy: { seq: 'asc' } })
    expect(audit).toHaveLength(40)
    expect(audit.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('10 masked filings of one mask at once: the mask lock still orders them — one owner, 9 collisions', async () => {
    const { project, agencies } = await site(10, { ...DEFAULT_SETTINGS, maskedFiling: true })
    const { results } = await together(
      agencies.map(
        (a) => (tx: Tx) =>
          fileMasked(tx, ctx(project, a.staffId, a.agencyId), {
            agencyId: a.agencyId,
            name: '张三',
            mask: '138****5678',
            note: null,
          }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'filing.collision')).toHaveLength(9)
    expect(await store.db.maskedFiling.count()).toBe(1)
    expect(await store.db.collision.count()).toBe(9)
  })

  it('a command that fails fails alone: the others of its batch commit, each once', async () => {
    const { project, agencies } = await site(8)
    const works = agencies.map((a, i) => async (tx: Tx) => {
      const r = await fileCustomer(tx, ctx(project, a.staffId, a.agencyId), {
        agencyId: a.agencyId,
        name: `客户${i}`,
        phone: phone(`1371234000${i}`),
        note: null,
      })
      if (i === 3) throw new Error('boom')
      return r
    })
    const settled = await Promise.allSettled(
      works.map((work) => store.transaction((tx) => work(tx), { interleave: true })),
    )
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1)
    expect(await store.db.filing.count()).toBe(7)
    expect(await store.db.customer.count({ where: { phone: '13712340003' } })).toBe(0)
    expect(await store.db.auditEntry.count()).toBe(7)
  })

  it('work that does not interleave runs alone, between the runs of those that do', async () => {
    const { project, agencies } = await site(6)
    let inside = 0
    const alone: number[] = []
    const results = await Promise.all(
      agencies.map((a, i) =>
        store.transaction(
          async (tx) => {
            inside++
            try {
              const r = await fileCustomer(tx, ctx(project, a.staffId, a.agencyId), {
                agencyId: a.agencyId,
                name: `客户${i}`,
                phone: phone(`1361234000${i}`),
                note: null,
              })
              if (i % 3 === 1) alone.push(inside)
              return r
            } finally {
              inside--
            }
          },
          { interleave: i % 3 !== 1 },
        ),
      ),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(alone).toEqual([1, 1])
  })
})
