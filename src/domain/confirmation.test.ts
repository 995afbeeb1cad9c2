import { describe, expect, it } from 'vitest'
import { checkConfirmation, confirmationExpiry, type PendingConfirmation } from './confirmation.ts'

const created = new Date('2026-12-05T10:00:00+08:00')
const c: PendingConfirmation = {
  id: 3,
  actor: 'console:mgr',
  actorStaffId: 7,
  actorName: '赵经理',
  command: '劝退 链家',
  createdAt: created,
  expiresAt: confirmationExpiry(created, 10),
  usedAt: null,
  outcome: null,
  auditCode: null,
}
const me = { identity: 'telegram:42', staffId: 7 }
const ms = (n: number) => new Date(created.getTime() + n)

describe('confirming what cannot be undone', () => {
  it('is good until 10 minutes after, that instant excluded', () => {
    expect(c.expiresAt).toEqual(new Date('2026-12-05T10:10:00+08:00'))
    expect(checkConfirmation(c, 'Q3', me, ms(0))).toEqual({ ok: true, value: null })
    expect(checkConfirmation(c, 'Q3', me, ms(600_000 - 1))).toEqual({ ok: true, value: null })
    expect(checkConfirmation(c, 'Q3', me, ms(600_000))).toEqual({
      ok: false,
      error: { code: 'confirm.expired', ref: 'Q3', expiredAt: c.expiresAt, minutes: 10, command: '劝退 链家' },
    })
  })

  it('only by the same person, on any of their platforms', () => {
    expect(checkConfirmation(c, 'Q3', { identity: 'console:mgr', staffId: 8 }, ms(1))).toEqual({
      ok: false,
      error: { code: 'confirm.other-person', ref: 'Q3', ownerName: '赵经理' },
    })
    const admin = { ...c, actor: 'console:admin', actorStaffId: null }
    expect(checkConfirmation(admin, 'Q3', { identity: 'console:admin', staffId: null }, ms(1)).ok).toBe(true)
    expect(checkConfirmation(admin, 'Q3', { identity: 'onebot:1', staffId: null }, ms(1)).ok).toBe(false)
  })

  it('once: a second 确认 says what the first did, even after expiry; another person learns nothing more', () => {
    const used = { ...c, usedAt: ms(5), outcome: 'done' as const, auditCode: 'A9' }
    const again = { code: 'confirm.used', ref: 'Q3', usedAt: ms(5), outcome: 'done', auditCode: 'A9' }
    expect(checkConfirmation(used, 'Q3', me, ms(6))).toEqual({ ok: false, error: again })
    expect(checkConfirmation(used, 'Q3', me, ms(3_600_000))).toEqual({ ok: false, error: again })
    expect(checkConfirmation(used, 'Q3', { identity: 'x:y', staffId: 1 }, ms(6))).toMatchObject({
      error: { code: 'confirm.other-person' },
    })
  })
})
