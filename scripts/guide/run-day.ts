// Runs the guide's day (day.ts) through the bot's own handler on a scratch SQLite database and records each answer
// and every message the step sent to other chats, exactly as the outbox holds them.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import { type ChatDeps, handleMessage } from '../../src/chat/handle-message.ts'
import type { IncomingMessage } from '../../src/chat/incoming.ts'
import { applyMigrations } from '../../src/db/migrate/index.ts'
import { openStore } from '../../src/db/store.ts'
import { DAY, JOIN_CODE_STAND_INS, PEOPLE, type Person, type Step } from './day.ts'

export const GROUP = 'site-group'

export interface Delivery {
  /** 'group', or the person a direct message went to. */
  to: 'group' | Person
  text: string
}

export interface Exchange {
  step: Step
  /** The text as typed (join codes shown by their stand-ins). */
  sent: string
  answer: string
  /** Other messages the step caused (notices to the group, to the manager …), in the order they were queued. */
  others: Delivery[]
}

/** A fixed key: the guide's audit codes and hashes do not depend on the machine. */
const GUIDE_AUDIT_KEY = 'guide-audit-key-not-secret-0123456789abcdef'

export async function runDay(steps: readonly Step[] = DAY): Promise<Exchange[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anchang-guide-'))
  const url = `file:${join(dir, 'guide.db')}`
  await applyMigrations(url)
  const store = await openStore(url, { auditKey: GUIDE_AUDIT_KEY })
  let now = new Date('2026-12-01T08:00:00+08:00')
  const deps: ChatDeps = {
    store,
    clock: { now: () => now },
    realClock: { now: () => now },
    admins: new Set(['console:admin']),
    commands: COMMANDS,
  }
  const codes = new Map<string, string>() // real join code → stand-in
  // Download links of exports are random too: one fixed stand-in keeps the guide the same on every run.
  const standIn = (text: string) =>
    text.replace(/\b[A-Z0-9]{8}\b/g, (c) => codes.get(c) ?? c).replace(/\/files\/[\w-]{16,64}/g, '/files/…')
  let lastCode = ''
  let outboxSeen = 0
  const out: Exchange[] = []
  try {
    for (const [i, step] of steps.entries()) {
      if (step.at) now = new Date(step.at)
      const text = step.text.replace('{code}', lastCode)
      const msg: IncomingMessage = {
        platform: 'console',
        eventId: `guide-${i}`,
        chat: step.where === 'group' ? { kind: 'group', id: GROUP } : { kind: 'direct', id: step.who },
        sender: { userId: step.who, name: PEOPLE[step.who].name },
        text,
        mentionsBot: false,
      }
      const handled = await handleMessage(deps, msg)
      const answer = handled.replies[0] ?? ''
      // Only /员工 添加 and /员工 加入码 hand out codes (帮助's own example code is not one).
      for (const m of /^\/(员工|staff)/.test(step.text) ? answer.matchAll(/\/join ([A-Z0-9]{8})/g) : []) {
        const real = m[1] as string
        if (!codes.has(real)) codes.set(real, JOIN_CODE_STAND_INS[codes.size] ?? real)
        lastCode = real
      }
      const rows = await store.db.outbox.findMany({ orderBy: { id: 'asc' }, skip: outboxSeen })
      outboxSeen += rows.length
      // The console delivers within a second; the guide's day has no outbox worker, so it marks them delivered itself
      // (else /发件箱 would show the whole day as waiting).
      await store.db.outbox.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { sentAt: now } })
      // The first row is the answer itself; the rest went elsewhere.
      const others = rows.slice(1).map((r) => ({
        to: r.targetKind === 'group' ? ('group' as const) : (r.targetId as Person),
        text: standIn(r.text),
      }))
      out.push({ step, sent: standIn(text), answer: standIn(answer), others })
      now = new Date(now.getTime() + 60_000)
    }
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}
