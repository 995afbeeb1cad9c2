import type { ChatKey, Clock, OutboxQueue } from '../app/ports.ts'
import { afterSend, nextSendAt, type PaceRule } from '../domain/pacing.ts'
import { chatKeyOf, type Platform } from '../domain/platform.ts'
import type { Sender, SendOutcome } from './incoming.ts'
import { mergeForChat } from './merge.ts'
import type { LengthLimit } from './outbound.ts'

export interface OutboxWorkerDeps {
  queue: OutboxQueue
  senders: Partial<Record<Platform, Sender>>
  /** Pacing per chat (a group, a person, a robot key), by platform; one-shot `response` addresses are not paced. */
  pacing: Partial<Record<Platform, PaceRule>>
  clock: Clock
  workerId: string
  log?: (event: string, fields: Record<string, unknown>) => void
  /**
   * False while this instance cannot send on a platform (WeCom's long connection is held by another instance, or
   * is reconnecting): its chats are released at once for the instance that can.
   */
  canSend?: (platform: Platform) => boolean
  /** How long a claim holds before another worker may take the chat over; renewed every third of it while sending. */
  leaseMs?: number
  /** Chats delivered at the same time: a hung platform holds only its own chats. */
  concurrency?: number
  idleMs?: number
  /** Told once per failure run when a platform has failed for `alertAfterMs` (10 minutes): tell the admins. */
  onPlatformDown?: (platform: Platform, since: Date, reason: string) => Promise<void>
  alertAfterMs?: number
  random?: () => number
}

export interface OutboxWorker {
  /**
   * Wake the worker now: a transaction just queued messages, for `chats` when the caller knows them. Those the worker
   * is not already delivering and does not know to wait (paced, backing off) are delivered at once; the others go
   * when the worker wakes for them anyway — either way without a search of the whole queue, which in a busy group's
   * backlog would cost more than the command. Without `chats` (the scheduler) it searches.
   */
  kick(chats?: readonly ChatKey[]): void
  /** One pass: claim the due chats and deliver them; resolves with the number of messages handled. */
  runOnce(): Promise<number>
  start(): void
  /** Stop after the deliveries in flight. */
  stop(): Promise<void>
}

const DEFAULT_LIMIT: LengthLimit = { max: 4096, unit: 'utf16' }
const MAX_BACKOFF_MS = 600_000

/**
 * Sends the outbox, one chat at a time per chat and many chats at once. A claimed chat's waiting messages go out
 * merged (mergeForChat) as fast as its pacing allows; what the bucket does not allow yet waits in the queue with the
 * chat's next slot. Failures back off exponentially up to 10 minutes (or as the platform asks) and are retried for
 * as long as it takes; a permanent failure is recorded for /outbox retry.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const leaseMs = deps.leaseMs ?? 60_000
  const concurrency = deps.concurrency ?? 16
  const idleMs = deps.idleMs ?? 1_000
  const alertAfterMs = deps.alertAfterMs ?? 600_000
  const random = deps.random ?? Math.random
  const log = deps.log ?? (() => {})
  const inFlight = new Map<string, Promise<number>>()
  /** Chats this instance knows must wait (paced, backing off, not sendable here), until when. */
  const waiting = new Map<string, number>()
  let seq = 0
  let running = false
  let loop: Promise<void> | null = null
  let wake: (() => void) | null = null
  let kicked = false
  /** A search or a kick found no room for more deliveries: the next delivery to end searches. */
  let starved = false

  const hold = (key: string, until: number) => waiting.set(key, until)

  /** Delivers one chat's claimed messages; resolves with how many messages got an outcome. */
  async function deliverChat(chat: ChatKey): Promise<number> {
    const key = chatKeyOf(chat)
    const claim = `${deps.workerId}:${++seq}`
    const now = deps.clock.now()
    const got = await deps.queue.claimChat(chat, claim, now, leaseMs)
    if (got === null) return 0
    if ('waitUntil' in got) {
      hold(key, got.waitUntil.getTime())
      return 0
    }
    if (got.messages.length === 0 || (deps.canSend && !deps.canSend(chat.platform))) {
      if (got.messages.length > 0) hold(key, now.getTime() + 3_000)
      await deps.queue.release(key, claim, now)
      return 0
    }
    const sender = deps.senders[chat.platform]
    if (!sender) {
      const ids = got.messages.map((m) => m.id)
      await deps.queue.failed(key, claim, ids, now, `platform ${chat.platform} is not configured`)
      return ids.length
    }
    const rule = chat.target.kind === 'response' ? undefined : deps.pacing[chat.platform]
    const batches = mergeForChat(got.messages, sender.limit?.(chat.target) ?? DEFAULT_LIMIT)
    let pace = got.pace
    let handled = 0
    const renewal = setInterval(() => {
      void deps.queue.renew(key, claim, new Date(deps.clock.now().getTime() + leaseMs)).catch(() => {})
    }, leaseMs / 3)
    try {
      for (const batch of batches) {
        const t = deps.clock.now().getTime()
        const slot = rule ? nextSendAt(rule, pace, t) : t
        if (slot > t) {
          hold(key, slot)
          await deps.queue.release(key, claim, new Date(slot))
          return handled
        }
        let outcome: SendOutcome
        try {
          outcome = await sender.send(batch.delivery)
        } catch (e) {
          outcome = { kind: 'retry', reason: e instanceof Error ? e.message : String(e) }
        }
        const done = deps.clock.now()
        if (outcome.kind === 'sent') {
          if (rule) pace = afterSend(rule, pace, done.getTime())
          if (!(await deps.queue.sent(key, claim, batch.ids, done, pace, chat.platform))) {
            log('outbox.claim-lost', { chat: key, ids: batch.ids })
            return handled
          }
          handled += batch.ids.length
        } else if (outcome.kind === 'failed') {
          log('outbox.failed', { chat: key, ids: batch.ids, reason: outcome.reason })
          await deps.queue.failed(key, claim, batch.ids, done, outcome.reason)
          return handled + batch.ids.length
        } else if (outcome.paced) {
          const at = done.getTime() + Math.min(MAX_BACKOFF_MS, outcome.afterMs ?? 3_000)
          hold(key, at)
          await deps.queue.release(key, claim, new Date(at))
          return handled
        } else {
          await retryLater(chat, key, claim, batch.ids, got.attempts, done, outcome)
          return handled
        }
      }
      const t = deps.clock.now().getTime()
      const next = rule ? nextSendAt(rule, pace, t) : t
      if (next > t) hold(key, next)
      await deps.queue.release(key, claim, new Date(next))
      return handled
    } finally {
      clearInterval(renewal)
    }
  }

  async function retryLater(
    chat: ChatKey,
    key: string,
    claim: string,
    ids: number[],
    attempts: number,
    done: Date,
    outcome: Extract<SendOutcome, { kind: 'retry' }>,
  ) {
    const backoff = Math.min(
      MAX_BACKOFF_MS,
      outcome.afterMs ?? Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempts) * (0.8 + random() * 0.4),
    )
    const at = done.getTime() + backoff
    log('outbox.retry', { chat: key, reason: outcome.reason, attempts: attempts + 1, inMs: Math.round(backoff) })
    hold(key, at)
    await deps.queue.retry(key, claim, ids, done, new Date(at), outcome.reason, chat.platform)
    if (
      deps.onPlatformDown &&
      (await deps.queue.shouldAlert(chat.platform, new Date(done.getTime() - alertAfterMs), done))
    ) {
      log('outbox.platform-down', { platform: chat.platform, reason: outcome.reason })
      const since = (await deps.queue.health(done)).failing.find((f) => f.platform === chat.platform)?.since ?? done
      await deps.onPlatformDown(chat.platform, since, outcome.reason)
    }
  }

  /** Starts a delivery for every free chat; returns the deliveries started. */
  async function pass(): Promise<Promise<number>[]> {
    const now = deps.clock.now().getTime()
    for (const [key, until] of waiting) if (until <= now) waiting.delete(key)
    const room = concurrency - inFlight.size
    starved = room <= 0
    if (starved) return []
    const skip = new Set([...inFlight.keys(), ...waiting.keys()])
    const chats = await deps.queue.dueChats(new Date(now), room, skip)
    // a full page may have left due chats behind
    starved = chats.length >= room
    return chats.map(begin)
  }

  /**
   * One chat's delivery, tracked in flight. When it ends: if it sent something, the chat may have more that arrived
   * meanwhile (their kicks found it busy); if chats were turned away for want of room, the worker searches for them.
   */
  function begin(chat: ChatKey): Promise<number> {
    const key = chatKeyOf(chat)
    const delivery = deliverChat(chat).catch((e) => {
      log('outbox.error', { chat: key, error: e instanceof Error ? e.message : String(e) })
      return 0
    })
    inFlight.set(key, delivery)
    void delivery.then((handled) => {
      inFlight.delete(key)
      if (starved) kick()
      else if (handled > 0) kick([chat])
    })
    return delivery
  }

  function kick(chats?: readonly ChatKey[]) {
    if (chats && chats.length > 0) {
      const now = deps.clock.now().getTime()
      const free = chats.filter((c) => {
        const key = chatKeyOf(c)
        return !inFlight.has(key) && !((waiting.get(key) ?? 0) > now)
      })
      if (free.length === 0) return
      if (running && inFlight.size + free.length <= concurrency) {
        for (const chat of free) if (!inFlight.has(chatKeyOf(chat))) void begin(chat)
        return
      }
    }
    if (running && chats && chats.length > 0) starved = true
    kicked = true
    wake?.()
  }

  /** Until the next local deadline (a paced chat's slot), a kick, or idleMs. */
  function sleep(): Promise<void> {
    const now = deps.clock.now().getTime()
    let ms = idleMs
    for (const until of waiting.values()) ms = Math.min(ms, Math.max(0, until - now))
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  return {
    kick,
    async runOnce() {
      const started = await pass()
      return (await Promise.all(started)).reduce((a, b) => a + b, 0)
    },
    start() {
      if (running) return
      running = true
      loop = (async () => {
        while (running) {
          kicked = false
          try {
            await pass()
          } catch (e) {
            log('outbox.error', { error: e instanceof Error ? e.message : String(e) })
          }
          if (!kicked && running) await sleep()
          wake = null
        }
      })()
    },
    async stop() {
      running = false
      wake?.()
      await loop
      await Promise.all(inFlight.values())
    },
  }
}
