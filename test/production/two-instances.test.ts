import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/app/audit.ts'
import { fileCustomer } from '../../src/app/file-customer.ts'
import { openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl, serverAuditKey } from '../support/databases.ts'
import { fakeOneBotApi, onebotEvent } from '../support/fake-onebot.ts'
import { phone } from '../support/phone.ts'
import { freePort, startServer } from '../support/server-process.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../support/site.ts'

const SECRET = 'two-instances-secret'
// The servers' clock: 12-14 10:00, an hour after the 09:00 reminders of protections ending 12-16 00:00.
const CLOCK = '2026-12-14T10:00:00+08:00'
const FILED = new Date('2026-12-01T10:00:00+08:00')
const REMINDED = 30

type Server = Awaited<ReturnType<typeof startServer>>

/**
 * The way to outgrow one box: stateless instances behind the same webhook on one PostgreSQL. Requests are split
 * between two real server processes that race on the same numbers and units, and both run the scheduler.
 */
describe.skipIf(!databaseKinds().includes('postgresql'))('two instances on one PostgreSQL database', () => {
  let api: Awaited<ReturnType<typeof fakeOneBotApi>>
  let url: string
  let projectId: number
  const servers: Server[] = []

  beforeAll(async () => {
    api = await fakeOneBotApi()
    url = await freshDatabaseUrl('postgresql')
    const store = await openStore(url)
    projectId = (await seedOneBotSite(store, new Date('2026-12-14T08:00:00+08:00'))).projectId
    await store.transaction(async (tx) => {
      await tx.units.add(
        projectId,
        Array.from({ length: 20 }, (_, i) => ({
          code: `8-1-${1001 + i}`,
          areaCm2: 8950,
          listPriceFen: 168_000_000,
          floorPriceFen: 160_000_000,
          basement: false,
        })),
        FILED,
      )
      const project = await tx.projects.byId(projectId)
      const agents = await tx.people.listStaff(projectId, { role: 'agent' })
      // customers whose protection reminder is due when the servers start, spread over the agencies
      for (let i = 0; i < REMINDED; i++) {
        const a = agents[(i * 2) % agents.length]
        if (!project || !a?.agencyId) throw new Error('seed')
        const ctx = {
          project,
          actor: {
            identity: `seed:${a.id}`,
            staffId: a.id,
            name: a.name,
            role: 'agent' as const,
            agencyId: a.agencyId,
            agencyName: null,
            status: 'active' as const,
          },
          now: FILED,
          source: null,
          notify: () => {},
        }
        await fileCustomer(tx, ctx, {
          agencyId: a.agencyId,
          name: `提醒${i}`,
          phone: phone(String(15800000000 + i)),
          note: null,
        })
      }
    })
    await store.close()
    const env = {
      DATABASE_URL: url,
      ONEBOT_API_URL: api.url,
      ONEBOT_SECRET: SECRET,
      ANCHANG_RATE_LIMIT: 'off',
      ANCHANG_CONSOLE: 'off',
      ANCHANG_CLOCK: CLOCK,
    }
    // started together: they take turns migrating (advisory lock) and both run the scheduler's catch-up
    servers.push(
      ...(await Promise.all([
        startServer({ ...env, PORT: String(await freePort()) }, 60_000),
        startServer({ ...env, PORT: String(await freePort()) }, 60_000),
      ])),
    )
  }, 120_000)

  afterAll(async () => {
    for (const s of servers) await s.stop()
    await api?.close()
  })

  it('keeps every invariant when they race on the same numbers and units, and sends each reminder once', async () => {
    const post = (server: Server, e: ReturnType<typeof onebotEvent>) =>
      fetch(`${server.base}/webhooks/onebot`, { method: 'POST', body: e.body, headers: e.headers }).then(
        (r) => r.status,
      )
    const [a, b] = servers as [Server, Server]
    const work: Promise<number>[] = []
    let id = 700_000
    for (let i = 0; i < 40; i++) {
      const phone = String(13500000000 + i)
      // two agents of different agencies file the same number, one through each instance, at the same moment
      const x = onebotEvent(SECRET, {
        userId: SITE_AGENTS[i % 20] as number,
        groupId: SITE_GROUP,
        text: `报备 甲${i} ${phone}`,
        messageId: id++,
      })
      const y = onebotEvent(SECRET, {
        userId: SITE_AGENTS[20 + (i % 20)] as number,
        groupId: SITE_GROUP,
        text: `报备 乙${i} ${phone}`,
        messageId: id++,
      })
      work.push(post(a, x), post(b, y))
      // and one of the two deliveries arrives again at the other instance (a redelivery split across the cluster)
      work.push(post(b, x))
    }
    for (let u = 0; u < 20; u++) {
      const unit = `8-1-${1001 + u}`
      const x = onebotEvent(SECRET, {
        userId: SITE_AGENTS[u] as number,
        groupId: SITE_GROUP,
        text: `定金 ${unit} ${13600000000 + u} 小定`,
        messageId: id++,
      })
      const y = onebotEvent(SECRET, {
        userId: SITE_AGENTS[39 - u] as number,
        groupId: SITE_GROUP,
        text: `定金 ${unit} ${13600000100 + u} 大定`,
        messageId: id++,
      })
      work.push(post(a, x), post(b, y))
    }
    expect((await Promise.all(work)).filter((s) => s !== 204)).toEqual([])

    const db = await openStore(url, { auditKey: serverAuditKey(url) })
    try {
      for (let i = 0; i < 40; i++) {
        const c = await db.db.customer.findFirstOrThrow({ where: { phone: String(13500000000 + i) } })
        expect(await db.db.filing.count({ where: { customerId: c.id } })).toBe(1)
        expect(await db.db.collision.count({ where: { customerId: c.id } })).toBe(1)
      }
      for (let u = 0; u < 20; u++) {
        const unit = await db.db.unit.findFirstOrThrow({ where: { code: `8-1-${1001 + u}` } })
        expect(await db.db.deposit.count({ where: { unitId: unit.id } })).toBe(1)
        expect(unit.status).toBe('held')
      }
      expect(await db.db.inboundEvent.count({ where: { platform: 'onebot' } })).toBe(120)
      expect((await db.transaction((tx) => verifyAuditChain(tx, projectId))).ok).toBe(true)

      // every due protection reminder: exactly one run, and each agent of the owning agency told exactly once
      expect(await db.db.scheduledRun.count({ where: { kind: 'protection-reminder' } })).toBe(REMINDED)
      const deadline = Date.now() + 30_000
      // an agent's reminders due together arrive merged into one message (blank line between them): count each
      const reminders = () =>
        api.accepted.flatMap((m) =>
          m.text
            .split('\n\n')
            .filter((part) => part.includes('【保护期提醒】'))
            .map((text) => ({ target: m.target, text })),
        )
      while (reminders().length < REMINDED * 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
      const seen = new Map<string, number>()
      for (const m of reminders()) seen.set(`${m.target} ${m.text}`, (seen.get(`${m.target} ${m.text}`) ?? 0) + 1)
      expect(reminders()).toHaveLength(REMINDED * 2)
      expect([...seen.values()].every((n) => n === 1)).toBe(true)
    } finally {
      await db.close()
    }
  }, 180_000)
})
