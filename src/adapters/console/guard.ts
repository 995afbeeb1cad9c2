import { createHash, timingSafeEqual } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'

/**
 * Failed logins per address over a sliding window: past `limit` failures in `windowMs`, the address is refused
 * (429) without its password being looked at, until its oldest failure ages out. Bounded memory: past
 * `maxAddresses`, the addresses with the oldest last failure are forgotten first.
 */
export function failureThrottle(opts: {
  limit?: number
  windowMs?: number
  now?: () => number
  maxAddresses?: number
}) {
  const limit = opts.limit ?? 10
  const windowMs = opts.windowMs ?? 15 * 60_000
  const now = opts.now ?? Date.now
  const maxAddresses = opts.maxAddresses ?? 10_000
  const failures = new Map<string, number[]>()
  const recent = (address: string) => {
    const t = now()
    const list = (failures.get(address) ?? []).filter((at) => t - at < windowMs)
    if (list.length === 0) failures.delete(address)
    else failures.set(address, list)
    return list
  }
  return {
    /** Milliseconds until the address may try again; 0 when it may now. */
    blockedFor(address: string): number {
      const list = recent(address)
      return list.length >= limit ? (list[0] as number) + windowMs - now() : 0
    },
    fail(address: string): void {
      const list = recent(address)
      list.push(now())
      failures.delete(address) // re-inserted last: Map order is the eviction order
      failures.set(address, list)
      if (failures.size > maxAddresses) failures.delete(failures.keys().next().value as string)
    },
  }
}

/** The connecting socket's address; behind a reverse proxy that is the proxy (one budget for everyone behind it). */
export function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Compares in constant time whatever the lengths (both sides hashed first). */
export function samePassword(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(expected).digest()
  return timingSafeEqual(a, b)
}

/** HTTP basic auth (any user name) with the throttle: 401 with a challenge, 429 with Retry-After when throttled. */
export function passwordGate(password: string, throttle: ReturnType<typeof failureThrottle>): MiddlewareHandler {
  return async (c, next) => {
    const address = remoteAddress(c)
    const wait = throttle.blockedFor(address)
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      return c.text('尝试次数过多，请稍后再试。', 429)
    }
    const given = basicPassword(c.req.header('authorization'))
    if (given !== null && samePassword(given, password)) return next()
    // No credentials yet is how a browser asks for the prompt; only a wrong password counts as a failure.
    if (given !== null) throttle.fail(address)
    c.header('WWW-Authenticate', 'Basic realm="Anchang console", charset="UTF-8"')
    return c.text('需要控制台密码。', 401)
  }
}

function basicPassword(header: string | undefined): string | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!m) return null
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? null : decoded.slice(colon + 1)
}

/**
 * The passwordless console answers only requests addressed to a loopback name: a web page that rebinds its own
 * domain to 127.0.0.1 (DNS rebinding) sends its own name as Host and is refused.
 */
export const loopbackHostOnly: MiddlewareHandler = async (c, next) => {
  const host = hostName(c.req.header('host') ?? '')
  if (host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return next()
  return c.text('控制台只接受本机地址（127.0.0.1）的访问。', 403)
}

/**
 * State-changing requests come from the console's own page: a browser says where a request comes from
 * (Sec-Fetch-Site, Origin), and a page of another site is refused (403); the body must be JSON (415), which a
 * cross-site form or `text/plain` fetch cannot send without a CORS preflight that this server never grants.
 */
export const sameOriginJson: MiddlewareHandler = async (c, next) => {
  const site = c.req.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin') return c.text('拒绝来自其他网站的请求。', 403)
  const origin = c.req.header('origin')
  if (origin !== undefined) {
    const own = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? ''
    let from = ''
    try {
      from = new URL(origin).host
    } catch {}
    if (from === '' || from.toLowerCase() !== own.toLowerCase()) return c.text('拒绝来自其他网站的请求。', 403)
  }
  if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    return c.text('请求须为 JSON（Content-Type: application/json）。', 415)
  }
  return next()
}

function hostName(host: string): string {
  const h = host.trim().toLowerCase()
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1)
  const colon = h.lastIndexOf(':')
  return colon >= 0 ? h.slice(0, colon) : h
}
