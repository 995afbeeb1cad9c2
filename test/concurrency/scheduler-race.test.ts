import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type DbStore, openStore } from '../../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../support/databases.ts'

const WORKER = join(import.meta.dirname, 'scheduler-worker.ts')
const N = 1_000
const NOW = '2026-12-14T09:00:00+08:00'

interface Instance {
  child: ChildProcessWithoutNullStreams
  /** transactions that queued reminders this instance committed so far (a page of up to 50 each) */
  commits: () => number
  ready: Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>
}

function instance(url: string, instanceId: string): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  let ready: () => void = () => {}
  const readyP = new Promise<void>((r) => {
    ready = r
  })
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    if (out.includes('READY')) ready()
  })
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out: out + err })),
  )
  child.stdin.write(`${JSON.stringify({ url, now: NOW, instanceId, batch: 50 })}\n`)
  return { child, commits: () => out.split('\n').filter((l) => l === 'Q').length, ready: readyP, exited }
}

/** A project whose agency 链家 (two agents, both reachable directly) protects N customers ending 12-16 00:00. */
async function seed(store: DbStore): Promise<void> {
  const at = new Date('2026-12-01T10:00:00+08:00')
  await store.transaction(async (tx) => {
    const p = await tx.projects.create('香公馆', 'Asia/Shanghai', at)
    await tx.groups.bind({ platform: 'console', chatId: 'g1', projectId: p.id, title: null }, 'console:admin', at)
    const a = await tx.agencies.add(p.id, '链家', at)
    for (const name of ['李四', '王二']) {
      const s = await tx.people.addStaff({
        projectId: p.id,
        name,
        role: 'agent',
        agencyId: a.id,
        status: 'active',
        statusSince: at,
        createdAt: at,
      })
      await tx.people.createJoinCode(`J${s.id}`, s.id, at, new Date(at.getTime() + 3_600_000))
      await tx.people.redeemJoinCode(`J${s.id}`, 'console', `agent${s.id}`, at)
    }
  })
  const until = new Date('2026-12-16T00:00:00+08:00')
  await store.db.customer.createMany({
    data: Array.from({ length: N }, (_, i) => ({
      projectId: 1,
      phone: `139${String(i).padStart(8, '0')}`,
      name: `客户${i}`,
      ownerAgencyId: 1,
      ownerSince: at,
      protectedUntil: until,
      version: 0,
      createdAt: at,
    })),
  })
}

async function settle(store: DbStore) {
  const runs = await store.db.scheduledRun.findMany({ select: { key: true, outcome: true, doneBy: true } })
  const messages = await store.db.outbox.findMany({ select: { targetId: true, text: true, dedupeKey: true } })
  const perCustomer = new Map<string, number>()
  for (const m of messages) {
    const phone = /139\d{8}/.exec(m.text)?.[0] ?? '?'
    perCustomer.set(phone, (perCustomer.get(phone) ?? 0) + 1)
  }
  return { runs, messages, perCustomer }
}

const postgres = databaseKinds().includes('postgresql')

describe.skipIf(!postgres)('two scheduler instances on one PostgreSQL database', () => {
  const children: ChildProcessWithoutNullStreams[] = []
  let store: DbStore | null = null
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    await store?.close()
    store = null
  })

  it('race over 1,000 due reminders: 1,000 sent, none twice', async () => {
    const url = await freshDatabaseUrl('postgresql')
    store = await openStore(url)
    await seed(store)
    const a = instance(url, 'a')
    const b = instance(url, 'b')
    children.push(a.child, b.child)
    await Promise.all([a.ready, b.ready])
    a.child.stdin.end('GO\n')
    b.child.stdin.end('GO\n')
    const [ea, eb] = await Promise.all([a.exited, b.exited])
    expect([ea.code, eb.code], `${ea.out}\n${eb.out}`).toEqual([0, 0])
    const reports = [ea.out, eb.out].map((o) => JSON.parse(/DONE (.*)/.exec(o)?.[1] ?? '{}') as { sent: number })
    expect((reports[0]?.sent ?? 0) + (reports[1]?.sent ?? 0)).toBe(N) // what each says it did adds up to N

    const { runs, messages, perCustomer } = await settle(store)
    expect(runs).toHaveLength(N)
    expect(runs.filter((r) => r.doneBy === 'scheduler:a').length).toBe(reports[0]?.sent)
    expect(runs.every((r) => r.outcome === 'sent')).toBe(true)
    expect(messages).toHaveLength(2 * N) // each reminder to both agents, directly
    expect(new Set(messages.map((m) => `${m.targetId} ${m.text}`)).size).toBe(2 * N)
    expect(perCustomer.size).toBe(N)
    expect([...perCustomer.values()].every((n) => n === 2)).toBe(true)
  }, 180_000)

  it('one instance killed (SIGKILL) mid-batch: the other finishes, still exactly once', async () => {
    const url = await freshDatabaseUrl('postgresql')
    store = await openStore(url)
    await seed(store)
    const a = instance(url, 'a')
    const b = instance(url, 'b')
    children.push(a.child, b.child)
    await Promise.all([a.ready, b.ready])
    a.child.stdin.end('GO\n')
    b.child.stdin.end('GO\n')
    // As soon as two pages (100 reminders) are committed, kill the instance that committed them: it is working on
    // its next page, whose transaction dies with it.
    const killed = await new Promise<Instance>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no instance committed two pages')), 120_000)
      const check = () => {
        if (a.commits() + b.commits() < 2) return
        a.child.stdout.off('data', check)
        b.child.stdout.off('data', check)
        clearTimeout(deadline)
        const leader = a.commits() >= b.commits() ? a : b
        leader.child.kill('SIGKILL')
        resolve(leader)
      }
      a.child.stdout.on('data', check)
      b.child.stdout.on('data', check)
    })
    const survivor = killed === a ? b : a
    const [ek, es] = await Promise.all([killed.exited, survivor.exited])
    expect(ek.signal).toBe('SIGKILL')
    expect(es.code, es.out).toBe(0)

    const { runs, messages, perCustomer } = await settle(store)
    expect(runs).toHaveLength(N)
    expect(messages).toHaveLength(2 * N)
    expect([...perCustomer.values()].every((n) => n === 2)).toBe(true)
    // Whatever the killed instance committed before it died stays; the survivor did all the rest.
    const killedId = killed === a ? 'scheduler:a' : 'scheduler:b'
    const byKilled = runs.filter((r) => r.doneBy === killedId).length
    expect(byKilled).toBeGreaterThan(0)
    expect(byKilled).toBeLessThan(N)
    expect(runs.filter((r) => r.doneBy !== killedId).length).toBe(N - byKilled)
  }, 180_000)
})
