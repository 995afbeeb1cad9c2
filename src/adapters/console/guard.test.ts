import { describe, expect, it } from 'vitest'
import { failureThrottle, samePassword } from './guard.ts'

describe('failureThrottle', () => {
  it('blocks an address at its 10th failure in 15 minutes until the oldest one ages out, others unaffected', () => {
    let now = 0
    const t = failureThrottle({ limit: 10, windowMs: 900_000, now: () => now })
    for (let i = 0; i < 9; i++) {
      t.fail('10.0.0.1')
      now += 1000
    }
    expect(t.blockedFor('10.0.0.1')).toBe(0)
    t.fail('10.0.0.1') // the 10th, at t = 9 s
    expect(t.blockedFor('10.0.0.1')).toBe(900_000 - 9_000) // until the first (t = 0) is 15 minutes old
    expect(t.blockedFor('10.0.0.2')).toBe(0)
    now = 900_000 - 1
    expect(t.blockedFor('10.0.0.1')).toBe(1)
    now = 900_000
    expect(t.blockedFor('10.0.0.1')).toBe(0) // 9 failures left in the window: one more try
    t.fail('10.0.0.1')
    expect(t.blockedFor('10.0.0.1')).toBeGreaterThan(0)
  })

  it('forgets the longest-quiet addresses first past its bound', () => {
    const t = failureThrottle({ limit: 1, maxAddresses: 2, now: () => 0 })
    t.fail('a')
    t.fail('b')
    t.fail('c')
    expect([t.blockedFor('a') > 0, t.blockedFor('b') > 0, t.blockedFor('c') > 0]).toEqual([false, true, true])
  })
})

describe('samePassword', () => {
  it('compares whatever the lengths', () => {
    expect(samePassword('abc', 'abc')).toBe(true)
    expect(samePassword('abc', 'abcd')).toBe(false)
    expect(samePassword('', 'x')).toBe(false)
  })
})
