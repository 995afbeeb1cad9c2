import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { limitedBody } from './limited-body.ts'

const MAX = 1024

/** The route as the webhooks use it, on the real Node server (where a chunked body is read from Node's request). */
const app = new Hono()
app.post('/', async (c) => {
  const body = await limitedBody(c, MAX)
  return body === null ? c.body(null, 413) : c.text(`${body.length}:${new TextDecoder().decode(body).slice(0, 5)}`)
})

let server: ReturnType<typeof serve>
let port = 0
beforeAll(async () => {
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      port = info.port
      resolve()
    })
  })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

/** One POST on a fresh connection; `chunks` given: sent chunked, without a length. */
function post(body: string, chunks?: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent: false,
        headers: chunks ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.on('data', (d) => {
          text += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      },
    )
    req.on('error', reject)
    if (!chunks) req.end(body)
    else {
      const size = Math.ceil(body.length / chunks)
      for (let i = 0; i < body.length; i += size) req.write(body.slice(i, i + size))
      req.end()
    }
  })
}

describe('a webhook body within its limit (limitedBody)', () => {
  it('with a length: read up to the limit exactly, refused one byte over before it is read', async () => {
    expect(await post('a'.repeat(MAX))).toEqual({ status: 200, text: `${MAX}:aaaaa` })
    expect((await post('a'.repeat(MAX + 1))).status).toBe(413)
  })

  it('chunked, without a length: read whole up to the limit, cut off and answered 413 one byte over', async () => {
    expect(await post(`hello${'b'.repeat(MAX - 5)}`, 4)).toEqual({ status: 200, text: `${MAX}:hello` })
    expect((await post('c'.repeat(MAX + 1), 4)).status).toBe(413)
    expect((await post('d'.repeat(50 * MAX), 50)).status).toBe(413)
  })

  it('off the Node server (app.request): measured after reading', async () => {
    expect(await (await app.request('/', { method: 'POST', body: 'x'.repeat(MAX) })).text()).toBe(`${MAX}:xxxxx`)
    expect((await app.request('/', { method: 'POST', body: 'x'.repeat(MAX + 1) })).status).toBe(413)
  })
})
