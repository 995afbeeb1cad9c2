import { verifyAuditChain } from '../../src/app/audit.ts'
import { openStore } from '../../src/db/store.ts'
import { serverAuditKey } from '../support/databases.ts'
import { fakeOneBotApi, onebotEvent } from '../support/fake-onebot.ts'
import { freePort, startServer } from '../support/server-process.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../support/site.ts'

export interface CrashRun {
  commands: number
  acknowledged: number
  kills: number
  problems: string[]
  outbox: { rows: number; sent: number; delivered: number; duplicates: number; duplicatesInFlightAtKill: number }
}

const SECRET = 'crash-secret-0123'
/** How long after a server's exit a request it wrote may still be read here (see inFlightAtKill). */
const READ_ORDER_MS = 50

/**
 * A stream of filings and deposits from several senders at a real server process (`src/main.ts`), killed with
 * SIGKILL at random moments and restarted. Senders behave like a platform: an unanswered event is delivered again
 * (same event id) until it is answered 2xx. Afterwards the database and the fake platform are checked.
 */
export async function killRestartRun(opts: {
  /** a migrated, empty database */
  url: string
  kills: number
  commands: number
  senders: number
  seed?: number
}): Promise<CrashRun> {
  let rnd = opts.seed ?? 42
  const random = () => {
    rnd = (rnd * 1103515245 + 12345) % 2 ** 31
    return rnd / 2 ** 31
  }
  const api = await fakeOneBotApi()
  const url = opts.url
  const setup = await openStore(url)
  const { projectId } = await seedOneBotSite(setup)
  const unitCount = Math.ceil(opts.commands / 2)
  await setup.transaction((tx) =>
    tx.units.add(
      projectId,
      Array.from({ length: unitCount }, (_, i) => ({
        code: `9-1-${1001 + i}`,
        areaCm2: 8950,
        listPriceFen: 168_000_000,
        floorPriceFen: 160_000_000,
        basement: false,
      })),
      new Date(),
    ),
  )
  await setup.close()

  const env = {
    DATABASE_URL: url,
    PORT: String(await freePort()),
    ONEBOT_API_URL: api.url,
    ONEBOT_SECRET: SECRET,
    ANCHANG_RATE_LIMIT: 'off',
    ANCHANG_CONSOLE: 'off',
  }
  let server = await startServer(env)
  /** Each kill: when SIGKILL was sent, and when this process saw the server exit (one clock: this process's). */
  const kills: { at: number; exitedAt: number; readyAt: number }[] = []

  // Each sender is one agent typing in order: files customers, and after every second filing puts a deposit on a
  // unit for the customer it filed just before (its own customer, so the deposit is accepted).
  type Cmd = {
    event: ReturnType<typeof onebotEvent>
    kind: 'file' | 'deposit'
    phone: string
    unit?: string
    sender: number
  }
  const commands: Cmd[] = []
  let units = 0
  for (let i = 0; commands.length < opts.commands; i++) {
    const sender = i % opts.senders
    const agent = SITE_AGENTS[sender] as number
    const phone = String(13700000000 + i)
    commands.push({
      kind: 'file',
      phone,
      sender,
      event: onebotEvent(SECRET, {
        userId: agent,
        groupId: SITE_GROUP,
        text: `报备 客户${i} ${phone}`,
        messageId: 900_000 + commands.length,
      }),
    })
    if (i % 2 === 1 && commands.length < opts.commands && units < unitCount) {
      const unit = `9-1-${1001 + units++}`
      commands.push({
        kind: 'deposit',
        phone,
        unit,
        sender,
        event: onebotEvent(SECRET, {
          userId: agent,
          groupId: SITE_GROUP,
          text: `定金 ${unit} ${phone} 小定`,
          messageId: 900_000 + commands.length,
        }),
      })
    }
  }
  const acknowledged = new Set<number>()
  let stopped = false

  const deliver = async (i: number) => {
    const c = commands[i] as Cmd
    for (;;) {
      try {
        const res = await fetch(`${server.base}/webhooks/onebot`, {
          method: 'POST',
          body: c.event.body,
          headers: c.event.headers,
        })
        if (res.status === 204) {
          acknowledged.add(i)
          return
        }
      } catch {
        // the server is down: the platform tries again
      }
      await new Promise((r) => setTimeout(r, 20 + random() * 50))
    }
  }
  const senders = Array.from({ length: opts.senders }, async (_, sender) => {
    for (const [i, c] of commands.entries()) if (c.sender === sender) await deliver(i)
  })
  const killer = (async () => {
    for (let k = 0; k < opts.kills; k++) {
      // spread the kills over the stream, each at a random moment within its stretch
      const mark = Math.floor((opts.commands * (k + random() * 0.8 + 0.1)) / opts.kills)
      while (acknowledged.size < mark && !stopped) await new Promise((r) => setTimeout(r, 5))
      if (stopped) break
      const at = Date.now()
      await server.kill()
      const exitedAt = Date.now()
      server = await startServer(env)
      kills.push({ at, exitedAt, readyAt: Date.now() })
    }
  })()
  await Promise.all(senders)
  stopped = true
  await killer
  // a moment for the outbox to send what its pacing allows, then a clean stop
  await new Promise((r) => setTimeout(r, 1_000))
  await server.stop()
  const check = await openStore(url, { auditKey: serverAuditKey(url) })

  const problems: string[] = []
  for (const i of acknowledged) {
    const c = commands[i] as Cmd
    const customer = await check.db.customer.findFirst({ where: { phone: c.phone } })
    if (!customer) problems.push(`acknowledged command ${i} (${c.kind}) has no customer`)
    if (c.kind === 'file' && customer && (await check.db.filing.count({ where: { customerId: customer.id } })) !== 1) {
      problems.push(`acknowledged filing ${i} does not have exactly one filing row`)
    }
    if (c.kind === 'deposit') {
      const unit = await check.db.unit.findFirst({ where: { code: c.unit } })
      const deposits = unit ? await check.db.deposit.count({ where: { unitId: unit.id } }) : 0
      if (deposits !== 1) problems.push(`acknowledged deposit ${i} on ${c.unit} has ${deposits} deposit rows`)
      if (unit && unit.status !== 'held') problems.push(`unit ${c.unit} of acknowledged deposit ${i} is ${unit.status}`)
    }
  }
  // no half-applied change: every filing and deposit has its audit entry, every owner points at a real filing
  const filings = await check.db.filing.count()
  const filingAudits = await check.db.auditEntry.count({ where: { action: 'filing.claim' } })
  if (filings !== filingAudits) problems.push(`${filings} filings but ${filingAudits} filing audit entries`)
  const owners = await check.db.customer.findMany({
    where: { ownerFilingId: { not: null } },
    select: { ownerFilingId: true },
  })
  for (const o of owners) {
    if (!(await check.db.filing.findUnique({ where: { id: o.ownerFilingId as number } })))
      problems.push('an owner without its filing')
  }
  const held = await check.db.unit.findMany({ where: { status: 'held' } })
  for (const u of held) {
    const d = u.depositId === null ? null : await check.db.deposit.findUnique({ where: { id: u.depositId } })
    if (!d) problems.push(`unit ${u.code} held by a deposit that does not exist`)
  }
  const events = await check.db.inboundEvent.count()
  if (events > commands.length) problems.push(`${events} inbound events for ${commands.length} commands`)
  const verdict = await check.transaction((tx) => verifyAuditChain(tx, projectId))
  if (!verdict.ok) problems.push(`audit chain broken at ${verdict.brokenAt} (${verdict.reason})`)

  // Outbound: every message is in the outbox (nothing lost: what is not sent yet waits its turn — a group gets 20 a
  // minute); what was marked sent was delivered; a second delivery is possible only for a message in flight at a kill.
  const rows = await check.db.outbox.findMany({ select: { text: true, sentAt: true, failedAt: true } })
  // Messages waiting for one chat go out merged (answers separated by a blank line): a row was delivered by every
  // accepted message that carries its text.
  const counts = new Map<string, number>()
  const firstAccepted = new Map<string, number>()
  for (const r of rows) {
    for (const [n, m] of api.accepted.entries()) {
      // alone, or one of the answers (after the sender's at segment) of a merged message
      const hay = `\n\n${m.text}\n\n`
      if (!hay.includes(`\n\n${r.text}\n\n`) && !hay.includes(`\n\n ${r.text}\n\n`)) continue
      counts.set(r.text, (counts.get(r.text) ?? 0) + 1)
      if (!firstAccepted.has(r.text)) firstAccepted.set(r.text, api.acceptedAt[n] as number)
    }
  }
  /**
   * Accepted by the fake API within 3 s before a kill (under load the mark can trail the send by a batch of commits),
   * or after SIGKILL but no later than READ_ORDER_MS after this process saw the exit: a request the dying server wrote
   * can be read here after the signal went out, and even after the exit event (both wait in one turn of the event
   * loop). Nothing else can send then: the restarted server is spawned only after the exit and takes far longer than
   * READ_ORDER_MS to boot, so a send by it still counts as a second one.
   */
  const inFlightAtKill = (text: string) => {
    const at = firstAccepted.get(text) as number
    return kills.some((k) => at > k.at - 3_000 && at <= k.exitedAt + READ_ORDER_MS)
  }
  for (const k of kills) {
    // the window's premise (inFlightAtKill): a restart takes longer than READ_ORDER_MS
    if (k.readyAt - k.exitedAt <= READ_ORDER_MS) problems.push(`a restart took only ${k.readyAt - k.exitedAt} ms`)
  }
  let duplicates = 0
  let inFlight = 0
  for (const r of rows) {
    const n = counts.get(r.text) ?? 0
    if (r.failedAt) problems.push(`an outbound message failed: ${r.text.slice(0, 40)}`)
    if (r.sentAt && n === 0) problems.push(`marked sent but never delivered: ${r.text.slice(0, 40)}`)
    if (!r.sentAt && n > 0 && !inFlightAtKill(r.text)) {
      const at = firstAccepted.get(r.text) as number
      const nearest = kills.map((k) => k.at - at).sort((a, b) => Math.abs(a) - Math.abs(b))[0]
      problems.push(`delivered but not marked sent (nearest kill ${nearest} ms after): ${r.text.slice(0, 40)}`)
    }
    if (n > 1) {
      duplicates++
      if (inFlightAtKill(r.text)) inFlight++
      else problems.push(`delivered ${n} times without a kill in flight: ${r.text.slice(0, 40)}`)
    }
  }
  const sent = rows.filter((r) => r.sentAt).length
  await check.close()
  await api.close()
  return {
    commands: commands.length,
    acknowledged: acknowledged.size,
    kills: kills.length,
    problems,
    outbox: { rows: rows.length, sent, delivered: api.accepted.length, duplicates, duplicatesInFlightAtKill: inFlight },
  }
}
