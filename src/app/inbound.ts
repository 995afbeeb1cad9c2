/**
 * Platform events against replays. Every event id is remembered for INBOUND_KEPT_MS (the prune job), so a redelivery
 * inside that time changes nothing; an event whose own timestamp says it is older than REPLAY_WINDOW_MS is refused
 * outright, so a captured webhook replayed after its id was pruned is refused too. Both are counted on the machine's
 * real clock — platforms stamp events with real time, and ANCHANG_CLOCK shifts only business time.
 *
 * Why 3 days inside 7: an event accepted at its window's edge arrived at least REPLAY_WINDOW_MS − FUTURE_SKEW_MS ago
 * by its own stamp, and its first delivery, no earlier than that stamp minus the allowed skew, is still remembered
 * while REPLAY_WINDOW_MS + FUTURE_SKEW_MS + one prune interval (an hour) < INBOUND_KEPT_MS. Three days still admit
 * everything a platform really redelivers: Telegram keeps undelivered updates 24 hours, WeCom retries within
 * seconds, OneBot implementations do not queue at all.
 */
const DAY = 86_400_000
export const INBOUND_KEPT_MS = 7 * DAY
export const REPLAY_WINDOW_MS = 3 * DAY
/** Clocks drift: a platform's stamp up to five minutes ahead of ours is still believed. */
export const FUTURE_SKEW_MS = 5 * 60_000

export type Freshness = 'fresh' | 'stale' | 'future' | 'malformed'

/**
 * Judges a platform's event stamp (Unix seconds, as a number or a string of digits) against the real clock.
 * Malformed: not a whole number of seconds after 2001 (1e9), as `timestamp=abc`, `1.5` or `-3`.
 */
export function eventFreshness(stampSeconds: unknown, nowMs: number): Freshness {
  const seconds =
    typeof stampSeconds === 'number'
      ? stampSeconds
      : typeof stampSeconds === 'string' && /^\d{1,12}$/.test(stampSeconds)
        ? Number(stampSeconds)
        : Number.NaN
  if (!Number.isSafeInteger(seconds) || seconds < 1e9) return 'malformed'
  const ms = seconds * 1000
  if (ms > nowMs + FUTURE_SKEW_MS) return 'future'
  if (ms < nowMs - REPLAY_WINDOW_MS) return 'stale'
  return 'fresh'
}
