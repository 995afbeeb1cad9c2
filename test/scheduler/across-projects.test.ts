import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/app/ports.ts'
import { createScheduler, JOBS, jobNamed } from '../../src/scheduler/index.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { runJob, schedulerFor } from './support.ts'

/** A project with one agency and no people, made in the database: the sweeps only need its rows. */
async function addProject(h: Harness, name: string, timezone: string, overrides: object = {}) {
  const now = h.clock.now()
  const p = await h.store.transaction((tx) => tx.projects.create(name, timezone, now))
  await h.store.transaction((tx) => tx.projects.saveSettings(p.id, JSON.stringify(overrides)))
  const agency = await h.store.db.agency.create({
    data: { projectId: p.id, name: `${name}分销`, status: 'active', seq: 1, createdAt: now },
  })
  return { id: p.id, agencyId: agency.id }
}

/** A customer owned by the agency from now until `until`. */
async function addCustomer(h: Harness, p: { id: number; agencyId: number }, phone: string, until: string) {
  await h.store.db.customer.create({
    data: {
      projectId: p.id,
      phone,
      name: '客户',
      ownerAgencyId: p.agencyId,
      ownerSince: h.clock.now(),
      protectedUntil: new Date(until),
      version: 1,
      createdAt: h.clock.now(),
    },
  })
}

const keysOf = async (h: Harness, kind: string) =>
  (await h.store.db.scheduledRun.findMany({ where: { kind }, orderBy: { dueAt: 'asc' } })).map((r) => r.key)

/** The store, counting the transactions begun on it. */
function counting(store: Store): { store: Store; count: () => number } {
  let n = 0
  const counted: Store = Object.create(store)
  counted.transaction = (work) => {
    n++
    return store.transaction(work)
  }
  return { store: counted, count: () => n }
}

describe.each(databaseKinds())('sweeps across projects (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T10:00:00+08:00')
    await standardSite(h) // project 1, Asia/Shanghai, reminders at 09:00 two days before
  })
  afterEach(() => h.close())

  it('reminds each project at its own time zone and settings, each at its boundary, once', async () => {
    await h.say('lj1', '报备 张三 13812345678') // project 1: ends 12-16 00:00 +08 → reminded 12-14 09:00 +08
    const tokyo = await addProject(h, '东京', 'Asia/Tokyo') // 09:00 +09 is 08:00 +08
    await addCustomer(h, tokyo, '13900000001', '2026-12-16T00:00:00+09:00')
    const early = await addProject(h, '早报', 'Asia/Shanghai', {
      protectionReminderDays: 3,
      protectionReminderTime: { hour: 10, minute: 30 },
    })
    await addCustomer(h, early, '13900000002', '2026-12-16T00:00:00+08:00') // reminded 12-13 10:30 +08
    const s = schedulerFor(h)
    const at = async (instant: string) => {
      h.clock.set(instant)
      return (await runJob(s, h, 'protection-reminders')).sent
    }
    expect(await at('2026-12-13T10:29:59.999+08:00')).toBe(0)
    expect(await at('2026-12-13T10:30:00+08:00')).toBe(1)
    expect(await at('2026-12-13T10:30:01+08:00')).toBe(0)
    expect(await at('2026-12-14T07:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-14T08:00:00+08:00')).toBe(1)
    expect(await at('2026-12-14T08:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-14T09:00:00+08:00')).toBe(1)
    expect(await at('2026-12-14T09:00:10+08:00')).toBe(0)
    expect(await at('2026-12-15T09:00:00+08:00')).toBe(0)
    expect(await keysOf(h, 'protection-reminder')).toEqual([
      'protection-reminder:customer-3:2026-12-13T02:30:00.000Z',
      'protection-reminder:customer-2:2026-12-14T00:00:00.000Z',
      'protection-reminder:customer-1:2026-12-14T01:00:00.000Z',
    ])
  })

  it('reminds of holds in each project at its own time, once, and releases each at its end', async () => {
    await h.say('admin', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('lj1', '报备 张三 13812345678')
    await h.say('lj1', '定金 3-1-1201 13812345678 小定') // D1: 3 days, ends 12-04 00:00 +08, reminded 12-03 09:00 +08
    await h.say('mgr', '批准 D1')
    const tokyo = await addProject(h, '东京', 'Asia/Tokyo', { holdReminderTime: { hour: 8, minute: 0 } })
    const now = h.clock.now()
    const agent = await h.store.db.staff.create({
      data: {
        projectId: tokyo.id,
        name: '田中',
        role: 'agent',
        agencyId: tokyo.agencyId,
        status: 'active',
        statusSince: now,
        createdAt: now,
      },
    })
    const customer = await h.store.db.customer.create({
      data: { projectId: tokyo.id, phone: '13900000001', name: '客户', version: 1, createdAt: now },
    })
    const heldUntil = new Date('2026-12-04T00:00:00+09:00') // last day 12-03, reminded 08:00 +09 = 07:00 +08
    const unit = await h.store.db.unit.create({
      data: {
        projectId: tokyo.id,
        code: '1-1-101',
        areaCm2: 8_950_000,
        listPriceFen: 1n,
        floorPriceFen: 1n,
        status: 'held',
        heldUntil,
        updatedAt: now,
      },
    })
    const deposit = await h.store.db.deposit.create({
      data: {
        projectId: tokyo.id,
        unitId: unit.id,
        customerId: customer.id,
        agencyId: tokyo.agencyId,
        requestedBy: agent.id,
        kind: 'small',
        amountFen: 100_000n,
        status: 'approved',
        recordedAt: now,
        heldUntil,
      },
    })
    await h.store.db.unit.update({ where: { id: unit.id }, data: { depositId: deposit.id } })
    const s = schedulerFor(h)
    const at = async (instant: string, job = 'hold-reminders') => {
      h.clock.set(instant)
      const r = await runJob(s, h, job)
      return r.sent + r.late + r.applied
    }
    expect(await at('2026-12-02T12:00:00+08:00')).toBe(0) // first passes: cursors stored
    expect(await at('2026-12-03T06:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-03T07:00:00+08:00')).toBe(1)
    expect(await at('2026-12-03T08:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-03T09:00:00+08:00')).toBe(1)
    expect(await at('2026-12-03T09:00:10+08:00')).toBe(0)
    expect(await keysOf(h, 'hold-reminder')).toEqual([
      `hold-reminder:D${deposit.id}:2026-12-02T23:00:00.000Z`,
      'hold-reminder:D1:2026-12-03T01:00:00.000Z',
    ])
    expect(await at('2026-12-03T22:59:59.999+08:00', 'hold-ends')).toBe(0)
    expect(await at('2026-12-03T23:00:00+08:00', 'hold-ends')).toBe(1)
    expect(await at('2026-12-03T23:59:59.999+08:00', 'hold-ends')).toBe(0)
    expect(await at('2026-12-04T00:00:00+08:00', 'hold-ends')).toBe(1)
  })

  it('costs one transaction per job on an idle tick, whatever the number of projects', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    for (const [name, tz] of [
      ['东京', 'Asia/Tokyo'],
      ['纽约', 'America/New_York'],
      ['杭州', 'Asia/Shanghai'],
    ] as const) {
      const p = await addProject(h, name, tz, { dailyBriefTime: { hour: 7, minute: 45 } })
      await addCustomer(h, p, '13900000001', '2027-01-20T00:00:00+08:00')
    }
    const { store, count } = counting(h.store)
    const s = createScheduler({ store, clock: h.clock, realClock: h.clock, instanceId: 't', timezone: 'Asia/Shanghai' })
    const jobs = JOBS.filter((j) => j.name !== 'prune')
    const tick = async (instant: string) => {
      h.clock.set(instant)
      const per: Record<string, number> = {}
      for (const job of jobs) {
        const c = count()
        await job.run(s.deps, h.clock.now())
        per[job.name] = count() - c
      }
      return per
    }
    const once = Object.fromEntries(jobs.map((j) => [j.name, 1]))
    // Before 09:00 (no hold-reminder cursor is stored yet: the first day's reminders are not due), then after it.
    await tick('2026-12-02T08:00:00+08:00') // first passes: cursors stored, briefs of 07:45 recorded
    expect(await tick('2026-12-02T08:00:10+08:00')).toEqual(once)
    await tick('2026-12-02T12:00:00+08:00') // project 1's brief and the hold-reminder cursors
    expect(await tick('2026-12-02T12:00:10+08:00')).toEqual(once)
  })

  it('sends a brief at a project’s new time at once after its setting changed, and not a millisecond earlier', async () => {
    const later = await addProject(h, '晚报', 'Asia/Shanghai', { dailyBriefTime: { hour: 10, minute: 30 } })
    const s = schedulerFor(h)
    const at = async (instant: string) => {
      h.clock.set(instant)
      await runJob(s, h, 'daily-brief')
      return keysOf(h, 'daily-brief')
    }
    expect(await at('2026-12-02T08:00:00+08:00')).toEqual([]) // both quiet: 09:00 and 10:30 are ahead
    await h.store.transaction((tx) =>
      tx.projects.saveSettings(later.id, JSON.stringify({ dailyBriefTime: { hour: 8, minute: 30 } })),
    )
    expect(await at('2026-12-02T08:29:59.999+08:00')).toEqual([])
    expect(await at('2026-12-02T08:30:00+08:00')).toEqual([`daily-brief:project-${later.id}:2026-12-02`])
    expect(await at('2026-12-02T08:59:59.999+08:00')).toHaveLength(1)
    expect(await at('2026-12-02T09:00:00+08:00')).toEqual([
      `daily-brief:project-${later.id}:2026-12-02`,
      'daily-brief:project-1:2026-12-02',
    ])
  })

  it('forfeits in each project at its own midnight and with its own day count', async () => {
    // project 1: 李四 and 周五 never check in; 3 days → given up at 12-04 00:00 +08
    const strict = await addProject(h, '严格', 'Asia/Tokyo', { forfeitAfterDays: 1 })
    await h.store.db.staff.create({
      data: {
        projectId: strict.id,
        name: '田中',
        role: 'agent',
        agencyId: strict.agencyId,
        status: 'active',
        statusSince: h.clock.now(),
        createdAt: h.clock.now(),
      },
    })
    const s = schedulerFor(h)
    const at = async (instant: string) => {
      h.clock.set(instant)
      return (await runJob(s, h, 'forfeits')).applied
    }
    expect(await at('2026-12-01T22:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-01T23:00:00+08:00')).toBe(1) // 12-02 00:00 in Tokyo: 12-01 missed
    expect(await at('2026-12-01T23:00:10+08:00')).toBe(0)
    // the bot runs every day (a day it never ran would be excused as an outage)
    expect(await at('2026-12-02T12:00:00+08:00')).toBe(0)
    expect(await at('2026-12-03T12:00:00+08:00')).toBe(0)
    expect(await at('2026-12-03T23:59:59.999+08:00')).toBe(0)
    expect(await at('2026-12-04T00:00:00+08:00')).toBe(2) // project 1: 12-01..12-03 missed
    expect(await at('2026-12-04T00:00:10+08:00')).toBe(0)
  })

  it('logs a project that fails and still sweeps the ones after it, then reports the failure', async () => {
    await h.say('lj1', '报备 张三 13812345678')
    const broken = await addProject(h, '坏', 'Asia/Shanghai')
    await addCustomer(h, broken, '13900000001', '2026-12-16T00:00:00+08:00')
    await h.store.db.project.update({ where: { id: broken.id }, data: { timezone: 'Mars/Olympus_Mons' } })
    await h.store.transaction((tx) => tx.projects.saveSettings(broken.id, '{}')) // the change is seen
    const after = await addProject(h, '好', 'Asia/Shanghai')
    await addCustomer(h, after, '13900000002', '2026-12-16T00:00:00+08:00')
    const logged: unknown[] = []
    const s = createScheduler({
      store: h.store,
      clock: h.clock,
      realClock: h.clock,
      instanceId: 't',
      timezone: 'Asia/Shanghai',
      log: (event, data) => logged.push({ event, project: (data as { project?: number }).project }),
    })
    h.clock.set('2026-12-14T09:00:00+08:00')
    await expect(jobNamed('protection-reminders').run(s.deps, h.clock.now())).rejects.toThrow()
    expect(logged).toContainEqual({ event: 'scheduler.failed', project: broken.id })
    expect(await keysOf(h, 'protection-reminder')).toEqual([
      'protection-reminder:customer-1:2026-12-14T01:00:00.000Z',
      'protection-reminder:customer-3:2026-12-14T01:00:00.000Z',
    ])
  })
})
