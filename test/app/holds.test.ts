import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dueHoldExpiries, expireHold, holdsEndingOn } from '../../src/app/holds.ts'
import type { Notice } from '../../src/app/notices.ts'
import type { CommandContext, Tx } from '../../src/app/ports.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

/** Runs `work` as the scheduler would: one transaction, a system actor, the clock read once. */
async function asScheduler<T>(h: Harness, work: (tx: Tx, ctx: CommandContext) => Promise<T>) {
  const notices: Notice[] = []
  const value = await h.store.transaction(async (tx) => {
    const [project] = await tx.projects.list()
    if (!project) throw new Error('no project')
    const ctx: CommandContext = {
      project,
      actor: {
        identity: 'system:scheduler',
        staffId: null,
        name: '系统',
        role: 'admin',
        agencyId: null,
        agencyName: null,
        status: 'active',
      },
      now: h.clock.now(),
      source: null,
      notify: (n) => notices.push(n),
    }
    return work(tx, ctx)
  })
  return { value, notices }
}

describe.each(databaseKinds())('hold expiry for the scheduler (%s)', (kind) => {
  let h: Harness
  let projectId: number
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('sec', '/unit add 3-1-901 90 1580000 1500000')
    await h.say('lj1', '报备 张三 13812345678')
    await h.say('lj1', '定金 3-1-1201 13812345678 小定') // D1: ends 12-04 00:00
    await h.say('wa1', '定金 3-1-901 13912345678 大定') // D2: ends 12-08 00:00
    projectId = (await h.store.db.project.findFirstOrThrow()).id
  })
  afterEach(() => h.close())

  const due = async () =>
    (await asScheduler(h, (tx, ctx) => dueHoldExpiries(tx, projectId, ctx.now, 100))).value.map((d) => d.depositCode)

  it('lists a hold as due from heldUntil on, never before, and never a subscribed or closed one', async () => {
    h.clock.set('2026-12-03T23:59:59.999+08:00')
    expect(await due()).toEqual([])
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    const [d1] = (await asScheduler(h, (tx, ctx) => dueHoldExpiries(tx, projectId, ctx.now, 100))).value
    expect(d1).toMatchObject({
      depositCode: 'D1',
      unitCode: '3-1-1201',
      status: 'pending',
      heldUntil: new Date('2026-12-04T00:00:00+08:00'),
    })
    h.clock.set('2026-12-20T00:00:00+08:00')
    expect(await due()).toEqual(['D1', 'D2'])
    expect((await asScheduler(h, (tx, ctx) => dueHoldExpiries(tx, projectId, ctx.now, 1))).value).toHaveLength(1)
  })

  it('does not list a subscribed deposit: its unit no longer expires', async () => {
    await h.say('mgr', '批准 D2')
    await h.say('wa1', '认购 D2 1550000')
    await h.say('mgr', '批准 S1')
    h.clock.set('2026-12-20T00:00:00+08:00')
    expect(await due()).toEqual(['D1'])
    const r = await asScheduler(h, (tx, ctx) => expireHold(tx, ctx, 2))
    expect(r.value.released).toBe(false)
    expect((await h.store.db.unit.findFirstOrThrow({ where: { code: '3-1-901' } })).status).toBe('subscribed')
  })

  it('releases the unit and the deal lock at the hold end, tells the group, and does it once', async () => {
    h.clock.set('2026-12-03T23:59:59.999+08:00')
    const early = await asScheduler(h, (tx, ctx) => expireHold(tx, ctx, 1))
    expect(early.value).toEqual({
      released: false,
      awaiting: false,
      unitReleased: false,
      depositCode: 'D1',
      unitCode: '3-1-1201',
      auditCode: null,
    })
    expect(early.notices).toEqual([])
    expect((await h.store.db.deposit.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending')

    h.clock.set('2026-12-04T00:00:00.000+08:00')
    const audit = await h.store.db.auditEntry.count()
    const done = await asScheduler(h, (tx, ctx) => expireHold(tx, ctx, 1))
    expect(done.value).toMatchObject({ released: true, unitReleased: true, depositCode: 'D1', unitCode: '3-1-1201' })
    expect(done.value.auditCode).toMatch(/^A\d+$/)
    expect(done.notices).toEqual([
      {
        audience: [{ to: 'groups' }],
        event: {
          kind: 'unit-released',
          unitCode: '3-1-1201',
          depositCode: 'D1',
          why: 'expired',
          heldUntil: new Date('2026-12-04T00:00:00+08:00'),
        },
      },
    ])
    const d = await h.store.db.deposit.findUniqueOrThrow({ where: { id: 1 } })
    expect([d.status, d.closedAt?.toISOString()]).toEqual(['released', '2026-12-03T16:00:00.000Z'])
    const u = await h.store.db.unit.findFirstOrThrow({ where: { code: '3-1-1201' } })
    expect([u.status, u.depositId, u.heldUntil]).toEqual(['available', null, null])
    expect((await h.store.db.customer.findFirstOrThrow({ where: { phone: '13812345678' } })).dealCode).toBeNull()
    expect(await h.store.db.auditEntry.count()).toBe(audit + 1)
    expect(await due()).toEqual([])

    const again = await asScheduler(h, (tx, ctx) => expireHold(tx, ctx, 1))
    expect(again.value.released).toBe(false)
    expect(again.notices).toEqual([])
    expect(await h.store.db.auditEntry.count()).toBe(audit + 1)
  })

  it('closes a lapsed deposit without touching a unit another deposit has taken since', async () => {
    h.clock.set('2026-12-04T00:00:00.000+08:00')
    await h.say('wa1', '定金 3-1-1201 13712345678 小定') // D3 takes the unit D1 held, before the sweep
    const r = await asScheduler(h, (tx, ctx) => expireHold(tx, ctx, 1))
    expect(r.value).toMatchObject({ released: true, unitReleased: false })
    expect(r.notices).toEqual([])
    const u = await h.store.db.unit.findFirstOrThrow({ where: { code: '3-1-1201' } })
    expect([u.status, u.depositId]).toEqual(['held', 3])
  })

  it('finds holds whose last day is a local date, for the 09:00 reminder, in pages', async () => {
    const on = async (date: string, limit = 100, after = 0) =>
      (await asScheduler(h, (tx) => holdsEndingOn(tx, projectId, date, limit, after))).value
    expect(await on('2026-12-02')).toEqual([])
    expect(await on('2026-12-04')).toEqual([])
    const lj = await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })
    const lj1 = await h.store.db.staff.findFirstOrThrow({ where: { name: '李四' } })
    expect(await on('2026-12-03')).toEqual([
      {
        depositId: 1,
        depositCode: 'D1',
        unitId: 1,
        unitCode: '3-1-1201',
        agencyId: lj.id,
        agencyName: '链家',
        requestedBy: lj1.id,
        status: 'pending',
        recordedAt: new Date('2026-12-01T15:40:00+08:00'),
        heldUntil: new Date('2026-12-04T00:00:00+08:00'),
      },
    ])
    expect((await on('2026-12-07')).map((d) => d.depositCode)).toEqual(['D2'])
    await h.say('mgr', '驳回 D2')
    expect(await on('2026-12-07')).toEqual([])
    // paging: two holds ending the same night
    await h.say('lj1', '定金 3-1-901 13812345678 小定') // D3, ends 12-04 00:00 too
    expect((await on('2026-12-03', 1)).map((d) => d.depositCode)).toEqual(['D1'])
    expect((await on('2026-12-03', 1, 1)).map((d) => d.depositCode)).toEqual(['D3'])
    expect(await on('2026-12-03', 1, 3)).toEqual([])
  })
})
