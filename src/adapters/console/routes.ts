import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { Receive } from '../../chat/incoming.ts'
import { failureThrottle, loopbackHostOnly, passwordGate, sameOriginJson } from './guard.ts'
import type { ConsoleHub } from './hub.ts'
import { consolePage } from './page.ts'

/** The one group chat of the console; it is bound to the default project at start. */
export const CONSOLE_GROUP = 'console-group'

export interface Persona {
  userId: string
  name: string
  role: string
  agency: string | null
}

export interface ConsoleRoutesDeps {
  hub: ConsoleHub
  receive: Receive
  personas: () => Promise<Persona[]>
  /** Creates a demo site (agencies, staff bound to console personas, units) through ordinary commands. */
  seedDemo: () => Promise<void>
  /** Whether the demo may be created: only in a project with no staff yet and no chat platform configured. */
  demoAllowed: () => Promise<boolean>
  /**
   * Without it the console is open, and answers only requests addressed to a loopback name (config.ts allows that
   * only on loopback with no platform); with it, HTTP basic auth (any user name) asks for it.
   */
  password?: string
  /** Failed logins per address before it must wait (default 10 per 15 minutes); `now` for tests. */
  throttle?: { limit?: number; windowMs?: number; now?: () => number }
}

const SendBody = z.object({
  as: z.string().regex(/^[\w-]{1,32}$/),
  name: z.string().min(1).max(20),
  chat: z.enum(['group', 'direct']),
  text: z.string().min(1).max(2000),
})

export function consoleRoutes(deps: ConsoleRoutesDeps): Hono {
  const app = new Hono()
  // Only the console's own paths are guarded: anything else falls through to the server's 404.
  const paths = ['/', '/console/*']
  const headers = secureHeaders({
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: [NONCE],
      connectSrc: ["'self'"],
      // the board picture arrives as a data: URL in the event stream
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  })
  const gate = deps.password ? passwordGate(deps.password, failureThrottle(deps.throttle ?? {})) : loopbackHostOnly
  for (const path of paths) {
    app.use(path, headers, gate, async (c, next) => {
      await next()
      c.header('Cache-Control', 'no-store')
    })
  }
  app.use('/console/*', async (c, next) => (c.req.method === 'POST' ? sameOriginJson(c, next) : next()))
  let sent = 0
  let seeding: Promise<void> | null = null

  app.get('/', (c) => c.html(consolePage(c.get('secureHeadersNonce') ?? '')))

  app.get('/console/info', async (c) => c.json({ demo: await deps.demoAllowed() }))

  app.get('/console/personas', async (c) => c.json(await deps.personas()))

  app.post(
    '/console/send',
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'too large' }, 413) }),
    async (c) => {
      const parsed = SendBody.safeParse(await c.req.json().catch(() => null))
      if (!parsed.success) return c.json({ error: 'expected {as, name, chat: group|direct, text}' }, 400)
      const { as, name, chat, text } = parsed.data
      const chatRef =
        chat === 'group' ? { kind: 'group' as const, id: CONSOLE_GROUP } : { kind: 'direct' as const, id: as }
      deps.hub.publish({ chat: chatRef, from: { userId: as, name }, text })
      const receipt = await deps.receive({
        platform: 'console',
        eventId: `${Date.now().toString(36)}-${++sent}`,
        chat: chat === 'group' ? { ...chatRef, title: '控制台演示群' } : chatRef,
        sender: { userId: as, name },
        text,
        mentionsBot: false,
      })
      return c.json({ receipt })
    },
  )

  app.post('/console/demo', async (c) => {
    // One at a time: a double click must not seed twice.
    if (seeding || !(await deps.demoAllowed())) {
      return c.json({ error: '演示数据只能在还没有工作人员、也没有接入聊天平台的项目里创建。' }, 409)
    }
    seeding = deps.seedDemo()
    try {
      await seeding
    } finally {
      seeding = null
    }
    return c.json({ ok: true })
  })

  app.get('/console/events', (c) => {
    const after = Number(c.req.query('after') ?? 0) || 0
    return streamSSE(c, async (stream) => {
      const queue = deps.hub.history(after)
      let notify: (() => void) | null = null
      const unsubscribe = deps.hub.subscribe((e) => {
        queue.push(e)
        notify?.()
      })
      stream.onAbort(unsubscribe)
      while (!stream.aborted) {
        while (queue.length > 0) {
          const e = queue.shift()
          if (e) await stream.writeSSE({ id: String(e.id), data: JSON.stringify(e) })
        }
        await new Promise<void>((resolve) => {
          notify = resolve
          setTimeout(resolve, 15_000)
        })
        notify = null
        if (queue.length === 0) await stream.writeSSE({ event: 'ping', data: '' })
      }
      unsubscribe()
    })
  })
  return app
}
