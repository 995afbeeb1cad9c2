// npm run bench:chat — a busy QQ group through the real server: the bundle `npm start` builds, signed OneBot v11
// webhooks, and a fake OneBot HTTP API recording every send. Phase 1: the 40 agents check in within 60 s; phase 2:
// 90 filings within 60 s, right after. Per phase: the latency from each command's POST to the send carrying its
// answer (p50/p95/max), and over the run the most messages sent to the group in any 60 s, answers lost and answers
// sent twice. Targets: p95 ≤ 3 s and max ≤ 6 s in both phases, ≤ 20 messages in any 60 s, 0 lost, 0 twice.
// `--quick` runs 20 s phases at the same rates (for iterating; report the full run). The server is stopped by PID.
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyMigrations } from '../src/db/migrate/index.ts'
import { openStore } from '../src/db/store.ts'
import { onebotEvent } from '../test/support/fake-onebot.ts'
import { freePort, startServer } from '../test/support/server-process.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../test/support/site.ts'

const QUICK = process.argv.includes('--quick')
const PHASE_MS = QUICK ? 20_000 : 60_000
const SECRET = 'bench-chat-secret-0123456789'
const ROOT = join(import.meta.dirname, '..')
const TARGETS = { p95: 3_000, max: 6_000, perMinute: 20 }

interface Segment {
  type: string
  data: Record<string, string>
}
interface Send {
  at: number
  group: string
  segments: Segment[]
  text: string
}

/** The fake OneBot API: accepts every send at once and records it. */
async function fakeOneBot() {
  const sends: Send[] = []
  let id = 0
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => {
      body += d
    })
    req.on('end', () => {
      const at = Date.now()
      const parsed = JSON.parse(body) as { group_id?: number; user_id?: number; message: Segment[] }
      const segments = Array.isArray(parsed.message) ? parsed.message : []
      const text = segments.map((s) => s.data.text ?? '').join('')
      sends.push({ at, group: String(parsed.group_id ?? `u${parsed.user_id}`), segments, text })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: ++id } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sends,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface Command {
  phase: 1 | 2
  messageId: number
  userId: number
  text: string
  /** Does this send carry this command's answer? */
  answeredBy(s: Send): boolean
  postedAt?: number
}

let nextMessageId = 5_000_000
function checkIn(userId: number): Command {
  const messageId = ++nextMessageId
  return {
    phase: 1,
    messageId,
    userId,
    text: '签到',
    // The answer names the agent: `销售20001（分销1）签到成功：…`, alone or merged with others.
    answeredBy: (s) => new RegExp(`销售${userId}（[^）]*）签到成功`).test(s.text),
  }
}
function filing(n: number, userId: number): Command {
  const messageId = ++nextMessageId
  const name = `客户${n}号`
  return {
    phase: 2,
    messageId,
    userId,
    text: `报备 ${name} ${13_700_000_000 + n * 7919}`,
    answeredBy: (s) => s.text.includes(`${name} `) && s.text.includes('报备成功'),
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number)

async function main() {
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { stdio: 'inherit' })
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'anchang-bench-chat-')), 'bench.db')}`
  await applyMigrations(url)
  const store = await openStore(url)
  await seedOneBotSite(store)
  await store.close()

  const api = await fakeOneBot()
  const server = await startServer(
    {
      NODE_ENV: 'production',
      PORT: String(await freePort()),
      DATABASE_URL: url,
      ONEBOT_API_URL: api.url,
      ONEBOT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    },
    30_000,
    true,
  )
  try {
    const agents = SITE_AGENTS
    const checkIns = agents.slice(0, Math.round((40 * PHASE_MS) / 60_000)).map(checkIn)
    const filings = Array.from({ length: Math.round((90 * PHASE_MS) / 60_000) }, (_, i) =>
      filing(i + 1, agents[(i * 7) % agents.length] as number),
    )
    const post = async (c: Command) => {
      const e = onebotEvent(SECRET, { userId: c.userId, groupId: SITE_GROUP, text: c.text, messageId: c.messageId })
      c.postedAt = Date.now()
      const res = await fetch(`${server.base}/webhooks/onebot`, { method: 'POST', headers: e.headers, body: e.body })
      if (!res.ok) throw new Error(`webhook answered ${res.status}`)
    }
    const runPhase = async (list: Command[]) => {
      const start = Date.now()
      const posts: Promise<void>[] = []
      for (const [i, c] of list.entries()) {
        const due = start + Math.round((i * PHASE_MS) / list.length)
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())))
        posts.push(post(c))
      }
      await Promise.all(posts)
      await new Promise((r) => setTimeout(r, Math.max(0, start + PHASE_MS - Date.now())))
    }
    const started = Date.now()
    await runPhase(checkIns)
    await runPhase(filings)
    const all = [...checkIns, ...filings]
    // Whatever is still on its way: wait up to 30 s for the last answers.
    const deadline = Date.now() + 30_000
    const groupSends = () => api.sends.filter((s) => s.group === String(SITE_GROUP))
    while (Date.now() < deadline && !all.every((c) => groupSends().some((s) => c.answeredBy(s))))
      await new Promise((r) => setTimeout(r, 200))

    const sends = groupSends()
    const lines: string[] = []
    let pass = true
    for (const phase of [1, 2] as const) {
      const list = all.filter((c) => c.phase === phase)
      const latencies: number[] = []
      let lost = 0
      let twice = 0
      for (const c of list) {
        const carrying = sends.filter((s) => c.answeredBy(s))
        if (carrying.length === 0) lost++
        if (carrying.length > 1) twice++
        const first = carrying[0]
        if (first && c.postedAt !== undefined) latencies.push(first.at - c.postedAt)
      }
      latencies.sort((a, b) => a - b)
      const p50 = percentile(latencies, 50)
      const p95 = percentile(latencies, 95)
      const max = latencies.at(-1) ?? Number.NaN
      const ok = p95 <= TARGETS.p95 && max <= TARGETS.max && lost === 0 && twice === 0
      pass &&= ok
      const name = phase === 1 ? `${list.length} check-ins (签到)` : `${list.length} filings (报备)`
      lines.push(
        `| ${name} in ${PHASE_MS / 1000} s | ${p50} | ${p95} | ${max} | ${lost} | ${twice} | ${ok ? 'yes' : 'NO'} |`,
      )
    }
    let maxPerMinute = 0
    for (const s of sends) {
      const n = sends.filter((t) => t.at >= s.at && t.at < s.at + 60_000).length
      maxPerMinute = Math.max(maxPerMinute, n)
    }
    pass &&= maxPerMinute <= TARGETS.perMinute
    const gaps = sends
      .slice(1)
      .map((s, i) => s.at - (sends[i] as Send).at)
      .sort((a, b) => a - b)
    console.log(
      `\nbench:chat — ${new Date().toISOString()}${QUICK ? ' (--quick)' : ''}, one QQ group, ${Math.round((Date.now() - started) / 1000)} s\n`,
    )
    console.log('| phase | p50 (ms) | p95 (ms) | max (ms) | lost | sent twice | within targets |')
    console.log('|---|---:|---:|---:|---:|---:|---|')
    for (const l of lines) console.log(l)
    console.log(
      `\nmessages to the group: ${sends.length} in all, at most ${maxPerMinute} in any 60 s (target ≤ ${TARGETS.perMinute})`,
    )
    console.log(
      `spacing between sends to the group: median ${percentile(gaps, 50)} ms, min ${gaps[0]} ms, max ${gaps.at(-1)} ms`,
    )
    console.log(
      `targets: p95 ≤ ${TARGETS.p95} ms, max ≤ ${TARGETS.max} ms per phase, 0 lost, 0 twice: ${pass ? 'MET' : 'NOT MET'}`,
    )
    process.exitCode = pass ? 0 : 1
  } finally {
    await server.stop()
    await api.close()
  }
}

await main()
