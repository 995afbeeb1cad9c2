// npm run bench:scale [-- --projects N] [--customers N] [--filings N] [--idle-ticks N] [--budget-minutes N] [--pg <admin URL>]
//
// Does one deployment hosting many sites serve each as fast as a deployment of one? On PostgreSQL it seeds two
// scratch databases in bulk SQL: "one" — one project (20 agencies, 40 agents, `--customers` customers each with a
// filing) — and "many" — `--projects` projects of that shape (default 1,000 × 10,000: 10 million filings). Then, on
// each, the same work in the same run: `--filings` (default 2,000) 报备 of new numbers through handleMessage one at a
// time (latency p50/p99) and 64 at a time (throughput), then scheduler ticks: every sweep once, a day apart (due
// work), each followed by `--idle-ticks` ticks 10 s apart with nothing new due anywhere.
//
// What is compared. Idle: the whole tick, many against one — it must not grow with the number of projects. Due:
// every project has the same due work, so a many-project due tick does `projects` times the work of the one-project
// tick; it is compared per unit of due work (ms per timed run recorded — reminder, brief or transition), and the whole
// due tick is printed for information. Prints many/one ratios (target ≤ 1.2) with the load average. The run stops
// after `--budget-minutes` (default 120); the scratch databases are dropped in every case.
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
const IDLE_TICKS = Number(opt('idle-ticks', '5'))
const BUDGET_MIN = Number(opt('budget-minutes', '120'))
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
 *
 * The customers and filings go in as a bulk load: ids computed up front (a customer and its filing point at each
 * other without an UPDATE pass), foreign-key triggers off for the session (session_replication_role = replica: the
 * rows are consistent by construction), the two tables' secondary indexes dropped and rebuilt after from their own
 * definitions (one sorted build instead of ten million random insertions each), statements of ~500,000 rows.
 */
async function seedBulk(client: pg.Client, projects: number, customers: number) {
  const now = `(now() AT TIME ZONE 'UTC')`
  await client.query(`SET session_replication_role = replica`)
  await client.query(`SET maintenance_work_mem = '256MB'`)
  await client.query(`SET synchronous_commit = off`)
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
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes i
     WHERE tablename IN ('customer', 'filing') AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
  )
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`)
  await client.query(`CREATE TEMP TABLE slots AS
    SELECT "projectId" AS pid, array_agg(id ORDER BY seq, id) AS ids FROM agency GROUP BY "projectId"`)
  const base = async (table: string) =>
    Number((await client.query(`SELECT coalesce(max(id), 0) AS m FROM ${table}`)).rows[0].m)
  const [c0, f0] = [await base('customer'), await base('filing')]
  const step = Math.max(1, Math.floor(500_000 / customers))
  for (let p0 = 1; p0 <= projects; p0 += step) {
    const rows = `FROM generate_series(${p0}, ${Math.min(projects, p0 + step - 1)}) p
      JOIN slots s ON s.pid = p, generate_series(1, ${customers}) i`
    const n = `((p - 1) * ${customers} + i)`
    const until = `${now} + (i % 150) * interval '1 day' + interval '1 hour'`
    await client.query(`INSERT INTO customer (id, "projectId", phone, name, "ownerAgencyId", "ownerFilingId",
        "ownerSince", "protectedUntil", version, "createdAt")
      SELECT ${c0} + ${n}, p, (15000000000 + i)::text, '客户' || i, s.ids[1 + i % cardinality(s.ids)], ${f0} + ${n},
        ${now}, ${until}, 1, ${now} ${rows}`)
    await client.query(`INSERT INTO filing (id, "projectId", "customerId", "agencyId", "filedBy", "filedAt", "protectedUntil")
      SELECT ${f0} + ${n}, p, ${c0} + ${n}, s.ids[1 + i % cardinality(s.ids)], 0, ${now}, ${until} ${rows}`)
  }
  for (const i of indexes) await client.query(i.def)
  for (const t of ['customer', 'filing'])
    await client.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT max(id) FROM ${t}))`)
  await client.query(`SET session_replication_role = origin`)
  await client.query('ANALYZE')
}

interface Figures {
  p50: number
  p99: number
  perSecond: number
  /** due ticks' time over the timed runs they recorded (reminders, briefs, transitions): ms per unit of due work */
  dueMsPerRun: number
  /** timed runs per due tick, and the whole due tick (ms) */
  dueRuns: number
  dueTickMs: number
  /** a whole tick with nothing new due anywhere (ms, median) */
  idleMs: number
  seededS: number
}

// The whole run is bounded: past the budget the scratch database is dropped and the run fails.
let scratch: string | null = null
setTimeout(async () => {
  console.error(`bench:scale: over its budget of ${BUDGET_MIN} minutes; dropping ${scratch ?? 'nothing'}`)
  if (scratch) await admin(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`).catch(() => {})
  process.exit(1)
}, BUDGET_MIN * 60_000).unref()

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
  scratch = db
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
    try {
      await seedBulk(client, projects, CUSTOMERS)
    } finally {
      await client.end()
    }
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
    // A tick a day later (protections come due, reminders go out), then ticks 10 s apart with nothing new. Day 0
    // is the warm-up (the sweeps' first passes store their cursors); days 1 and 2 are measured.
    const byJob = new Map<string, number[]>()
    const tick = async (now: Date, idle = false) => {
      const t = performance.now()
      let runs = 0
      for (const job of JOBS) {
        if (job.name === 'prune') continue
        const j = performance.now()
        const r = await job.run(scheduler.deps, now)
        if (idle) byJob.set(job.name, [...(byJob.get(job.name) ?? []), performance.now() - j])
        runs += r.sent + r.late + r.dropped + r.applied
      }
      return { ms: performance.now() - t, runs }
    }
    let [dueMs, dueRuns] = [0, 0]
    const idle: number[] = []
    for (let i = 0; i < 3; i++) {
      const now = new Date(Date.now() + i * 86_400_000)
      const d = await tick(now)
      for (let k = 1; k <= IDLE_TICKS; k++) {
        const l = await tick(new Date(now.getTime() + k * 10_000), i > 0)
        if (i > 0) idle.push(l.ms)
      }
      if (i > 0) [dueMs, dueRuns] = [dueMs + d.ms, dueRuns + d.runs]
    }
    const mid = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number
    const figures: Figures = {
      p50: q(0.5),
      p99: q(0.99),
      perSecond,
      dueMsPerRun: dueMs / Math.max(1, dueRuns),
      dueRuns: dueRuns / 2,
      dueTickMs: dueMs / 2,
      idleMs: mid(idle),
      seededS,
    }
    const jobs = [...byJob].map(([job, ms]) => `${job} ${mid(ms).toFixed(1)}`).join(', ')
    console.log(`  ${name}: idle tick by job (ms, median): ${jobs}`)
    console.log(`  ${name}: ${projects} project(s), seeded in ${seededS.toFixed(0)} s: ${JSON.stringify(figures)}`)
    return figures
  } finally {
    await store?.close()
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
    scratch = null
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
  `| scheduler tick, due: ms per timed run (runs a tick) | ${one.dueMsPerRun.toFixed(2)} (${one.dueRuns}) | ${many.dueMsPerRun.toFixed(2)} (${many.dueRuns}) | ${r(many.dueMsPerRun, one.dueMsPerRun)} |`,
)
console.log(
  `| scheduler tick, due: whole tick (ms) | ${one.dueTickMs.toFixed(0)} | ${many.dueTickMs.toFixed(0)} | ${r(many.dueTickMs, one.dueTickMs)} (not a target: ${r(many.dueRuns, one.dueRuns)}× the work) |`,
)
console.log(
  `| scheduler tick, idle: whole tick (ms, median) | ${one.idleMs.toFixed(1)} | ${many.idleMs.toFixed(1)} | ${r(many.idleMs, one.idleMs)} |`,
)
console.log(`| seed (s) | ${one.seededS.toFixed(0)} | ${many.seededS.toFixed(0)} | |`)
process.exit(0)
