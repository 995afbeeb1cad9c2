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
 * A platform's "N messages a minute to one chat" as a rule: one per 60/N s, with a burst of 1.5 tokens, so a quiet
 * chat's second message may follow the first after half a slot. Under a 60/N-s spacing the cap leaves no slack, so
 * a burst is paid back once a full minute of traffic follows it; half a slot keeps that gap at 1.5 slots (4.5 s for
 * 20 a minute) where a whole extra token would make it 2 slots (6 s).
 */
export const perMinute = (n: number): PaceRule => ({
  burst: 1.5,
  everyMs: 60_000 / n,
  perWindow: n,
  windowMs: 60_000,
})
