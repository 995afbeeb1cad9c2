import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { basicAuth } from 'hono/basic-auth'
import { bodyLimit } from 'hono/body-limit'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { Receive } from '../../chat/incoming.ts'
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
  /** Required in production: the page and its API then ask for it (user name: console). */
  password?: string
}

const SendBody = z.object({
  as: z.string().regex(/^[\w-]{1,32}$/),
  name: z.string().min(1).max(20),
  chat: z.enum(['group', 'direct']),
  text: z.string().min(1).max(2000),
})

export function consoleRoutes(deps: ConsoleRoutesDeps): Hono {
  const app = new Hono()
  if (deps.password) {
    const expected = Buffer.from(deps.password)
    app.use(
      '*',
      basicAuth({
        verifyUser: (_user, password) => {
          const given = Buffer.from(password)
          return given.length === expected.length && timingSafeEqual(given, expected)
        },
        realm: 'Anchang console',
      }),
    )
  }
  let sent = 0

  app.get('/', (c) => c.html(consolePage()))

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
    await deps.seedDemo()
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
