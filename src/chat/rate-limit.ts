/**
 * Per-sender flood control: a token bucket per platform identity. A sender over the limit gets one polite notice per
 * flood and their further commands are dropped until the bucket refills; everyone else is unaffected. Buckets live in
 * the instance's memory (behind several instances a flooder is limited per instance), and idle ones are forgotten.
 */
export interface RateLimit {
  /** commands a sender may send in a burst */
  burst: number
  /** one more command allowed every this many ms */
  refillMs: number
}

export type RateVerdict = 'allow' | 'notify' | 'drop'

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number; notified: boolean }>()
  let lastSweep = now()
  return (sender: string): RateVerdict => {
    const t = now()
    if (t - lastSweep > 10 * limit.refillMs * limit.burst) {
      for (const [k, b] of buckets) if (t - b.at > limit.refillMs * limit.burst) buckets.delete(k)
      lastSweep = t
    }
    const b = buckets.get(sender) ?? { tokens: limit.burst, at: t, notified: false }
    b.tokens = Math.min(limit.burst, b.tokens + (t - b.at) / limit.refillMs)
    b.at = t
    buckets.set(sender, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      b.notified = false
      return 'allow'
    }
    if (b.notified) return 'drop'
    b.notified = true
    return 'notify'
  }
}
