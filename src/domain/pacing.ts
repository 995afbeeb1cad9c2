/**
 * How fast one chat may be written to: a token bucket (a small burst, then one message per `everyMs`) under a hard
 * cap of `perWindow` messages in any `windowMs` (a QQ group, a Telegram group, a WeCom push robot: 20 a minute).
 */
export interface PaceRule {
  burst: number
  everyMs: number
  perWindow: number
  windowMs: number
}

/** One chat's bucket: `tokens` as of `at` (null: never sent, full), and the instants (ms) of its latest sends. */
export interface PaceState {
  tokens: number
  at: number | null
  recent: number[]
}

export const FRESH_PACE: PaceState = { tokens: 0, at: null, recent: [] }

const tokensAt = (rule: PaceRule, s: PaceState, now: number) =>
  s.at === null ? rule.burst : Math.min(rule.burst, s.tokens + Math.max(0, now - s.at) / rule.everyMs)

/**
 * The earliest instant ≥ now at which one more message may go. The cap counts sends in (t − windowMs, t]: the
 * 21st message of a minute may go exactly windowMs after the 1st, not 1 ms before.
 */
export function nextSendAt(rule: PaceRule, s: PaceState, now: number): number {
  const tokens = tokensAt(rule, s, now)
  const byBucket = tokens >= 1 ? now : now + Math.ceil((1 - tokens) * rule.everyMs)
  const recent = s.recent.filter((t) => t > now - rule.windowMs)
  const byWindow =
    recent.length < rule.perWindow ? now : (recent[recent.length - rule.perWindow] as number) + rule.windowMs
  return Math.max(byBucket, byWindow)
}

/** The state after one message went at `at` (the caller checked nextSendAt first). */
export function afterSend(rule: PaceRule, s: PaceState, at: number): PaceState {
  const tokens = Math.max(0, tokensAt(rule, s, at) - 1)
  const recent = [...s.recent.filter((t) => t > at - rule.windowMs), at].slice(-rule.perWindow)
  return { tokens, at, recent }
}

/**
 * A platform's "N messages a minute to one chat" as a rule: a burst of 2, then one per 60/N s. The cap keeps any
 * minute at N; the burst of 2 costs at most one extra slot's wait once a minute of full traffic follows it.
 */
export const perMinute = (n: number): PaceRule => ({ burst: 2, everyMs: 60_000 / n, perWindow: n, windowMs: 60_000 })
