import { describe, expect, it } from 'vitest'
import { afterSend, FRESH_PACE, nextSendAt, type PaceRule, type PaceState, perMinute } from './pacing.ts'

const rule: PaceRule = { burst: 2, everyMs: 3_000, perWindow: 20, windowMs: 60_000 }

/** Sends whenever allowed, from `start`, `n` times; returns the instants. */
function sendAsFastAsAllowed(n: number, start = 0, r = rule): { at: number[]; state: PaceState } {
  let state = FRESH_PACE
  const at: number[] = []
  let now = start
  for (let i = 0; i < n; i++) {
    now = nextSendAt(r, state, now)
    at.push(now)
    state = afterSend(r, state, now)
  }
  return { at, state }
}

describe('pacing one chat', () => {
  it('lets a quiet chat burst, then one message per 3 s', () => {
    expect(sendAsFastAsAllowed(4).at).toEqual([0, 0, 3_000, 6_000])
  })

  it('refills the bucket at one token per 3 s: 1 ms early waits, on time goes', () => {
    const { state } = sendAsFastAsAllowed(3)
    expect(nextSendAt(rule, state, 5_999)).toBe(6_000)
    expect(nextSendAt(rule, state, 6_000)).toBe(6_000)
  })

  it('never lets the 21st message of a minute go before the 1st is 60 s old', () => {
    const fast: PaceRule = { burst: 30, everyMs: 1, perWindow: 20, windowMs: 60_000 }
    const { state } = sendAsFastAsAllowed(20, 0, fast)
    expect(state.recent).toHaveLength(20)
    // the 20th went; the 21st at 60 s − 1 ms must wait, at 60 s it may go
    expect(nextSendAt(fast, state, 59_999)).toBe(60_000)
    expect(nextSendAt(fast, state, 60_000)).toBe(60_000)
  })

  it('keeps any 60 s to 20 messages when a burst meets a full minute of traffic', () => {
    const { at } = sendAsFastAsAllowed(60)
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(20)
  })

  it('paces 20 a minute at one message per 3 s, never a longer gap under a full minute of traffic', () => {
    const { at } = sendAsFastAsAllowed(60, 0, perMinute(20))
    expect(at.slice(0, 4)).toEqual([0, 3_000, 6_000, 9_000])
    const gaps = at.slice(1).map((t, i) => t - (at[i] as number))
    expect(Math.max(...gaps)).toBe(3_000)
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(20)
  })
})
