import { COMMANDS } from '../../src/chat/commands/index.ts'
import type { ChatDeps } from '../../src/chat/handle-message.ts'
import { handleMessage } from '../../src/chat/handle-message.ts'
import type { IncomingMessage } from '../../src/chat/incoming.ts'
import type { DbStore } from '../../src/db/store.ts'
import { openStore } from '../../src/db/store.ts'
import type { Platform } from '../../src/domain/platform.ts'
import { ManualClock } from './clock.ts'
import { type DatabaseKind, freshDatabaseUrl, TEST_AUDIT_KEY } from './databases.ts'

export const GROUP = 'g1'
export const ADMIN = 'admin'

export interface Harness {
  store: DbStore
  /** The database's URL (to open a second store on it). */
  url: string
  clock: ManualClock
  deps: ChatDeps
  /** Sends `text` as `who` (a console user id) in the group, or directly; returns the bot's reply text. */
  say(who: string, text: string, where?: 'group' | 'direct'): Promise<string>
  /** Delivers a message as given (for redelivery tests). */
  send(msg: IncomingMessage): ReturnType<typeof handleMessage>
  message(who: string, text: string, where?: 'group' | 'direct', eventId?: string): IncomingMessage
  /** Outbound messages queued so far (oldest first). */
  outbox(): Promise<{ platform: string; targetKind: string; targetId: string; text: string }[]>
  close(): Promise<void>
}

/** A chat bot on a fresh database, spoken to through handleMessage as the console platform would. */
export async function chatHarness(kind: DatabaseKind, start: string, platform: Platform = 'console'): Promise<Harness> {
  const url = await freshDatabaseUrl(kind)
  const store = await openStore(url, { auditKey: TEST_AUDIT_KEY })
  const clock = new ManualClock(start)
  const deps: ChatDeps = { store, clock, admins: new Set([`${platform}:${ADMIN}`]), commands: COMMANDS }
  let n = 0
  const message = (
    who: string,
    text: string,
    where: 'group' | 'direct' = 'group',
    eventId?: string,
  ): IncomingMessage => ({
    platform,
    eventId: eventId ?? `ev${++n}`,
    chat: where === 'group' ? { kind: 'group', id: GROUP } : { kind: 'direct', id: who },
    sender: { userId: who, name: who },
    text,
    mentionsBot: false,
  })
  const send = (msg: IncomingMessage) => handleMessage(deps, msg)
  return {
    store,
    url,
    clock,
    deps,
    message,
    send,
    async say(who, text, where = 'group') {
      const r = await send(message(who, text, where))
      return r.replies[0] ?? ''
    },
    async outbox() {
      return store.db.outbox.findMany({
        orderBy: { id: 'asc' },
        select: { platform: true, targetKind: true, targetId: true, text: true },
      })
    },
    close: () => store.close(),
  }
}

/**
 * The usual site: the group bound to 香公馆, agencies 链家 and 我爱我家, a secretary (sec), a manager (mgr) and one
 * agent per agency (lj1 of 链家, wa1 of 我爱我家), each joined with their join code.
 */
export async function standardSite(h: Harness): Promise<void> {
  await h.say(ADMIN, '/group bind 香公馆')
  await h.say(ADMIN, '/agency add 链家')
  await h.say(ADMIN, '/agency add 我爱我家')
  await join(h, 'sec', '/staff add 王秘书 secretary')
  await join(h, 'mgr', '/staff add 赵经理 manager')
  await join(h, 'lj1', '/staff add 李四 agent 链家')
  await join(h, 'wa1', '/staff add 周五 agent 我爱我家')
}

export async function join(h: Harness, who: string, staffAdd: string): Promise<void> {
  const reply = await h.say(ADMIN, staffAdd, 'direct')
  const code = /\/join ([A-Z0-9]+)/.exec(reply)?.[1]
  if (!code) throw new Error(`no join code in: ${reply}`)
  const joined = await h.say(who, `/join ${code}`, 'direct')
  if (!joined.startsWith('欢迎')) throw new Error(`join failed: ${joined}`)
}
