import { describe, expect, it } from 'vitest'
import { holdReminderAt } from './deposit.ts'
import { protectionReminderAt } from './filing.ts'
import { remindedEndsBefore, reminderTiming } from './reminders.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const at = (s: string) => new Date(s)
const NINE = { hour: 9, minute: 0 }

describe('remindedEndsBefore', () => {
  it('moves the bound by one day at 09:00 local (protection: 2 days before)', () => {
    expect(remindedEndsBefore(at('2026-12-14T08:59:59.999+08:00'), 2, NINE, SH).toISOString()).toBe(
      '2026-12-15T16:00:00.000Z', // 12-16 00:00: a protection ending then is reminded from 12-14 09:00, not yet
    )
    expect(remindedEndsBefore(at('2026-12-14T09:00:00+08:00'), 2, NINE, SH).toISOString()).toBe(
      '2026-12-16T16:00:00.000Z', // 12-17 00:00: now every end up to 12-16 00:00 is due
    )
  })

  it('agrees with the reminder instants of protections and holds at every boundary', () => {
    const until = at('2026-12-16T00:00:00+08:00')
    const since = at('2026-12-01T10:00:00+08:00')
    const due = protectionReminderAt(since, until, DEFAULT_SETTINGS, SH) as Date
    for (const delta of [-1, 0, 1]) {
      const now = new Date(due.getTime() + delta)
      const inWindow = until.getTime() < remindedEndsBefore(now, 2, NINE, SH).getTime()
      expect(inWindow).toBe(now.getTime() >= due.getTime())
    }
    const heldUntil = at('2027-01-01T00:00:00+08:00')
    const hold = holdReminderAt(at('2026-12-29T15:40:00+08:00'), heldUntil, DEFAULT_SETTINGS, SH) as Date
    expect(hold.toISOString()).toBe('2026-12-31T01:00:00.000Z')
    for (const delta of [-1, 0, 1]) {
      const now = new Date(hold.getTime() + delta)
      const inWindow = heldUntil.getTime() < remindedEndsBefore(now, 1, NINE, SH).getTime()
      expect(inWindow).toBe(now.getTime() >= hold.getTime())
    }
  })
})

describe('reminderTiming', () => {
  const due = at('2026-12-14T09:00:00+08:00')
  const ends = at('2026-12-16T00:00:00+08:00')
  it('sends on time, says late after the tolerance, drops once the subject is over', () => {
    expect(reminderTiming(due, ends, due, 300_000)).toBe('sent')
    expect(reminderTiming(due, ends, new Date(due.getTime() + 300_000), 300_000)).toBe('sent')
    expect(reminderTiming(due, ends, new Date(due.getTime() + 300_001), 300_000)).toBe('late')
    expect(reminderTiming(due, ends, new Date(ends.getTime() - 1), 300_000)).toBe('late')
    expect(reminderTiming(due, ends, ends, 300_000)).toBe('dropped')
  })
})
