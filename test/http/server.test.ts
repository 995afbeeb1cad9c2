import { afterEach, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/app/log.ts'
import { loadConfig } from '../../src/config.ts'
import { openStore } from '../../src/db/store.ts'
import { createApp } from '../../src/http/app.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'

describe('the server', () => {
  let stop: (() => Promise<void>) | undefined
  afterEach(async () => {
    await stop?.()
    stop = undefined
  })

  it('starts on a fresh SQLite file, migrates it, answers /healthz 200 and shuts down cleanly', async () => {
    const url = `file:${(await freshDatabaseUrl('sqlite')).slice(5)}-fresh.db`
    const running = await start(loadConfig({ DATABASE_URL: url, PORT: '0', NODE_ENV: 'test' }), silentLog)
    stop = running.stop
    const address = running.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ status: 'ok' })
    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(await page.text()).toContain('案场 Anchang 控制台')
    await running.stop()
    stop = undefined
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  })

  it('answers /healthz 503 when the database is unreachable', async () => {
    // Nothing listens on port 1: every query fails to connect.
    const store = await openStore('postgresql://postgres@127.0.0.1:1/anchang')
    const app = createApp({
      log: silentLog,
      healthy: () => store.ready(),
      ready: async () => ({ ok: false, detail: {} }),
      routes: [],
    })
    const res = await app.request('/healthz')
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'unavailable' })
    await store.close()
  })

  it('turns an unexpected error into a polite 500 and logs it with the request id', async () => {
    const lines: unknown[] = []
    const { Hono } = await import('hono')
    const boom = new Hono().get('/', () => {
      throw new Error('boom')
    })
    const app = createApp({
      log: (event, fields) => lines.push({ event, ...fields }),
      healthy: async () => true,
      ready: async () => ({ ok: true, detail: {} }),
      routes: [{ path: '/boom', app: boom }],
      requestIdGenerator: () => 'req-1',
    })
    const res = await app.request('/boom')
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: '系统繁忙，请稍后再试。' })
    expect(lines).toContainEqual(expect.objectContaining({ event: 'http.error', requestId: 'req-1', path: '/boom' }))
    expect(lines).toContainEqual(expect.objectContaining({ event: 'http.request', requestId: 'req-1', status: 500 }))
  })
})
