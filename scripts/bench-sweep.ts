// npm run bench:sweep [-- <postgresql admin URL>] [--filings N] [--deposits N] [--ticks N] [--due N]
//
// Does a scheduler tick cost the same on a big database as on a small one? Seeds a database (SQLite by default;
// PostgreSQL when an admin URL is given: a scratch database is created there and dropped after) with 1,000,000
// filings and customers, 100,000 deposits and units, two years of check-ins and 900,000 recorded reminders, using
// bulk SQL. Then it simulates days: at 00:00 the hold-end, forfeit and month-close sweeps, at 09:00 the hold-reminder,
// protection-reminder and announcement sweeps. On each day `--due` (default 5) holds end, holds reach their last day
// and protections reach their reminder, 2 agents give up, 5 announcements fire, and the days cross a month end. Each
// sweep is timed on that "due" tick and on an "idle" tick 10 s later (nothing new), over `--ticks` days (default 7)
// after one warm-up day. The baseline, in the same run, is the same simulation on a database of 100 filings.
// Prints median and max per sweep and the big/small ratio. Not a test: figures depend on the machine.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { Store } from '../src/app/ports.ts'
import { parseDatabaseUrl } from '../src/db/database-url.ts'
import { applyMigrations } from '../src/db/migrate/index.ts'
import { type DbStore, openStore } from '../src/db/store.ts'
import { addDays, addMonths, instantAt } from '../src/domain/calendar.ts'
import { createScheduler, jobNamed } from '../src/scheduler/index.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback
}
const PG_ADMIN = args.find((a) => a.startsWith('postgres')) ?? null
const FILINGS = opt('filings', 1_000_000)
const DEPOSITS = opt('deposits', 100_000)
const TICKS = opt('ticks', 7)
const DUE = opt('due', 5)
const VERBOSE = args.includes('--verbose')
const TZ = 'Asia/Shanghai'
const DAY0 = '2027-03-27' // days 03-27 … 04-03 cross a month end
const AGENCIES = 20
const DAY = 86_400

const epoch = (d: Date) => Math.floor(d.getTime() / 1000)
const day = (i: number) => addDays(DAY0, i)
const at = (i: number, hour = 0, minute = 0) => instantAt(day(i), TZ, hour, minute)

interface Dialect {
  provider: 'sqlite' | 'postgresql'
  exec(sql: string): Promise<void>
  close(): Promise<void>
}

/** `INSERT … SELECT` over i = 1..n, in each dialect; `ts(e)` turns epoch seconds into the column's DateTime form. */
function bulk(d: Dialect, n: number, table: string, cols: string[], exprs: (ts: (e: string) => string) => string[]) {
  const list = cols.map((c) => `"${c}"`).join(', ')
  if (d.provider === 'sqlite') {
    // Prisma's SQLite text form, so that comparisons with its parameters stay lexicographic.
    const ts = (e: string) => `(strftime('%Y-%m-%dT%H:%M:%f', (${e}), 'unixepoch') || '+00:00')`
    return d.exec(
      `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${n})
       INSERT INTO ${table} (${list}) SELECT ${exprs(ts).join(', ')} FROM seq`,
    )
  }
  const ts = (e: string) => `(to_timestamp(${e}) AT TIME ZONE 'UTC')`
  return d.exec(`INSERT INTO ${table} (${list}) SELECT ${exprs(ts).join(', ')} FROM generate_series(1, ${n}) AS seq(i)`)
}

/** 00:00 Asia/Shanghai, `days` local days after the local day of epoch second `e` (an SQL expression). */
const midnightAfter = (e: string, days: number) => `((((${e}) + 28800) / ${DAY} + ${days}) * ${DAY} - 28800)`

async function seed(store: DbStore, d: Dialect, filings: number, deposits: number): Promise<void> {
  const created = at(-745)
  // People and groups through the repositories: 20 agencies, 2 agents each reachable directly, a manager.
  await store.transaction(async (tx) => {
    const p = await tx.projects.create('香公馆', TZ, created)
    await tx.groups.bind({ platform: 'console', chatId: 'g1', projectId: p.id, title: null }, 'console:admin', created)
    for (let a = 1; a <= AGENCIES; a++) {
      const agency = await tx.agencies.add(p.id, `分销${a}`, created)
      for (let k = 0; k < 2; k++) {
        const s = await tx.people.addStaff({
          projectId: p.id,
          name: `销售${a}-${k}`,
          role: 'agent',
          agencyId: agency.id,
          status: 'active',
          statusSince: created,
          createdAt: created,
        })
        await tx.people.createJoinCode(`J${s.id}`, s.id, created, at(0))
        await tx.people.redeemJoinCode(`J${s.id}`, 'console', `u${s.id}`, created)
      }
    }
    const m = await tx.people.addStaff({
      projectId: p.id,
      name: '经理',
      role: 'manager',
      agencyId: null,
      status: 'active',
      statusSince: created,
      createdAt: created,
    })
    await tx.people.createJoinCode('JM', m.id, created, at(0))
    await tx.people.redeemJoinCode('JM', 'console', 'mgr', created)
  })

  // Filings and customers: 90% ended over two years of history, 10% live and ending after the simulated days.
  const history = Math.floor(filings * 0.9)
  const live = filings - history
  const hStart = epoch(at(-745))
  const hStep = Math.max(1, Math.floor((730 * DAY) / Math.max(1, history)))
  const lStart = epoch(at(-5))
  const lStep = Math.max(1, Math.floor((5 * DAY) / Math.max(1, live)))
  const filedAt = `(CASE WHEN i <= ${history} THEN ${hStart} + (i - 1) * ${hStep} ELSE ${lStart} + (i - ${history}) * ${lStep} END)`
  const agencyOf = `(1 + i % ${AGENCIES})`
  await bulk(
    d,
    filings,
    'filing',
    ['projectId', 'customerId', 'agencyId', 'filedBy', 'filedAt', 'protectedUntil'],
    (ts) => ['1', 'i', agencyOf, `(2 * ${agencyOf} - 1)`, ts(filedAt), ts(midnightAfter(filedAt, 15))],
  )
  await bulk(
    d,
    filings,
    'customer',
    [
      'projectId',
      'phone',
      'name',
      'ownerAgencyId',
      'ownerFilingId',
      'ownerSince',
      'protectedUntil',
      'version',
      'createdAt',
    ],
    (ts) => [
      '1',
      d.provider === 'sqlite' ? `('13' || substr('000000000' || i, -9, 9))` : `('13' || lpad(i::text, 9, '0'))`,
      `('客户' || i)`,
      agencyOf,
      'i',
      ts(filedAt),
      ts(midnightAfter(filedAt, 15)),
      '0',
      ts(filedAt),
    ],
  )
  // The reminders of the ended protections, as a long-running deployment would have recorded them.
  await bulk(
    d,
    history,
    'scheduled_run',
    ['key', 'projectId', 'kind', 'dueAt', 'doneAt', 'doneBy', 'outcome'],
    (ts) => [
      `('protection-reminder:customer-' || i || ':' || ${hStart} + (i - 1) * ${hStep})`,
      '1',
      `'protection-reminder'`,
      ts(midnightAfter(filedAt, 13)),
      ts(midnightAfter(filedAt, 13)),
      `'bench'`,
      `'sent'`,
    ],
  )

  // Units and deposits: 95% closed in history, 5% live holds ending after the simulated days.
  const closed = Math.floor(deposits * 0.95)
  const dStep = Math.max(1, Math.floor((730 * DAY) / Math.max(1, closed)))
  const recordedAt = `(CASE WHEN i <= ${closed} THEN ${hStart} + (i - 1) * ${dStep} ELSE ${epoch(at(TICKS + 3))} + (i % 5) * ${DAY} END)`
  const isLive = `i > ${closed}`
  await bulk(
    d,
    deposits,
    'unit',
    ['projectId', 'code', 'areaCm2', 'listPriceFen', 'floorPriceFen', 'status', 'depositId', 'heldUntil', 'updatedAt'],
    (ts) => [
      '1',
      `('B-' || i)`,
      '8950',
      '168000000',
      '160000000',
      `(CASE WHEN ${isLive} THEN 'held' ELSE 'available' END)`,
      `(CASE WHEN ${isLive} THEN i ELSE NULL END)`,
      `(CASE WHEN ${isLive} THEN ${ts(midnightAfter(recordedAt, 7))} ELSE NULL END)`,
      ts(recordedAt),
    ],
  )
  await bulk(
    d,
    deposits,
    'deposit',
    [
      'projectId',
      'unitId',
      'customerId',
      'agencyId',
      'requestedBy',
      'kind',
      'amountFen',
      'status',
      'recordedAt',
      'heldUntil',
    ],
    (ts) => [
      '1',
      'i',
      `(1 + i % ${filings})`,
      agencyOf,
      `(2 * ${agencyOf} - 1)`,
      `'big'`,
      '1000000',
      `(CASE WHEN ${isLive} THEN 'approved' WHEN i % 3 = 0 THEN 'subscribed' WHEN i % 3 = 1 THEN 'released' ELSE 'refunded' END)`,
      ts(recordedAt),
      ts(midnightAfter(recordedAt, 7)),
    ],
  )

  // Two years of daily check-ins for the 40 agents; agents 1..2(TICKS+1) stop 4 days before "their" day.
  const agents = AGENCIES * 2
  const lastOf = (s: string) =>
    `(CASE WHEN ${s} <= ${2 * (TICKS + 1)} THEN ${epoch(at(-4))} + ((${s} - 1) / 2) * ${DAY} ELSE ${epoch(at(TICKS + 5))} END)`
  await bulk(d, agents * 730, 'check_in', ['projectId', 'staffId', 'localDate', 'at'], (ts) => {
    const staff = `(1 + (i - 1) % ${agents})`
    const t = `(${epoch(at(-725))} + ((i - 1) / ${agents}) * ${DAY} + 3600)`
    return [
      '1',
      staff,
      d.provider === 'sqlite'
        ? `date(${t} + 28800, 'unixepoch')`
        : `to_char(to_timestamp(${t} + 28800) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
      ts(t),
    ]
  })
  // Drop the check-ins after each agent's last day (so the rule has someone to find).
  await d.exec(
    d.provider === 'sqlite'
      ? `DELETE FROM check_in WHERE "at" > (strftime('%Y-%m-%dT%H:%M:%f', ${lastOf('"staffId"')} + 7200, 'unixepoch') || '+00:00')`
      : `DELETE FROM check_in WHERE "at" > (to_timestamp(${lastOf('"staffId"')} + 7200) AT TIME ZONE 'UTC')`,
  )

  // The months closed so far, and five announcements firing daily at 09:00.
  await store.transaction(async (tx) => {
    for (let m = 1; m <= 24; m++) {
      const due = instantAt(`${addMonths('2027-03', -m + 1)}-01`, TZ)
      await tx.schedule.claim(
        { key: `month-close:project-1:${m}`, projectId: 1, kind: 'month-close', dueAt: due, outcome: 'applied' },
        due,
        'bench',
      )
    }
    for (let k = 1; k <= 5; k++) {
      const r = await tx.recurring.add({
        projectId: 1,
        cron: '0 9 * * *',
        text: `班车${k}`,
        createdBy: 1,
        createdAt: at(-30),
      })
      await tx.recurring.markFired(r.id, at(-1, 9))
    }
  })

  // The rows that come due on each simulated day (DUE of each kind).
  await store.transaction(async (tx) => {
    for (let i = 0; i <= TICKS; i++) {
      for (let k = 0; k < DUE; k++) {
        const agencyId = 1 + ((i * DUE + k) % AGENCIES)
        const since = instantAt(day(i - 13), TZ, 10)
        const c = await tx.customers.ensure(1, `17${String(i * 1000 + k).padStart(9, '0')}`, `到期${i}-${k}`, since)
        await tx.customers.setOwnership(c, { agencyId, filingId: null, since, until: at(i + 2), dealCode: null })
        await tx.units.add(
          1,
          [
            {
              code: `T-${i}-${k}`,
              areaCm2: 8950,
              listPriceFen: 168_000_000,
              floorPriceFen: 160_000_000,
              basement: false,
            },
          ],
          since,
        )
      }
    }
  })
  // Holds of each day: small deposits recorded two days before, ending at 00:00 after the day (through SQL: the
  // deposit repository's shape belongs to another module).
  for (let i = 0; i <= TICKS; i++) {
    for (let k = 0; k < DUE; k++) {
      const rec = epoch(instantAt(day(i - 2), TZ, 15, 40))
      const until = epoch(at(i + 1))
      const agencyId = 1 + ((i * DUE + k) % AGENCIES)
      await bulk(
        d,
        1,
        'deposit',
        [
          'projectId',
          'unitId',
          'customerId',
          'agencyId',
          'requestedBy',
          'kind',
          'amountFen',
          'status',
          'recordedAt',
          'heldUntil',
        ],
        (ts) => [
          '1',
          `(SELECT id FROM unit WHERE code = 'T-${i}-${k}')`,
          '1',
          `${agencyId}`,
          `${2 * agencyId - 1}`,
          `'small'`,
          '100000',
          `'approved'`,
          ts(`${rec}`),
          ts(`${until}`),
        ],
      )
      await d.exec(
        d.provider === 'sqlite'
          ? `UPDATE unit SET status = 'held', "depositId" = (SELECT max(id) FROM deposit), "heldUntil" = (strftime('%Y-%m-%dT%H:%M:%f', ${until}, 'unixepoch') || '+00:00') WHERE code = 'T-${i}-${k}'`
          : `UPDATE unit SET status = 'held', "depositId" = (SELECT max(id) FROM deposit), "heldUntil" = (to_timestamp(${until}) AT TIME ZONE 'UTC') WHERE code = 'T-${i}-${k}'`,
      )
    }
  }
  await d.exec('ANALYZE')
  // SQLite: fold the bulk load's write-ahead log into the database now, not in the middle of a measured tick.
  if (d.provider === 'sqlite') await d.exec('PRAGMA wal_checkpoint(TRUNCATE)')
}

const MIDNIGHT = ['hold-ends', 'forfeits', 'month-close'] as const
const MORNING = ['hold-reminders', 'protection-reminders', 'announcements'] as const
type SweepName = (typeof MIDNIGHT)[number] | (typeof MORNING)[number]

interface Timings {
  due: number[]
  idle: number[]
  done: number
}

async function simulate(store: Store): Promise<Record<SweepName, Timings>> {
  const scheduler = createScheduler({
    store,
    clock: { now: () => new Date() },
    instanceId: 'bench',
    timezone: TZ,
  })
  const out = Object.fromEntries(
    [...MIDNIGHT, ...MORNING].map((n) => [n, { due: [], idle: [], done: 0 }]),
  ) as unknown as Record<SweepName, Timings>
  const time = async (name: SweepName, now: Date, into: number[] | null) => {
    const t0 = performance.now()
    const r = await jobNamed(name).run(scheduler.deps, now)
    const ms = performance.now() - t0
    into?.push(ms)
    if (VERBOSE) console.log(`    ${now.toISOString()} ${name} ${ms.toFixed(1)} ms ${JSON.stringify(r)}`)
    return r.sent + r.late + r.applied
  }
  for (let i = 0; i <= TICKS; i++) {
    for (const [names, hour] of [
      [MIDNIGHT, 0],
      [MORNING, 9],
    ] as const) {
      for (const name of names) {
        const now = at(i, hour)
        const done = await time(name, now, i === 0 ? null : out[name].due)
        if (i > 0) out[name].done += done
        await time(name, new Date(now.getTime() + 10_000), i === 0 ? null : out[name].idle)
      }
    }
  }
  return out
}

async function database(kind: 'big' | 'small'): Promise<{ url: string; dialect: Dialect; drop: () => Promise<void> }> {
  if (!PG_ADMIN) {
    const dir = mkdtempSync(join(tmpdir(), 'anchang-bench-'))
    const url = `file:${join(dir, `${kind}.db`)}`
    await applyMigrations(url)
    const db = new Database(join(dir, `${kind}.db`))
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = OFF')
    return {
      url,
      dialect: {
        provider: 'sqlite',
        exec: async (sql) => void db.exec(sql),
        close: async () => void db.close(),
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const admin = parseDatabaseUrl(PG_ADMIN)
  if (admin.provider !== 'postgresql') throw new Error('expected a postgresql:// admin URL')
  const name = `anchang_bench_sweep_${kind}_${process.pid}`
  const run = async (sql: string) => {
    const c = new pg.Client(admin.pool)
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await run(`CREATE DATABASE "${name}"`)
  const u = new URL(PG_ADMIN)
  u.pathname = `/${name}`
  const url = u.toString()
  await applyMigrations(url)
  const client = new pg.Client({ ...admin.pool, database: name })
  await client.connect()
  return {
    url,
    dialect: {
      provider: 'postgresql',
      exec: async (sql) => void (await client.query(sql)),
      close: () => client.end(),
    },
    drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

async function measure(kind: 'big' | 'small', filings: number, deposits: number) {
  const db = await database(kind)
  const t0 = performance.now()
  const store = await openStore(db.url)
  try {
    await seed(store, db.dialect, filings, deposits)
    const seeded = performance.now() - t0
    const counts = {
      filings: await store.db.filing.count(),
      customers: await store.db.customer.count(),
      deposits: await store.db.deposit.count(),
      runs: await store.db.scheduledRun.count(),
    }
    console.log(`  ${kind}: seeded ${JSON.stringify(counts)} in ${(seeded / 1000).toFixed(1)} s`)
    return await simulate(store)
  } finally {
    await store.close()
    await db.dialect.close()
    await db.drop()
  }
}

console.log(
  `bench:sweep on ${PG_ADMIN ? 'PostgreSQL' : 'SQLite'} — ${TICKS} simulated days after a warm-up, ${DUE} due per kind per day`,
)
await measure('small', 100, 10) // warm-up: the first run pays for compiling the code paths; not shown
const small = await measure('small', 100, 10)
const big = await measure('big', FILINGS, DEPOSITS)
const f = (x: number) => x.toFixed(1).padStart(7)
console.log(
  `\n${'sweep'.padEnd(22)}|${'tick'.padStart(6)} |${' 100 filings: median'.padStart(21)}${'max'.padStart(8)} |${` ${FILINGS.toLocaleString('en-US')} filings: median`.padStart(27)}${'max'.padStart(8)} | ratio | due rows`,
)
console.log('-'.repeat(110))
for (const name of [...MIDNIGHT, ...MORNING]) {
  for (const which of ['due', 'idle'] as const) {
    const s = small[name][which]
    const b = big[name][which]
    console.log(
      `${(which === 'due' ? name : '').padEnd(22)}|${which.padStart(6)} |${f(median(s)).padStart(21)}${f(Math.max(...s))} |${f(median(b)).padStart(27)}${f(Math.max(...b))} | ${(median(b) / median(s)).toFixed(2).padStart(5)} | ${which === 'due' ? `${big[name].done} (${small[name].done})` : ''}`,
    )
  }
}
console.log(
  '\nms per tick. "due": the tick that handles the day\'s new rows (reminders a page per transaction, each transition in' +
    ' its own); "idle": the same sweep 10 s later, finding nothing new. due rows: handled in the measured ticks, big (small).',
)
process.exit(0)
