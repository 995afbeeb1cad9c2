// npm run bench — measures, side by side in one run on this machine with the load generator on loopback:
//   (a) the ceiling: a bare hono route parsing the same JSON body;
//   (b) 报备 end to end through a signed OneBot webhook on SQLite (signature, dedupe, parse, role check, transaction,
//       audit entry, outbox, reply), a new customer per request;
//   (c) the same on PostgreSQL;  (d) a read command (查客户) on SQLite.
// For each: saturation throughput (autocannon, 64 connections), p50/p99 at a fixed offered load (an open-loop Poisson
// generator in its own process, bench/open-loop.ts: autocannon's fixed rate sends its connections' requests in bursts
// and times them from the send, not from when they were due), the server's peak RSS, and the ratio to (a).
// Options: --seconds N (per measurement, default 10), --rate N (fixed load, default 300), --pg <admin URL> (default
// the local server), --no-pg, --no-fuzz. The server processes and the fake platform are stopped by PID at the end.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { parseDatabaseUrl } from '../src/db/database-url.ts'
import { applyMigrations } from '../src/db/migrate/index.ts'
import { openStore } from '../src/db/store.ts'
import { freePort, startServer } from '../test/support/server-process.ts'
import { seedOneBotSite } from '../test/support/site.ts'
import { BENCH_SECRET, type Make, type RequestKind, requestMaker } from './bench/requests.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback
}
const SECONDS = Number(opt('seconds', '10'))
const RATE = Number(opt('rate', '300'))
const PG_ADMIN = args.includes('--no-pg') ? null : opt('pg', 'postgresql://postgres@127.0.0.1:5432/postgres')
const SECRET = BENCH_SECRET
const ROOT = join(import.meta.dirname, '..')

interface Row {
  name: string
  saturation: number
  p50: number
  p99: number
  rssMb: number
  errors: number
  note: string
}

const children: ChildProcess[] = []
const stops: (() => Promise<unknown>)[] = []
function spawnTs(file: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    const onData = (d: Buffer) => {
      out += d
      if (out.includes('READY')) {
        child.stdout?.off('data', onData)
        child.stdout?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${file} exited ${code}: ${out}`)))
  })
}

/** Peak resident set size of a process (VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

let lookups: string[] = []
let lookupsFile = ''
/** Each generator's message ids start a million apart, so no request is ever a redelivery of another. */
let firstId = 0
const nextFirstId = () => (firstId += 1_000_000)
async function load(url: string, make: Make, rate?: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: rate ? 16 : 64,
    duration: SECONDS,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/webhooks/onebot',
        setupRequest: (req) => {
          const e = make()
          return { ...req, body: e.body, headers: e.headers }
        },
      },
    ],
  })
}

interface OpenLoop {
  count: number
  errors: number
  p50: number
  p90: number
  p99: number
  max: number
}

/** RATE a second for SECONDS from bench/open-loop.ts in its own process (so its timing shares no event loop). */
function openLoop(base: string, kind: RequestKind): Promise<OpenLoop> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/open-loop.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        URL: base,
        RATE: String(RATE),
        SECONDS: String(SECONDS),
        KIND: kind,
        FIRST_ID: String(nextFirstId()),
        LOOKUPS: lookupsFile,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    children.push(child)
    let out = ''
    child.stdout?.on('data', (d) => {
      out += d
    })
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}'))
        : reject(new Error(`open-loop exited ${code}`)),
    )
  })
}

async function measure(
  name: string,
  base: string,
  pid: number | undefined,
  kind: RequestKind,
  note = '',
): Promise<Row> {
  const make = () => requestMaker(kind, nextFirstId(), lookups)
  await load(base, make(), 50) // warm-up: JIT, prepared statements, pools
  // The fixed load first, then saturation: each measures the server as the previous left it.
  const fixed = await openLoop(base, kind)
  const sat = await load(base, make())
  const errors = sat.non2xx + sat.errors + sat.timeouts + fixed.errors
  return {
    name,
    saturation: Math.round(sat.requests.average),
    p50: fixed.p50,
    p99: fixed.p99,
    rssMb: peakRssMb(pid),
    errors,
    note,
  }
}

/** The site the server will find: a OneBot group, 20 agencies and 40 agents bound to QQ numbers. */
async function seed(url: string) {
  await applyMigrations(url)
  const store = await openStore(url)
  await seedOneBotSite(store)
  await store.close()
}

/** The server as `npm start` runs it: dist/main.js with the heap limits of package.json's config.nodeFlags. */
async function serverOn(url: string, apiUrl: string) {
  const server = await startServer(
    {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DATABASE_URL: url,
      ONEBOT_API_URL: apiUrl,
      ONEBOT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      ANCHANG_RATE_LIMIT: 'off',
    },
    30_000,
    true,
  )
  stops.push(() => server.stop())
  return server
}

async function freshPg(admin: string): Promise<string> {
  const name = `anchang_bench_${Date.now().toString(36)}`
  const client = new pg.Client(
    parseDatabaseUrl(admin).provider === 'postgresql' ? (parseDatabaseUrl(admin) as { pool: pg.PoolConfig }).pool : {},
  )
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  const u = new URL(admin)
  u.pathname = `/${name}`
  return u.toString()
}

/** The fuzz file through vitest's JSON report: passed, FAILED (a defect) or OUT OF TIME, with the properties named. */
function runFuzz(): string {
  const report = join(mkdtempSync(join(tmpdir(), 'anchang-fuzz-')), 'report.json')
  try {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        'test/production/fuzz.test.ts',
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      { cwd: ROOT, env: { ...process.env, ANCHANG_FUZZ_RUNS: '25000' }, stdio: 'ignore' },
    )
    return 'passed'
  } catch {
    const how = 'run: ANCHANG_FUZZ_RUNS=25000 npx vitest run test/production/fuzz.test.ts'
    let results: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] = []
    try {
      results = JSON.parse(readFileSync(report, 'utf8')).testResults ?? []
    } catch {
      return `FAILED before reporting (${how})`
    }
    const failed = results.flatMap((f) => f.assertionResults).filter((a) => a.status === 'failed')
    const timedOut = failed.filter((a) => a.failureMessages.some((m) => /Test timed out/.test(m)))
    const defects = failed.filter((a) => !timedOut.includes(a))
    const parts = [
      defects.length > 0 ? `FAILED: ${defects.map((a) => a.title).join('; ')}` : '',
      timedOut.length > 0 ? `OUT OF TIME (no defect found): ${timedOut.map((a) => a.title).join('; ')}` : '',
    ].filter(Boolean)
    return `${parts.join(' — ') || 'FAILED'} (${how})`
  }
}

async function main() {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' })
  const rows: Row[] = []
  const apiPort = await freePort()
  await spawnTs('scripts/bench/fake-onebot-api.ts', { PORT: String(apiPort) })
  const apiUrl = `http://127.0.0.1:${apiPort}`

  const barePort = await freePort()
  const bareChild = await spawnTs('scripts/bench/bare-server.ts', { PORT: String(barePort) })
  rows.push(await measure('(a) bare hono route, same JSON body', `http://127.0.0.1:${barePort}`, bareChild.pid, 'bare'))
  bareChild.kill('SIGTERM')

  const sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), 'anchang-bench-')), 'bench.db')}`
  await seed(sqliteUrl)
  const sqlite = await serverOn(sqliteUrl, apiUrl)
  rows.push(
    await measure('(b) 报备 via signed OneBot webhook, SQLite', sqlite.base, sqlite.pid, 'filing', 'synchronous=FULL'),
  )
  const store = await openStore(sqliteUrl)
  lookups = (await store.db.customer.findMany({ take: 5000, select: { phone: true } })).map((c) => c.phone)
  lookupsFile = join(mkdtempSync(join(tmpdir(), 'anchang-lookups-')), 'phones.json')
  writeFileSync(lookupsFile, JSON.stringify(lookups))
  const filings = await store.db.filing.count()
  await store.close()
  rows.push(
    await measure('(d) 查客户 (read) via OneBot, SQLite', sqlite.base, sqlite.pid, 'lookup', `${filings} customers`),
  )
  await sqlite.stop()

  if (PG_ADMIN) {
    const pgUrl = await freshPg(PG_ADMIN)
    await seed(pgUrl)
    const pgServer = await serverOn(pgUrl, apiUrl)
    rows.push(await measure('(c) 报备 via signed OneBot webhook, PostgreSQL', pgServer.base, pgServer.pid, 'filing'))
    await pgServer.stop()
  }

  // Hostile input at volume: the fuzz test's properties with 25,000 cases each (the parser's with 125,000), each with
  // a time budget proportional to its cases (fuzz.test.ts); a property that ran out of time is told apart from one
  // that found a defect.
  const fuzzStarted = Date.now()
  const fuzz = args.includes('--no-fuzz') ? 'skipped (--no-fuzz)' : runFuzz()
  const fuzzSeconds = Math.round((Date.now() - fuzzStarted) / 1000)

  const ceiling = rows[0]?.saturation ?? 1
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(
    `\nAnchang benchmark — ${new Date().toISOString()}, ${SECONDS}s per measurement, fixed load ${RATE}/s, load average at the end ${load}\n`,
  )
  console.log(
    '| measurement | saturation (req/s) | ratio to (a) | p50 @fixed, open loop (ms) | p99 @fixed, open loop (ms) | peak RSS (MB) | non-2xx/errors | note |',
  )
  console.log('|---|---:|---:|---:|---:|---:|---:|---|')
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.saturation} | ${(r.saturation / ceiling).toFixed(3)} | ${r.p50} | ${r.p99} | ${r.rssMb} | ${r.errors} | ${r.note} |`,
    )
  }
  console.log(
    `\nfuzz: 175,000 generated cases (parser 125,000, signed OneBot events 25,000, malformed bodies 25,000): ${fuzz}, ${fuzzSeconds} s`,
  )
}

try {
  await main()
} finally {
  for (const stop of stops) await stop().catch(() => {})
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
}
process.exit(0)
