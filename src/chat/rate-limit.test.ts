import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limit.ts'

describe('per-sender flood control', () => {
  it('lets a burst through, notifies once, drops the rest, and refills with time; others are unaffected', () => {
    let t = 0
    const verdict = createRateLimiter({ burst: 3, refillMs: 1000 }, () => t)
    expect(['a', 'a', 'a'].map(verdict)).toEqual(['allow', 'allow', 'allow'])
    expect(verdict('a')).toBe('notify')
    expect(verdict('a')).toBe('drop')
    expect(verdict('b')).toBe('allow')
    t = 999
    expect(verdict('a')).toBe('drop')
    t = 1000
    expect(verdict('a')).toBe('allow')
    expect(verdict('a')).toBe('notify')
  })
})
