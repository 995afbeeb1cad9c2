// The bench's requests, shared by autocannon (scripts/bench.ts) and the open-loop generator (open-loop.ts): signed
// OneBot events from the seeded site's agents, each with a message id of its own (a repeated id would be answered as
// a redelivery, without running the command).
import { onebotEvent } from '../../test/support/fake-onebot.ts'
import { SITE_AGENTS, SITE_GROUP } from '../../test/support/site.ts'

export const BENCH_SECRET = 'bench-secret-0123456789'

export type RequestKind = 'bare' | 'filing' | 'lookup'
export type Make = () => { body: string; headers: Record<string, string> }

/** Requests of one kind; `firstId` keeps message ids apart between generators; `lookups`: phones for 查客户. */
export function requestMaker(kind: RequestKind, firstId: number, lookups: readonly string[] = []): Make {
  let id = firstId
  let phones = 0
  // a new number each time, distinct from every other generator's (its ids are)
  const phone = () => String(13_000_000_000 + ((id * 7919 + ++phones) % 999_999_999))
  const agent = () => SITE_AGENTS[id % SITE_AGENTS.length] as number
  if (kind === 'bare')
    return () =>
      onebotEvent(BENCH_SECRET, { userId: 1, groupId: SITE_GROUP, text: `报备 客户 ${phone()}`, messageId: ++id })
  if (kind === 'lookup')
    return () =>
      onebotEvent(BENCH_SECRET, {
        userId: agent(),
        groupId: SITE_GROUP,
        text: `查客户 ${lookups[id % lookups.length]}`,
        messageId: ++id,
      })
  return () =>
    onebotEvent(BENCH_SECRET, {
      userId: agent(),
      groupId: SITE_GROUP,
      text: `报备 客户${id} ${phone()}`,
      messageId: ++id,
    })
}
