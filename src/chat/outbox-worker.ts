import type { Clock, OutboxQueue, QueuedMessage } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import type { Sender } from './incoming.ts'

export interface OutboxWorkerDeps {
  queue: OutboxQueue
  senders: Partial<Record<Platform, Sender>>
  /** Messages per minute per target (a group, a person, a robot key), by platform. */
  pacing: Partial<Record<Platform, number>>
  clock: Clock
  workerId: string
  log?: (event: string, fields: Record<string, unknown>) => void
  /**
   * False while this instance cannot send on a platform (WeCom's long connection is held by another instance, or
   * is reconnecting): its messages are released at once, uncounted, for the instance that can.
   */
  canSend?: (platform: Platform) => boolean
  /** How long a claim holds before another worker may take the message over. */
  leaseMs?: number
  batch?: number
  idleMs?: number
  /** Attempts before a message that keeps failing temporarily is given up. */
  maxAttempts?: number
}

export interface OutboxWorker {
  /** Wake the worker now (a transaction just queued messages). */
  kick(): void
  /** Claim and send one batch; resolves with the number of messages handled. */
  runOnce(): Promise<number>
  start(): void
  /** Stop after the batch in flight; claims not reached are left to expire. */
  stop(): Promise<void>
}

/**
 * Sends the outbox. Order is kept per target: once one message to a target must wait (pacing or retry), the rest of
 * that target's batch waits too, and the chat is skipped by later claims until then — so a chat with a long backlog
 * (a busy group paced at 20 a minute) costs nothing per pass. Failures back off exponentially (or as the platform
 * asks, e.g. Retry-After). Pacing and blocks are this instance's: behind several instances each paces on its own.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const leaseMs = deps.leaseMs ?? 30_000
  const batch = deps.batch ?? 50
  const idleMs = deps.idleMs ?? 1_000
  const maxAttempts = deps.maxAttempts ?? 20
  const log = deps.log ?? (() => {})
  const windows = new Map<string, number[]>()
  let running = false
  let loop: Promise<void> | null = null
  let wake: (() => void) | null = null
  let kicked = false

  /** Sliding one-minute window per target: the instant the next message may go, or null when it may go now. */
  function nextSlot(m: QueuedMessage, now: number): number | null {
    const perMinute = deps.pacing[m.platform]
    if (!perMinute) return null
    const key = `${m.platform}:${m.target.kind}:${m.target.id}`
    const sent = (windows.get(key) ?? []).filter((t) => t > now - 60_000)
    windows.set(key, sent)
    return sent.length < perMinute ? null : (sent[0] as number) + 60_000
  }
  function record(m: QueuedMessage, now: number) {
    const key = `${m.platform}:${m.target.kind}:${m.target.id}`
    const sent = windows.get(key)
    if (sent) sent.push(now)
    else windows.set(key, [now])
  }

  /** Chats that must wait (paced, or backing off after a failure), until when; skipped by the claim meanwhile. */
  const blocked = new Map<string, { target: QueuedMessage['target'] & { platform: Platform }; until: number }>()
  const keyOf = (m: Pick<QueuedMessage, 'platform' | 'target'>) => `${m.platform}:${m.target.kind}:${m.target.id}`

  /** Releases the claimed messages from `from` on, due again at `at` (the chat waits; nothing is lost or reordered). */
  async function holdBack(list: QueuedMessage[], from: number, at: number, reason: string) {
    for (const m of list.slice(from)) await deps.queue.later(m.id, new Date(at), reason, false)
  }

  /** Sends one chat's claimed messages in order; the first that must wait makes the whole chat wait. */
  async function deliver(list: QueuedMessage[]): Promise<void> {
    for (const [i, m] of list.entries()) {
      const now = deps.clock.now().getTime()
      const slot = nextSlot(m, now)
      if (slot !== null) {
        blocked.set(keyOf(m), { target: { platform: m.platform, ...m.target }, until: slot })
        await holdBack(list, i, slot, 'paced')
        return
      }
      if (deps.canSend && !deps.canSend(m.platform)) {
        // Skipped by this instance's claims for a few seconds; due at once for every other instance.
        blocked.set(keyOf(m), { target: { platform: m.platform, ...m.target }, until: now + 3_000 })
        await holdBack(list, i, now, 'this instance cannot send on this platform now')
        return
      }
      const sender = deps.senders[m.platform]
      if (!sender) {
        await deps.queue.failed(m.id, new Date(now), `platform ${m.platform} is not configured`)
        continue
      }
      let outcome: Awaited<ReturnType<Sender['send']>>
      try {
        outcome = await sender.send({
          platform: m.platform,
          target: m.target,
          text: m.text,
          ...(m.parts ? { parts: m.parts } : {}),
        })
      } catch (e) {
        outcome = { kind: 'retry', reason: e instanceof Error ? e.message : String(e) }
      }
      const done = deps.clock.now()
      if (outcome.kind === 'sent') {
        record(m, done.getTime())
        await deps.queue.sent(m.id, done)
      } else if (outcome.kind === 'failed' || m.attempts + 1 >= maxAttempts) {
        log('outbox.failed', { id: m.id, platform: m.platform, reason: outcome.reason, attempts: m.attempts + 1 })
        await deps.queue.failed(m.id, done, outcome.reason)
      } else {
        const backoff = outcome.afterMs ?? Math.min(600_000, 1_000 * 2 ** m.attempts) * (0.8 + Math.random() * 0.4)
        const at = done.getTime() + backoff
        log('outbox.retry', { id: m.id, platform: m.platform, reason: outcome.reason, inMs: Math.round(backoff) })
        blocked.set(keyOf(m), { target: { platform: m.platform, ...m.target }, until: at })
        await deps.queue.later(m.id, new Date(at), outcome.reason, true)
        await holdBack(list, i + 1, at, 'waiting behind an earlier message to the same chat')
        return
      }
    }
  }

  async function runOnce(): Promise<number> {
    const now = deps.clock.now()
    for (const [key, b] of blocked) if (b.until <= now.getTime()) blocked.delete(key)
    const skip = [...blocked.values()].map((b) => b.target)
    const claimed = await deps.queue.claim(deps.workerId, now, leaseMs, batch, skip)
    const byTarget = new Map<string, QueuedMessage[]>()
    for (const m of claimed) {
      const key = `${m.platform}:${m.target.kind}:${m.target.id}`
      const list = byTarget.get(key)
      if (list) list.push(m)
      else byTarget.set(key, [m])
    }
    await Promise.all([...byTarget.values()].map(deliver))
    return claimed.length
  }

  return {
    kick() {
      kicked = true
      wake?.()
    },
    runOnce,
    start() {
      if (running) return
      running = true
      loop = (async () => {
        while (running) {
          let handled = 0
          try {
            kicked = false
            handled = await runOnce()
          } catch (e) {
            log('outbox.error', { error: e instanceof Error ? e.message : String(e) })
          }
          if (handled === 0 && !kicked && running) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, idleMs)
              wake = () => {
                clearTimeout(timer)
                resolve()
              }
            })
            wake = null
          }
        }
      })()
    },
    async stop() {
      running = false
      wake?.()
      await loop
    },
  }
}
