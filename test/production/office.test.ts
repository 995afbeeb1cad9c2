import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'
import { BOT_TOKEN, type FakeBotApi, fakeBotApi } from '../support/fake-telegram.ts'
import { type FakeWecom, fakeWecom, WECOM_BOT_ID, WECOM_SECRET } from '../support/fake-wecom.ts'
import { freePort, startServer } from '../support/server-process.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const ADMIN = { id: 5001, name: '管理员' }
const TG_GROUP = { id: -1001234567890, title: '香公馆案场' }
const WECOM_GROUP = 'wrkSFfCgAAoffice01'

type Server = Awaited<ReturnType<typeof startServer>>
interface Health {
  status: string
  connections?: Record<string, { mode: string; state: string; leader: boolean; lastMessageAt: string | null }>
}

const health = async (s: Server): Promise<Health> => (await fetch(`${s.base}/healthz`)).json() as Promise<Health>
const until = async (ok: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

// The servers run as `npm start` runs them: the esbuild bundle in dist/, built from this checkout.
beforeAll(() => {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT })
})

describe('the sales office PC: no public address', () => {
  let api: FakeBotApi
  beforeAll(async () => {
    api = await fakeBotApi()
  })
  afterAll(() => api.close())

  it('`npm start` with only TELEGRAM_BOT_TOKEN runs Telegram by polling, answers, and stops cleanly on SIGTERM', async () => {
    const url = await freshDatabaseUrl('sqlite')
    const server = await startServer(
      {
        DATABASE_URL: url,
        PORT: String(await freePort()),
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        // Where the fake Bot API listens; in the office this is unset and grammY talks to Telegram itself.
        TELEGRAM_API_ROOT: api.apiRoot,
        ANCHANG_ADMINS: `telegram:${ADMIN.id}`,
      },
      60_000,
      true,
    )
    try {
      await until(async () => (await health(server)).connections?.telegram?.state === 'connected')
      expect((await health(server)).connections?.telegram).toMatchObject({
        mode: 'polling',
        state: 'connected',
        leader: true,
      })
      const modeLine = server
        .output()
        .split('\n')
        .find((l) => l.includes('"platform.mode"'))
      expect(JSON.parse(modeLine ?? '{}')).toMatchObject({
        event: 'platform.mode',
        platform: 'telegram',
        mode: 'polling',
        why: 'TELEGRAM_WEBHOOK_SECRET is not set, so no webhook can be checked',
      })
      // No webhook route in polling mode.
      expect((await fetch(`${server.base}/webhooks/telegram`, { method: 'POST', body: '{}' })).status).toBe(404)

      api.say('/group bind 香公馆', ADMIN, TG_GROUP)
      await until(() => api.sent.length === 1)
      expect(api.sent.map((m) => `${m.chatId} ${m.text}`)).toEqual([
        `${TG_GROUP.id} 本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。本部署现有 2 个项目，管理员私聊命令请先发送 /项目 使用 <名称>。证据 A1`,
      ])
      expect(api.calls.filter((c) => c.method === 'getMe')).toHaveLength(1)
    } finally {
      expect(await server.stop()).toBe(0)
    }
    expect(server.output()).toContain('"server.stopped"')
    // The handled update was confirmed before the process exited: a restart will not see it again.
    expect(api.pending()).toEqual([])
  }, 120_000)
})

/**
 * Two instances on one PostgreSQL database, both configured for Telegram polling and the WeCom long connection:
 * exactly one polls and one holds the WeCom connection; killed with SIGKILL, its standby takes both over within
 * 30 s and answers, once, what arrives after — including an update Telegram delivers again.
 */
describe.skipIf(!databaseKinds().includes('postgresql'))('two office instances on one PostgreSQL database', () => {
  let api: FakeBotApi
  let wecom: FakeWecom
  const servers: Server[] = []

  beforeAll(async () => {
    api = await fakeBotApi()
    wecom = await fakeWecom()
  })
  afterAll(async () => {
    for (const s of servers) await s.kill()
    await api.close()
    await wecom.close()
  })

  it('lets one poll and hold the connection; the standby takes both over after the first is killed', async () => {
    const url = await freshDatabaseUrl('postgresql')
    const env = {
      DATABASE_URL: url,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      WECOM_AIBOT_BOT_ID: WECOM_BOT_ID,
      WECOM_AIBOT_SECRET: WECOM_SECRET,
      WECOM_AIBOT_WS_URL: wecom.url,
      WECOM_AIBOT_NAME: '案场助手',
      ANCHANG_ADMINS: `telegram:${ADMIN.id},wecom:admin`,
      ANCHANG_CONSOLE: 'off',
    }
    const first = await startServer({ ...env, PORT: String(await freePort()) }, 60_000, true)
    servers.push(first)
    await until(async () => {
      const c = (await health(first)).connections
      return c?.telegram?.state === 'connected' && c?.wecom?.state === 'connected'
    })
    const second = await startServer({ ...env, PORT: String(await freePort()) }, 60_000, true)
    servers.push(second)
    await new Promise((r) => setTimeout(r, 6_000)) // longer than a standby's 5 s between tries
    expect((await health(second)).connections).toMatchObject({
      telegram: { mode: 'polling', state: 'standby', leader: false },
      wecom: { mode: 'connection', state: 'standby', leader: false },
    })
    expect((await health(first)).connections).toMatchObject({
      telegram: { state: 'connected', leader: true },
      wecom: { state: 'connected', leader: true },
    })
    expect(api.conflicts()).toBe(0) // nobody else's getUpdates ended one of ours
    expect(wecom.subscribes()).toBe(1)
    expect(wecom.subscribed()).toBe(1)

    // Both platforms answer, once, through the leader.
    const bound = api.say('/group bind 香公馆', ADMIN, TG_GROUP)
    await until(() => api.sent.length === 1)
    wecom.say('/group bind 香公馆', 'admin', WECOM_GROUP)
    await until(() => wecom.shown(WECOM_GROUP).length === 1)

    // The leader dies without a word (power cut, OOM killer): SIGKILL by PID.
    const killedAt = Date.now()
    process.kill(first.pid as number, 'SIGKILL')
    await first.kill()
    await until(async () => {
      const c = (await health(second)).connections
      return c?.telegram?.state === 'connected' && c?.wecom?.state === 'connected'
    }, 30_000)
    const tookOverMs = Date.now() - killedAt
    expect(tookOverMs).toBeLessThan(30_000)
    expect((await health(second)).connections).toMatchObject({
      telegram: { leader: true },
      wecom: { leader: true },
    })
    expect(wecom.subscribes()).toBe(2)
    expect(wecom.disconnectEvents()).toBe(0) // it took a free connection, it did not push anyone off

    // Telegram delivers the first instance's last update again (its confirmation died with it): answered once.
    api.redeliver(bound, '/group bind 香公馆', ADMIN, TG_GROUP)
    api.say('/agency add 链家', ADMIN, TG_GROUP)
    await until(() => api.sent.length === 2)
    wecom.say('/agency add 我爱我家', 'admin', WECOM_GROUP)
    await until(() => wecom.shown(WECOM_GROUP).length === 2)
    await new Promise((r) => setTimeout(r, 1_000))
    expect(api.sent.map((m) => m.text)).toEqual([
      '本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。本部署现有 2 个项目，管理员私聊命令请先发送 /项目 使用 <名称>。证据 A1',
      '已添加分销“链家”，轮排第 1 位；还可添加 19 家（R1）。证据 A3',
    ])
    expect(wecom.shown(WECOM_GROUP)).toEqual([
      '本群已绑定项目“香公馆”。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A2',
      '已添加分销“我爱我家”，轮排第 2 位；还可添加 18 家（R1）。证据 A4',
    ])
    expect(api.pending()).toEqual([])
    console.log(`standby took over ${tookOverMs} ms after the SIGKILL`)
  }, 180_000)
})
