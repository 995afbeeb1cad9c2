import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness } from '../../../test/support/chat.ts'
import { databaseKinds } from '../../../test/support/databases.ts'
import { BOT_TOKEN, type FakeBotApi, fakeBotApi } from '../../../test/support/fake-telegram.ts'
import { FUTURE_SKEW_MS, REPLAY_WINDOW_MS } from '../../app/inbound.ts'
import { handleMessage } from '../../chat/handle-message.ts'
import type { IncomingMessage, Receive } from '../../chat/incoming.ts'
import { createTelegramPoller } from './polling.ts'

const ADMIN = { id: 5001, name: '管理员' }
const GROUP = { id: -1001234567890, title: '香公馆案场' }

const until = async (ok: () => boolean | Promise<boolean>, ms = 5_000) => {
  const end = Date.now() + ms
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe.each(databaseKinds())('Telegram long polling against a fake Bot API (%s)', (kind) => {
  let api: FakeBotApi
  let h: Harness
  const logged: string[] = []
  const pollers: ReturnType<typeof createTelegramPoller>[] = []

  beforeEach(async () => {
    api = await fakeBotApi()
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00', 'telegram')
    // The harness admin is telegram:admin; here the admin is a numeric Telegram user.
    h.deps.admins = new Set([`telegram:${ADMIN.id}`])
    logged.length = 0
  })
  afterEach(async () => {
    for (const p of pollers.splice(0)) await p.stop()
    await api.close()
    await h.close()
  })

  const poller = (receive: Receive = (m) => handleMessage(h.deps, m).then((r) => r.receipt), over = {}) => {
    const p = createTelegramPoller({
      config: { token: BOT_TOKEN, webhookSecret: undefined, apiRoot: api.apiRoot, botUsername: undefined },
      receive,
      log: (event) => logged.push(event),
      timeoutSeconds: 1,
      retryBaseMs: 20,
      retryMaxMs: 100,
      conflictMs: 200,
      ...over,
    })
    pollers.push(p)
    return p
  }
  const replies = async () => (await h.outbox()).map((m) => `${m.targetKind}:${m.targetId} ${m.text}`)

  it('asks getMe once, long-polls, and answers a command that arrives while the request is held', async () => {
    const me: string[] = []
    const p = poller(undefined, { onMe: (u: { username: string }) => me.push(u.username) })
    await p.start()
    await until(() => api.polling())
    expect(p.status()).toMatchObject({ platform: 'telegram', mode: 'polling', state: 'connected', lastMessageAt: null })
    const asked = Date.now()
    api.say('/group bind 香公馆', ADMIN, GROUP)
    await until(async () => (await replies()).length === 1)
    expect(Date.now() - asked).toBeLessThan(1_000) // not the 1 s poll timeout: the held request answered at once
    expect(await replies()).toEqual([
      `group:${GROUP.id} 本群已绑定项目“香公馆”（新建）。本群的命令都作用于该项目，公告和提醒会发到本群。证据 A1`,
    ])
    expect(me).toEqual(['anchang_bot'])
    expect(api.calls.filter((c) => c.method === 'getMe')).toHaveLength(1)
    expect(api.webhookDeleted()).toBe(1)
    // The next getUpdates confirmed the update: Telegram forgot it.
    await until(() => api.pending().length === 0)
    expect(p.status().lastMessageAt).not.toBeNull()
  })

  it('confirms with no effect a message dated before the replay window, malformed or from the future', async () => {
    const seconds = Math.floor(Date.now() / 1000)
    const p = poller()
    await p.start()
    await until(() => api.polling())
    api.say('/group bind 香公馆', ADMIN, GROUP, seconds - REPLAY_WINDOW_MS / 1000 - 1)
    // Two minutes past the allowed skew: the test may read the clock well before the poller does on a busy machine.
    api.say('/group bind 香公馆', ADMIN, GROUP, seconds + FUTURE_SKEW_MS / 1000 + 120)
    await until(() => api.pending().length === 0)
    expect(logged.filter((e) => e.startsWith('telegram.'))).toEqual([
      'telegram.stale_message',
      'telegram.future_message',
    ])
    expect(await replies()).toEqual([])
    // at the window's edge the message is still taken
    api.say('/group bind 香公馆', ADMIN, GROUP, seconds - REPLAY_WINDOW_MS / 1000 + 5)
    await until(async () => (await replies()).length === 1)
    expect(await h.store.db.groupBinding.count()).toBe(1)
  })

  it('runs an update once when Telegram delivers it again after a restart (its confirmation was lost)', async () => {
    const a = poller()
    await a.start()
    const id = api.say('/group bind 香公馆', ADMIN, GROUP)
    await until(async () => (await replies()).length === 1)
    await a.stop()
    // The first instance died after committing and before its next getUpdates: Telegram still has the update.
    api.redeliver(id, '/group bind 香公馆', ADMIN, GROUP)
    const b = poller()
    await b.start()
    await until(() => api.pending().length === 0)
    expect(await replies()).toHaveLength(1)
    expect(await h.store.db.inboundEvent.count({ where: { platform: 'telegram', eventId: String(id) } })).toBe(1)
  })

  it('stops cleanly: a held long poll ends at once and the last handled update is confirmed', async () => {
    const p = poller(undefined, { timeoutSeconds: 30 })
    await p.start()
    api.say('/group bind 香公馆', ADMIN, GROUP)
    await until(async () => (await replies()).length === 1)
    await until(() => api.polling())
    const stopping = Date.now()
    await p.stop()
    expect(Date.now() - stopping).toBeLessThan(1_000)
    expect(api.pending()).toEqual([])
    expect(p.status().state).toBe('standby')
  })

  it('holds an update while the database fails, never skipping it; a stop leaves it with Telegram', async () => {
    let failing = true
    const seen: IncomingMessage[] = []
    const p = poller(async (m) => {
      seen.push(m)
      if (failing) throw new Error('database is down')
      return handleMessage(h.deps, m).then((r) => r.receipt)
    })
    await p.start()
    const first = api.say('/group bind 香公馆', ADMIN, GROUP)
    const second = api.say('/agency add 链家', ADMIN, GROUP)
    await until(() => seen.length >= 3)
    // Still on the first update, nothing confirmed, the second not started.
    expect(new Set(seen.map((m) => m.eventId))).toEqual(new Set([String(first)]))
    expect(api.pending()).toEqual([first, second])
    expect(p.status().detail).toBe('database unavailable')
    failing = false
    await until(async () => (await replies()).length === 2)
    expect((await replies())[1]).toBe(`group:${GROUP.id} 已添加分销“链家”，轮排第 1 位；还可添加 19 家（R1）。证据 A2`)
    await p.stop()
    expect(api.pending()).toEqual([])

    // A stop while the database is down: the update is not confirmed, so the next leader gets it.
    failing = true
    const q = poller(async (m) => {
      seen.push(m)
      if (failing) throw new Error('database is down')
      return { kind: 'handled' }
    })
    await q.start()
    const third = api.say('/agency list', ADMIN, GROUP)
    await until(() => seen.some((m) => m.eventId === String(third)))
    await q.stop()
    expect(api.pending()).toEqual([third])
    expect(logged).toContain('telegram.receive_failed')
  })

  it('waits without fighting when another program polls the bot (409), then carries on', async () => {
    const p = poller()
    await p.start()
    await until(() => api.polling())
    api.outsidePoller(150)
    await until(() => p.status().state === 'conflict')
    expect(p.status().detail).toBe('another program polls this bot (409); waiting, not fighting')
    const during = api.calls.filter((c) => c.method === 'getUpdates').length
    await new Promise((r) => setTimeout(r, 100))
    // Not asking again and again while in conflict: it waits conflictMs (200 ms here, 30 s in production).
    expect(api.calls.filter((c) => c.method === 'getUpdates').length).toBe(during)
    await until(() => p.status().state === 'connected')
    api.say('/group bind 香公馆', ADMIN, GROUP)
    await until(async () => (await replies()).length === 1)
    expect(logged).toContain('telegram.conflict')
  })

  it('waits retry_after seconds after a 429', async () => {
    const p = poller()
    api.rateLimitNext(1)
    await p.start()
    await until(() => api.calls.filter((c) => c.method === 'getUpdates').length >= 2, 3_000)
    const [limited, next] = api.calls.filter((c) => c.method === 'getUpdates')
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(990)
    expect(logged).toContain('telegram.rate_limited')
  })

  it('stops and says so when Telegram refuses the token (401)', async () => {
    api.revokeToken()
    const p = poller()
    await p.start()
    await until(() => p.status().state === 'unauthorized')
    expect(p.status().detail).toBe('Telegram refused the token (401): check TELEGRAM_BOT_TOKEN and restart')
    const calls = api.calls.length
    await new Promise((r) => setTimeout(r, 100))
    expect(api.calls.length).toBe(calls)
  })
})
