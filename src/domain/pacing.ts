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
 * A platform's "N messages a minute to one chat" as a rule: one message per 60/N s, a bucket of one token. At
 * 60/N-s spacing the cap leaves no slack, so any burst is paid back by a longer gap as soon as a busy minute follows
 * it (a burst of 1.5 tokens: a 4.5 s gap at 20 a minute; of 2: 6 s), which is exactly when answers must not wait.
 * Merging already answers everyone who waits in one message, so the burst is not needed.
 */
export const perMinute = (n: number): PaceRule => ({
  burst: 1,
  everyMs: 60_000 / n,
  perWindow: n,
  windowMs: 60_000,
})
