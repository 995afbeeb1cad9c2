// npm run bench:scale [-- --projects N] [--customers N] [--filings N] [--pg <admin URL>]
//
// Does one deployment hosting many sites serve each as fast as a deployment of one? On PostgreSQL it seeds two
// scratch databases in bulk SQL: "one" — one project (20 agencies, 40 agents, `--customers` customers each with a
// filing) — and "many" — `--projects` projects of that shape (default 1,000 × 10,000: 10 million filings). Then, on
// each, the same work in the same run: `--filings` (default 2,000) 报备 of new numbers through handleMessage one at a
// time (latency p50/p99) and 64 at a time (throughput), then scheduler ticks (every sweep once, a day apart, and again
// 10 s later with nothing new; per project, since every project has the same due work; the larger of two). Prints
// the figures and many/one ratios (target ≤ 1.2), with the load average. The databases are dropped after.
import { loadavg } from 'node:os'
import pg from 'pg'
import { COMMANDS } from '../src/chat/commands/index.ts'
import { type ChatDeps, handleMessage } from '../src/chat/handle-message.ts'
import type { IncomingMessage } from '../src/chat/incoming.ts'
import { parseDatabaseUrl } from '../src/db/database-url.ts'
import { applyMigrations } from '../src/db/migrate/index.ts'
import { type DbStore, openStore } from '../src/db/store.ts'
import { createScheduler, JOBS } from '../src/scheduler/index.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../test/support/site.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback
}
const PROJECTS = Number(opt('projects', '1000'))
const CUSTOMERS = Number(opt('customers', '10000'))
const FILINGS = Number(opt('filings', '2000'))
const ADMIN = opt('pg', 'postgresql://postgres@127.0.0.1:5432/postgres')
const target = parseDatabaseUrl(ADMIN)
if (target.provider !== 'postgresql') throw new Error('bench:scale runs on PostgreSQL: --pg <admin URL>')

async function admin(sql: string) {
  const c = new pg.Client(target.provider === 'postgresql' ? target.pool : {})
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

/**
 * Projects 2…`projects` in bulk, each like the seeded one: a group, 20 agencies of 2 agents with QQ identities, an
 * audit chain; then `customers` customers per project (project 1 included), each owned by a filing, their
 * protections spread over the next 150 days so the sweeps find some work at every tick.
 */
async function seedBulk(client: pg.Client, projects: number, customers: number) {
  const now = `(now() AT TIME ZONE 'UTC')`
  if (projects > 1) {
    await client.query(`INSERT INTO project (id, name, timezone, settings, "createdAt")
      SELECT p, '楼盘' || p, 'Asia/Shanghai', '{}', ${now} FROM generate_series(2, ${projects}) p`)
    await client.query(`SELECT setval(pg_get_serial_sequence('project', 'id'), ${projects})`)
    await client.query(`INSERT INTO group_binding ("projectId", platform, "chatId", "boundAt", "boundBy")
      SELECT p, 'onebot', 'g' || p, ${now}, 'seed' FROM generate_series(2, ${projects}) p`)
    await client.query(`INSERT INTO audit_head ("projectId", seq, hash)
      SELECT p, 0, repeat('0', 64) FROM generate_series(2, ${projects}) p`)
    await client.query(`INSERT INTO agency ("projectId", name, status, seq, "createdAt")
      SELECT p, '分销' || a, 'active', a, ${now} FROM generate_series(2, ${projects}) p, generate_series(1, 20) a`)
    await client.query(`INSERT INTO staff ("projectId", name, role, "agencyId", status, "statusSince", "createdAt")
      SELECT a."projectId", '销售' || a.id || '-' || k, 'agent', a.id, 'active', ${now}, ${now}
      FROM agency a, generate_series(1, 2) k WHERE a."projectId" > 1`)
    await client.query(`INSERT INTO identity (platform, "userId", "staffId", "boundAt")
      SELECT 'onebot', 's' || s.id, s.id, ${now} FROM staff s WHERE s."projectId" > 1`)
  }
  // one statement per project keeps each transaction (and its memory) small
  for (let p = 1; p <= projects; p++) {
    await client.query(`WITH a AS (SELECT array_agg(id ORDER BY seq) AS ids FROM agency WHERE "projectId" = ${p}),
      c AS (
        INSERT INTO customer ("projectId", phone, name, "ownerAgencyId", "ownerSince", "protectedUntil", version, "createdAt")
        SELECT ${p}, (15000000000 + i)::text, '客户' || i, a.ids[1 + i % 20], ${now},
          ${now} + (i % 150) * interval '1 day' + interval '1 hour', 1, ${now}
        FROM generate_series(1, ${customers}) i, a RETURNING id, "ownerAgencyId", "protectedUntil"
      ), f AS (
        INSERT INTO filing ("projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil")
        SELECT ${p}, c.id, c."ownerAgencyId", 0, ${now}, c."protectedUntil" FROM c RETURNING id, "customerId"
      )
      UPDATE customer SET "ownerFilingId" = f.id FROM f WHERE customer.id = f."customerId"`)
  }
  await client.query('ANALYZE')
}

interface Figures {
  p50: number
  p99: number
  perSecond: number
  /** a whole tick's time divided by the projects: each project has the same due work */
  tickMs: number
  idleMs: number
  seededS: number
}

let messageId = 0
function filing(userId: number, n: number): IncomingMessage {
  return {
    platform: 'onebot',
    eventId: `scale-${++messageId}`,
    chat: { kind: 'group', id: String(SITE_GROUP) },
    sender: { userId: String(userId), name: `销售${userId}` },
    text: `报备 客户${n} ${13_000_000_000 + n}`,
    mentionsBot: false,
  }
}

async function measure(name: string, projects: number): Promise<Figures> {
  const db = `anchang_scale_${name}_${Date.now().toString(36)}`
  await admin(`CREATE DATABASE "${db}"`)
  const u = new URL(ADMIN)
  u.pathname = `/${db}`
  const url = u.toString()
  let store: DbStore | null = null
  try {
    const t0 = performance.now()
    await applyMigrations(url)
    store = await openStore(url)
    await seedOneBotSite(store)
    const client = new pg.Client({ ...(target.provider === 'postgresql' ? target.pool : {}), database: db })
    await client.connect()
    await seedBulk(client, projects, CUSTOMERS)
    await client.end()
    const seededS = (performance.now() - t0) / 1000

    const deps: ChatDeps = { store, clock: { now: () => new Date() }, admins: new Set(), commands: COMMANDS }
    let n = 0
    const one = () => handleMessage(deps, filing(SITE_AGENTS[n % SITE_AGENTS.length] as number, ++n + projects * 1e6))
    for (let i = 0; i < 200; i++) await one() // warm-up: JIT, pool, plans
    const latencies: number[] = []
    for (let i = 0; i < FILINGS; i++) {
      const s = performance.now()
      await one()
      latencies.push(performance.now() - s)
    }
    latencies.sort((a, b) => a - b)
    const q = (f: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * f))] as number
    const s = performance.now()
    let left = FILINGS
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (left-- > 0) await one()
      }),
    )
    const perSecond = FILINGS / ((performance.now() - s) / 1000)

    const scheduler = createScheduler({
      store,
      clock: { now: () => new Date() },
      instanceId: 'scale',
      timezone: 'Asia/Shanghai',
    })
    // Each tick a day later (protections come due, reminders go out), then the same tick 10 s on (nothing new).
    const tick = async (now: Date) => {
      const t = performance.now()
      for (const job of JOBS) if (job.name !== 'prune') await job.run(scheduler.deps, now)
      return performance.now() - t
    }
    const due: number[] = []
    const idle: number[] = []
    for (let i = 0; i < 3; i++) {
      const now = new Date(Date.now() + i * 86_400_000)
      const d = await tick(now)
      const l = await tick(new Date(now.getTime() + 10_000))
      if (i > 0) due.push(d / projects)
      if (i > 0) idle.push(l / projects)
    }
    const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number
    const figures = { p50: q(0.5), p99: q(0.99), perSecond, tickMs: mid(due), idleMs: mid(idle), seededS }
    console.log(`  ${name}: ${projects} project(s), seeded in ${seededS.toFixed(0)} s: ${JSON.stringify(figures)}`)
    return figures
  } finally {
    await store?.close()
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
  }
}

console.log(
  `bench:scale on PostgreSQL — ${PROJECTS} projects × ${CUSTOMERS} customers against 1 × ${CUSTOMERS}, ${FILINGS} filings`,
)
const one = await measure('one', 1)
const many = await measure('many', PROJECTS)
const r = (a: number, b: number) => (a / b).toFixed(2)
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
console.log('| figure | 1 project | many | many / one (target ≤ 1.2) |')
console.log('|---|---:|---:|---:|')
console.log(
  `| 报备 p50 (ms, one at a time) | ${one.p50.toFixed(2)} | ${many.p50.toFixed(2)} | ${r(many.p50, one.p50)} |`,
)
console.log(
  `| 报备 p99 (ms, one at a time) | ${one.p99.toFixed(2)} | ${many.p99.toFixed(2)} | ${r(many.p99, one.p99)} |`,
)
console.log(
  `| 报备 per second (64 at a time) | ${one.perSecond.toFixed(0)} | ${many.perSecond.toFixed(0)} | ${r(one.perSecond, many.perSecond)} (one / many) |`,
)
console.log(
  `| scheduler tick per project, due (ms) | ${one.tickMs.toFixed(1)} | ${many.tickMs.toFixed(1)} | ${r(many.tickMs, one.tickMs)} |`,
)
console.log(
  `| scheduler tick per project, idle (ms) | ${one.idleMs.toFixed(1)} | ${many.idleMs.toFixed(1)} | ${r(many.idleMs, one.idleMs)} |`,
)
process.exit(0)
