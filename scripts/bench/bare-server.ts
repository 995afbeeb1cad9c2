// The ceiling of the benchmark: a bare hono route on @hono/node-server that reads and parses the same signed JSON
// body the OneBot webhook gets, and answers 204 — no signature check, no database.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('/webhooks/onebot', async (c) => {
  const body = await c.req.json()
  if (typeof body !== 'object' || body === null) return c.body(null, 400)
  return c.body(null, 204)
})
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3999), hostname: '127.0.0.1' })
server.once('listening', () => process.stdout.write('READY\n'))
