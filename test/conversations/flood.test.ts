import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRateLimiter } from '../../src/chat/rate-limit.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'

describe('a member flooding the group', () => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness('sqlite', '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    h.deps.rateLimiter = createRateLimiter({ burst: 3, refillMs: 3_000 }, () => h.clock.now().getTime())
  })
  afterEach(() => h.close())

  it('gets one polite notice and is slowed; others are not', async () => {
    for (let i = 0; i < 3; i++) expect(await h.say('lj1', `报备 客户${i} 1381234567${i}`)).toMatch(/^报备成功/)
    expect(await h.say('lj1', '报备 客户3 13812345673')).toBe(
      'lj1，你发送命令太频繁了，请稍等片刻再发。稍后发送的命令会正常处理；这段时间内多发的命令不会执行。',
    )
    expect((await h.send(h.message('lj1', '报备 客户4 13812345674'))).receipt.kind).toBe('ignored')
    expect(await h.store.db.filing.count()).toBe(3)
    expect(await h.say('wa1', '报备 客户9 13912345679')).toMatch(/^报备成功/)
    h.clock.advance(3_000)
    expect(await h.say('lj1', '报备 客户5 13812345675')).toMatch(/^报备成功/)
  })
})
