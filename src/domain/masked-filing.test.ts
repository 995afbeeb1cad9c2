import { describe, expect, it } from 'vitest'
import type { Ownership } from './filing.ts'
import { decideCompletion, decideMaskedFiling, isMaskedLive, type MaskedClaim } from './masked-filing.ts'
import { looksMasked, parsePhoneMask, surnameOf } from './phone-mask.ts'
import { DEFAULT_SETTINGS } from './settings.ts'

const SH = 'Asia/Shanghai'
const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)

// Agency 1 masked-filed on 2026-12-01 15:40 local: lapses 12-04 00:00 local, protection would end 12-16 00:00.
const FILED = at('2026-12-01T07:40:00Z')
const LAPSE = at('2026-12-03T16:00:00Z')
const masked = (over: Partial<MaskedClaim> = {}): MaskedClaim => ({
  id: 1,
  agencyId: 1,
  mask: { head: '138', tail: '5678' },
  surname: '张',
  filedAt: FILED,
  protectedUntil: at('2026-12-15T16:00:00Z'),
  lapsesAt: LAPSE,
  status: 'live',
  ...over,
})
const owned = (over: Partial<Ownership> = {}): Ownership => ({
  agencyId: 2,
  filingId: 9,
  since: at('2026-11-30T02:00:00Z'),
  until: at('2026-12-14T16:00:00Z'),
  dealCode: null,
  ...over,
})

describe('parsePhoneMask', () => {
  it('reads 前三后四 as typed on a phone', () => {
    for (const s of ['138****5678', '138＊＊＊＊５６７８', '138xxxx5678', '138-****-5678', '138 **** 5678'])
      expect(parsePhoneMask(s)).toEqual({ ok: true, value: { head: '138', tail: '5678' } })
  })
  it('refuses a wrong count of stars or digits, and a head that is no mobile prefix', () => {
    for (const s of ['138***5678', '138*****5678', '13****5678', '138****567', '128****5678', '13812345678'])
      expect(parsePhoneMask(s).ok).toBe(false)
  })
  it('tells a masked number from a name or a full number', () => {
    expect(looksMasked('138****5678')).toBe(true)
    expect(looksMasked('138＊＊＊＊5678')).toBe(true)
    expect(looksMasked('13812345678')).toBe(false)
    expect(looksMasked('张三')).toBe(false)
  })
})

describe('surnameOf', () => {
  it('takes the first character, or a compound surname', () => {
    expect(surnameOf('张三')).toBe('张')
    expect(surnameOf('张先生')).toBe('张')
    expect(surnameOf('欧阳娜娜')).toBe('欧阳')
    expect(surnameOf('欧阳')).toBe('欧')
  })
})

describe('isMaskedLive', () => {
  it('live until the last millisecond before the lapse; not at it, nor once completed', () => {
    expect(isMaskedLive(masked(), ms(LAPSE, -1))).toBe(true)
    expect(isMaskedLive(masked(), LAPSE)).toBe(false)
    expect(isMaskedLive(masked({ status: 'completed' }), FILED)).toBe(false)
  })
})

describe('decideMaskedFiling', () => {
  const decide = (live: MaskedClaim | null, customers: (Ownership | null)[], filer: number, now: Date) =>
    decideMaskedFiling({ live, customers, filerAgencyId: filer, now }, DEFAULT_SETTINGS, SH)
  it('claims a free mask: lapse after maskedLapseDays, protection end after protectionDays (day 1 = today)', () => {
    expect(decide(null, [], 1, FILED)).toEqual({
      kind: 'claim',
      lapsesAt: LAPSE,
      protectedUntil: at('2026-12-15T16:00:00Z'),
    })
  })
  it('another agency’s live masked filing wins until its lapse, not at it (R12)', () => {
    expect(decide(masked(), [], 2, ms(LAPSE, -1))).toMatchObject({ kind: 'collision', rule: 'R12', maskedId: 1 })
    expect(decide(masked(), [], 2, LAPSE).kind).toBe('claim')
    expect(decide(masked(), [], 1, FILED).kind).toBe('already-filed')
  })
  it('a matching customer protected by another agency wins; a deal lock is R13; the own agency’s is no collision', () => {
    expect(decide(null, [owned()], 1, FILED)).toMatchObject({ kind: 'collision', rule: 'R12', maskedId: null })
    expect(decide(null, [owned({ dealCode: 'D1' })], 1, FILED)).toMatchObject({ kind: 'collision', rule: 'R13' })
    expect(decide(null, [owned({ agencyId: 1 })], 1, FILED).kind).toBe('claim')
    expect(decide(null, [owned()], 1, at('2026-12-14T16:00:00Z')).kind).toBe('claim')
  })
})

describe('decideCompletion', () => {
  it('the earliest live masked filing wins', () => {
    const later = masked({ id: 2, agencyId: 3, filedAt: ms(FILED, 1) })
    expect(decideCompletion([later, masked()], null, FILED)).toMatchObject({ kind: 'complete', masked: { id: 1 } })
  })
  it('a protection by another agency that began before it, or a deal, keeps the customer', () => {
    expect(decideCompletion([masked()], owned(), FILED).kind).toBe('owner-first')
    expect(decideCompletion([masked()], owned({ since: ms(FILED, 1) }), FILED).kind).toBe('complete')
    expect(decideCompletion([masked()], owned({ since: ms(FILED, 1), dealCode: 'D2' }), FILED).kind).toBe('owner-first')
  })
  it('a lapsed one completes nothing', () => {
    expect(decideCompletion([masked()], null, LAPSE)).toEqual({ kind: 'none' })
  })
})
