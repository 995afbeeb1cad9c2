import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'

const PASSWORD = 'correct-horse-battery'
const ONEBOT = { ONEBOT_API_URL: 'http://127.0.0.1:9', ONEBOT_SECRET: 'console-test-secret' }

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request as a browser or a script would send it, Host header included (fetch cannot set Host). */
function raw(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers ?? {} },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (opts.body !== undefined) req.write(opts.body)
    req.end()
  })
}

const basic = (password: string) => `Basic ${Buffer.from(`console:${password}`).toString('base64')}`
const sendBody = (text: string) => JSON.stringify({ as: 'admin', name: '管理员', chat: 'direct', text })

async function server(env: Record<string, string>) {
  const logged: { event: string; fields: Record<string, unknown> | undefined; level: string | undefined }[] = []
  const running = await start(
    loadConfig({ DATABASE_URL: await freshDatabaseUrl('sqlite'), PORT: '0', HOST: '127.0.0.1', ...env }),
    (event, fields, level) => logged.push({ event, fields, level }),
  )
  const address = running.server.address()
  const consoleMode = logged.find((l) => l.event === 'console.mode')
  return { running, port: typeof address === 'object' && address ? address.port : 0, consoleMode }
}

/** Issue 9, attack 2: the console as an open admin. */
describe('the console with a platform configured and no password (NODE_ENV=development)', () => {
  let s: Awaited<ReturnType<typeof server>>
  beforeAll(async () => {
    s = await server({ ...ONEBOT, NODE_ENV: 'development' })
  }, 60_000)
  afterAll(() => s?.running.stop())

  it('says at start that the console is off, and why', () => {
    expect(s.consoleMode?.fields).toEqual({
      mode: 'off',
      why: 'a platform is configured (OneBot); set ANCHANG_CONSOLE_PASSWORD to turn it on',
    })
  })

  it('is not served at all: a text/plain POST from any Origin finds nothing (404) and changes nothing', async () => {
    const attack = await raw(s.port, {
      method: 'POST',
      path: '/console/send',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      body: sendBody('/config set protectionDays 1'),
    })
    expect(attack.status).toBe(404)
    expect((await raw(s.port, { path: '/' })).status).toBe(404)
    const settings = await s.running.store.transaction(async (tx) => (await tx.projects.list())[0]?.settings)
    expect(settings?.protectionDays).toBe(15)
  })
})

describe('the console with a password (NODE_ENV=production, a platform configured)', () => {
  let s: Awaited<ReturnType<typeof server>>
  const authed = { authorization: basic(PASSWORD) }
  beforeAll(async () => {
    s = await server({ ...ONEBOT, NODE_ENV: 'production', ANCHANG_CONSOLE_PASSWORD: PASSWORD })
  }, 60_000)
  afterAll(() => s?.running.stop())

  it('says at start that the console asks for the password', () => {
    expect(s.consoleMode?.fields).toEqual({ mode: 'password', why: 'ANCHANG_CONSOLE_PASSWORD is set' })
  })

  it('asks for the password with 401 and a Basic challenge, for no credentials and for a wrong password', async () => {
    const cases: Record<string, string>[] = [{}, { authorization: basic('wrong-password') }]
    for (const headers of cases) {
      const res = await raw(s.port, { path: '/', headers })
      expect(res.status).toBe(401)
      expect(res.headers['www-authenticate']).toBe('Basic realm="Anchang console", charset="UTF-8"')
      expect(res.body).toBe('需要控制台密码。')
    }
  })

  it('serves the page with the password, framed by nobody and running only its own script', async () => {
    const res = await raw(s.port, { path: '/', headers: authed })
    expect(res.status).toBe(200)
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(res.headers['cache-control']).toBe('no-store')
    const csp = String(res.headers['content-security-policy'])
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.body).toContain(`<script nonce="${nonce}">`)
    expect(res.body).toContain(`<style nonce="${nonce}">`)
    // a second load gets another nonce
    const again = await raw(s.port, { path: '/', headers: authed })
    expect(String(again.headers['content-security-policy'])).not.toContain(String(nonce))
  })

  it('answers unknown paths 404, with or without the password', async () => {
    expect((await raw(s.port, { path: '/admin' })).status).toBe(404)
    expect((await raw(s.port, { path: '/console/nothing-here', headers: authed })).status).toBe(404)
    expect((await raw(s.port, { path: '/.env' })).status).toBe(404)
  })

  it('refuses state-changing requests from another site (Origin, Sec-Fetch-Site) and any body but JSON', async () => {
    const post = (headers: Record<string, string>, body = sendBody('/agency list')) =>
      raw(s.port, { method: 'POST', path: '/console/send', headers: { ...authed, ...headers }, body })
    const host = `127.0.0.1:${s.port}`
    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' })).status).toBe(403)
    const plain = await post({ 'content-type': 'text/plain', origin: `http://${host}` })
    expect(plain.status).toBe(415)
    const fine = await post({
      'content-type': 'application/json',
      origin: `http://${host}`,
      'sec-fetch-site': 'same-origin',
    })
    expect(fine.status).toBe(200)
  })

  it('creates no demo in a deployment with a platform configured', async () => {
    expect(JSON.parse((await raw(s.port, { path: '/console/info', headers: authed })).body)).toEqual({ demo: false })
    const demo = await raw(s.port, {
      method: 'POST',
      path: '/console/demo',
      headers: { ...authed, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(demo.status).toBe(409)
    expect(await s.running.store.db.agency.count()).toBe(0)
  })

  it('throttles wrong passwords per address: after 10, even the right one waits (429 with Retry-After)', async () => {
    // one wrong password was already tried above (no credentials at all does not count)
    for (let i = 0; i < 9; i++) {
      expect((await raw(s.port, { path: '/', headers: { authorization: basic(`guess-${i}`) } })).status).toBe(401)
    }
    const blocked = await raw(s.port, { path: '/', headers: authed })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(800)
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900)
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) => raw(s.port, { path: '/', headers: { authorization: basic(`g${i}`) } })),
    )
    expect(new Set(burst.map((r) => r.status))).toEqual(new Set([429]))
  })
})

describe('the console without a password (loopback, no platform)', () => {
  let s: Awaited<ReturnType<typeof server>>
  beforeAll(async () => {
    s = await server({ NODE_ENV: 'development' })
  }, 60_000)
  afterAll(() => s?.running.stop())

  it('says at start, as a warning, that the console is open and why', () => {
    expect(s.consoleMode).toMatchObject({
      level: 'warn',
      fields: { mode: 'open', why: 'no password: it listens on 127.0.0.1 only and no platform is configured' },
    })
  })

  it('refuses a page of another site posting to it, and a rebound domain name (DNS rebinding)', async () => {
    const post = (headers: Record<string, string>) =>
      raw(s.port, { method: 'POST', path: '/console/send', headers, body: sendBody('/config set protectionDays 1') })
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415)
    expect((await post({ 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(403)
    const rebound = await raw(s.port, { path: '/', headers: { host: `evil.example:${s.port}` } })
    expect(rebound.status).toBe(403)
    const settings = await s.running.store.transaction(async (tx) => (await tx.projects.list())[0]?.settings)
    expect(settings?.protectionDays).toBe(15)
    expect((await raw(s.port, { path: '/', headers: { host: `localhost:${s.port}` } })).status).toBe(200)
  })

  it('creates the demo once, in a project with no staff; never again once there are staff', async () => {
    const demo = () =>
      raw(s.port, {
        method: 'POST',
        path: '/console/demo',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    expect(JSON.parse((await raw(s.port, { path: '/console/info' })).body)).toEqual({ demo: true })
    expect((await demo()).status).toBe(200)
    expect(await s.running.store.db.staff.count()).toBeGreaterThan(0)
    const again = await demo()
    expect(again.status).toBe(409)
    expect(JSON.parse(again.body).error).toBe('演示数据只能在还没有工作人员、也没有接入聊天平台的项目里创建。')
    expect(JSON.parse((await raw(s.port, { path: '/console/info' })).body)).toEqual({ demo: false })
  }, 30_000)
})
