import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/app/log.ts'
import { loadConfig } from '../../src/config.ts'
import { openStore } from '../../src/db/store.ts'
import { start } from '../../src/main.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { fakeOneBotApi, onebotEvent } from '../support/fake-onebot.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../support/site.ts'

const SECRET = 'storm-secret-0123'

describe.each(databaseKinds())('a redelivery storm (%s)', (kind) => {
  let api: Awaited<ReturnType<typeof fakeOneBotApi>>
  let running: Awaited<ReturnType<typeof start>>
  let base: string
  let url: string
  beforeAll(async () => {
    api = await fakeOneBotApi()
    url = await freshDatabaseUrl(kind)
    const seedStore = await openStore(url)
    await seedOneBotSite(seedStore)
    await seedStore.close()
    running = await start(
      loadConfig({
        DATABASE_URL: url,
        PORT: '0',
        NODE_ENV: 'test',
        ONEBOT_API_URL: api.url,
        ONEBOT_SECRET: SECRET,
        ANCHANG_RATE_LIMIT: 'off',
        ANCHANG_CONSOLE: 'off',
      }),
      silentLog,
    )
    const address = running.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  }, 60_000)
  afterAll(async () => {
    await running?.stop()
    await api?.close()
  })

  it('1,000 events each delivered three times, concurrently, have exactly 1,000 effects', async () => {
    const events = Array.from({ length: 1000 }, (_, i) =>
      onebotEvent(SECRET, {
        userId: SITE_AGENTS[i % SITE_AGENTS.length] as number,
        groupId: SITE_GROUP,
        text: `报备 客户${i} ${13600000000 + i}`,
        messageId: 500_000 + i,
        time: Math.floor(Date.now() / 1000),
      }),
    )
    // every event three times, in a shuffled order, 48 requests in flight at once
    const deliveries = events.flatMap((e) => [e, e, e]).sort(() => Math.random() - 0.5)
    const statuses: number[] = []
    let next = 0
    await Promise.all(
      Array.from({ length: 48 }, async () => {
        while (next < deliveries.length) {
          const e = deliveries[next++] as (typeof deliveries)[number]
          const res = await fetch(`${base}/webhooks/onebot`, { method: 'POST', body: e.body, headers: e.headers })
          statuses.push(res.status)
        }
      }),
    )
    expect(statuses.filter((s) => s !== 204)).toEqual([])
    const check = await openStore(url)
    expect(await check.db.filing.count()).toBe(1000)
    expect(await check.db.customer.count()).toBe(1000)
    expect(await check.db.inboundEvent.count()).toBe(1000)
    expect(await check.db.auditEntry.count({ where: { action: 'filing.claim' } })).toBe(1000)
    expect(await check.db.outbox.count({ where: { text: { startsWith: '报备成功' } } })).toBe(1000)
    await check.close()
  }, 180_000)
})
