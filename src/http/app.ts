import { Hono } from 'hono'
import { requestId } from 'hono/request-id'
import type { Log } from '../app/log.ts'
import { BUSY } from '../chat/reply/texts.ts'

export interface HttpDeps {
  log: Log
  /** Database reachable and migrated. */
  healthy: () => Promise<boolean>
  /** Healthy, and the outbox is not stuck. */
  ready: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>
  /** Each platform connection this instance runs (Telegram polling, WeCom long connection): state, since, last message. */
  connections?: () => Record<string, unknown>
  /** Sub-apps by mount path, e.g. `/webhooks/onebot`; the console mounts at `/`. */
  routes: { path: string; app: Hono }[]
  requestIdGenerator?: () => string
}

/** The HTTP surface: webhook routes of each platform, the console, /healthz and /readyz, and one error handler. */
export function createApp(deps: HttpDeps): Hono {
  const app = new Hono()
  app.use('*', requestId(deps.requestIdGenerator ? { generator: deps.requestIdGenerator } : {}))
  app.use('*', async (c, next) => {
    const started = performance.now()
    await next()
    // The path only: query strings carry signatures and nonces (WeCom), bodies carry phone numbers.
    const fields = { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status }
    deps.log('http.request', { ...fields, ms: Math.round(performance.now() - started) }, 'debug')
  })

  app.get('/healthz', async (c) => {
    const report = deps.connections?.() ?? {}
    const connections = Object.keys(report).length > 0 ? { connections: report } : {}
    return (await deps.healthy())
      ? c.json({ status: 'ok', ...connections })
      : c.json({ status: 'unavailable', ...connections }, 503)
  })
  app.get('/readyz', async (c) => {
    const r = await deps.ready()
    return c.json({ status: r.ok ? 'ready' : 'not ready', ...r.detail }, r.ok ? 200 : 503)
  })
  for (const r of deps.routes) app.route(r.path, r.app)

  app.notFound((c) => c.json({ error: 'not found' }, 404))
  app.onError((e, c) => {
    deps.log('http.error', { requestId: c.get('requestId'), path: c.req.path, error: e }, 'error')
    return c.json({ error: BUSY }, 500)
  })
  return app
}
