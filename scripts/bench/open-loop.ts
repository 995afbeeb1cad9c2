// An open-loop load generator for the bench's fixed-load latency, in its own process: requests arrive as a Poisson
// process at RATE a second for SECONDS (seeded exponential gaps), each on a free keep-alive connection or queued for
// one, and each is timed from the moment it was due — so a slow answer delays nothing and is never hidden
// (no coordinated omission). Prints one JSON line: count, errors, p50, p90, p99, max (ms).
// autocannon's fixed rate, by contrast, starts every connection's timer together and so sends its connections'
// requests in bursts (16 at once every 53 ms at 300/s with 16 connections).

import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { type RequestKind, requestMaker } from './requests.ts'

const env = (name: string) => {
  const v = process.env[name]
  if (!v) throw new Error(`open-loop: ${name} is required`)
  return v
}
const url = new URL(env('URL'))
const rate = Number(env('RATE'))
const seconds = Number(env('SECONDS'))
const lookups = process.env.LOOKUPS ? (JSON.parse(readFileSync(process.env.LOOKUPS, 'utf8')) as string[]) : []
const make = requestMaker(env('KIND') as RequestKind, Number(env('FIRST_ID')), lookups)
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

// a small seeded generator (mulberry32), so two runs offer the same arrival pattern
let seed = 0x9e3779b9
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const gap = () => (-Math.log(1 - random()) / rate) * 1000

const latencies: number[] = []
let errors = 0
let open = 0
function fire(due: number) {
  const { body, headers } = make()
  open++
  const req = request(
    {
      host: url.hostname,
      port: url.port,
      path: '/webhooks/onebot',
      method: 'POST',
      agent,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      res.resume()
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) errors++
        latencies.push(performance.now() - due)
        open--
      })
    },
  )
  req.on('error', () => {
    errors++
    open--
  })
  req.end(body)
}

const start = performance.now() + 50
const end = start + seconds * 1000
let next = start
await new Promise<void>((resolve) => {
  const tick = () => {
    const now = performance.now()
    while (next <= now && next < end) {
      fire(next)
      next += gap()
    }
    if (next >= end) return resolve()
    setTimeout(tick, Math.max(0, next - performance.now() - 1))
  }
  setTimeout(tick, 50)
})
// the last answers, for at most 10 s
const drained = Date.now() + 10_000
while (open > 0 && Date.now() < drained) await new Promise((r) => setTimeout(r, 20))
latencies.sort((a, b) => a - b)
const at = (q: number) =>
  Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0).toFixed(1))
console.log(
  JSON.stringify({
    count: latencies.length,
    errors: errors + open,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: at(1),
  }),
)
agent.destroy()
process.exit(0)
