import { afterEach, describe, expect, it } from 'vitest'
import { freshDatabaseUrl } from '../support/databases.ts'
import { fakeOneBotApi, onebotEvent } from '../support/fake-onebot.ts'
import { freePort, startServer } from '../support/server-process.ts'

const SECRET = 'crash-test-secret'
const GROUP = 555000111
const ADMIN = 10001

type Server = Awaited<ReturnType<typeof startServer>>

describe('a crash between a committed change and its message', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c()
  })

  it('delivers the message exactly once after the restart', async () => {
    const api = await fakeOneBotApi()
    cleanup.push(api.close)
    const env = {
      DATABASE_URL: await freshDatabaseUrl('sqlite'),
      PORT: String(await freePort()),
      ONEBOT_API_URL: api.url,
      ONEBOT_SECRET: SECRET,
      ANCHANG_ADMINS: `onebot:${ADMIN}`,
      ANCHANG_CONSOLE: 'off',
    }
    let server: Server = await startServer(env)
    cleanup.push(() => server.kill())
    const post = async (userId: number, text: string, groupId?: number) => {
      const e = onebotEvent(SECRET, { userId, text, groupId })
      const res = await fetch(`${server.base}/webhooks/onebot`, { method: 'POST', body: e.body, headers: e.headers })
      expect(res.status).toBe(204)
    }
    await post(ADMIN, '/group bind 香公馆', GROUP)
    await post(ADMIN, '/agency add 链家', GROUP)
    await waitFor(() => api.accepted.length === 2)

    // The platform stops answering: the next reply is committed to the outbox and in flight when the power goes.
    api.hold()
    await post(ADMIN, '/agency add 我爱我家', GROUP)
    await waitFor(() => api.held.length === 1)
    await server.kill()
    api.release()
    expect(api.accepted.map((m) => m.text)).not.toContainEqual(expect.stringContaining('我爱我家'))

    // Restarted a minute later (the dead instance's claim has lapsed): the queued reply goes out, once.
    const later = new Date(Date.now() + 60_000).toISOString()
    server = await startServer({ ...env, ANCHANG_CLOCK: later })
    await waitFor(() => api.accepted.some((m) => m.text.includes('我爱我家')))
    await post(ADMIN, '/agency list', GROUP)
    await waitFor(() => api.accepted.some((m) => m.text.startsWith('分销 2/20 家')))
    const replies = api.accepted.filter((m) => m.text.includes('已添加分销“我爱我家”'))
    expect(replies).toHaveLength(1)
    expect(replies[0]).toMatchObject({ action: 'send_group_msg', target: String(GROUP) })
    expect(api.accepted.filter((m) => m.text.includes('已添加分销“链家”'))).toHaveLength(1)
  }, 90_000)
})

async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the fake platform')
    await new Promise((r) => setTimeout(r, 20))
  }
}
