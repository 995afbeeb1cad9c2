import { describe, expect, it } from 'vitest'
import type { Ownership } from './filing.ts'
import { nextAgencySeq, nextTurn, type RotationSlot, rotationOrder, routeLead } from './rotation.ts'

const slot = (seq: number, checkedInToday = true): RotationSlot => ({ agencyId: seq * 10, seq, checkedInToday })
const assigned = (slots: RotationSlot[], lastSeq: number) => {
  const r = nextTurn(slots, lastSeq)
  return r.ok
    ? { seq: r.value.assigned.seq, skipped: r.value.skipped.map((s) => s.seq), lastSeq: r.value.lastSeq }
    : r.error
}

describe('nextTurn (R3 分销按家数分配)', () => {
  it('deals leads to agencies in seq order, one each', () => {
    const slots = [slot(1), slot(2), slot(3)]
    let pointer = 0
    const order: number[] = []
    for (let i = 0; i < 7; i++) {
      const r = nextTurn(slots, pointer)
      if (!r.ok) throw new Error('unexpected')
      order.push(r.value.assigned.seq)
      pointer = r.value.lastSeq
    }
    expect(order).toEqual([1, 2, 3, 1, 2, 3, 1])
  })
  it('the input order does not matter, only seq', () => {
    expect(assigned([slot(3), slot(1), slot(2)], 1)).toEqual({ seq: 2, skipped: [], lastSeq: 2 })
  })
  it('wraps from the highest seq to the lowest', () => {
    expect(assigned([slot(1), slot(2), slot(3)], 3)).toEqual({ seq: 1, skipped: [], lastSeq: 1 })
  })
  it('skips (轮空) agencies with nobody checked in, in order, with the reason; the skipped lose the turn', () => {
    const r = nextTurn([slot(1), slot(2, false), slot(3, false), slot(4)], 1)
    expect(r).toEqual({
      ok: true,
      value: {
        assigned: slot(4),
        skipped: [
          { agencyId: 20, seq: 2, reason: 'no-check-in' },
          { agencyId: 30, seq: 3, reason: 'no-check-in' },
        ],
        lastSeq: 4,
      },
    })
  })
  it('skips wrap around too', () => {
    expect(assigned([slot(1, false), slot(2), slot(3, false)], 2)).toEqual({ seq: 2, skipped: [3, 1], lastSeq: 2 })
  })
  it('a single checked-in agency gets every lead', () => {
    expect(assigned([slot(5)], 5)).toEqual({ seq: 5, skipped: [], lastSeq: 5 })
  })
  it('nobody checked in anywhere → an error; nothing is assigned', () => {
    expect(nextTurn([slot(1, false), slot(2, false)], 1)).toEqual({
      ok: false,
      error: { code: 'rotation.nobody-checked-in', rule: 'R3', agencies: 2 },
    })
  })
  it('no active agency → an error', () => {
    expect(nextTurn([], 0)).toEqual({ ok: false, error: { code: 'rotation.no-agency', rule: 'R3' } })
  })
  it('keeps its place when an agency joins (new seq at the end)', () => {
    // pointer at 2 of [1,2,3]; agency 4 joins → 3 is still next, then 4, then 1
    const slots = [slot(1), slot(2), slot(3), slot(4)]
    expect(assigned(slots, 2)).toEqual({ seq: 3, skipped: [], lastSeq: 3 })
    expect(assigned(slots, 3)).toEqual({ seq: 4, skipped: [], lastSeq: 4 })
  })
  it('keeps its place when the next agency leaves (its seq is simply absent)', () => {
    // pointer at 2; agency 3 dismissed → 4 is next
    expect(assigned([slot(1), slot(2), slot(4)], 2)).toEqual({ seq: 4, skipped: [], lastSeq: 4 })
  })
  it('keeps its place when the agency at the pointer leaves', () => {
    // pointer at 2 and agency 2 dismissed → the first seq greater than 2
    expect(assigned([slot(1), slot(3)], 2)).toEqual({ seq: 3, skipped: [], lastSeq: 3 })
  })
  it('a pointer past every remaining seq wraps to the lowest', () => {
    expect(assigned([slot(1), slot(2)], 9)).toEqual({ seq: 1, skipped: [], lastSeq: 1 })
  })
})

describe('rotationOrder (轮排: who is next)', () => {
  it('starts after the pointer and wraps', () => {
    expect(rotationOrder([slot(1), slot(2), slot(3), slot(4)], 2).map((s) => s.seq)).toEqual([3, 4, 1, 2])
    expect(rotationOrder([slot(1), slot(2)], 0).map((s) => s.seq)).toEqual([1, 2])
    expect(rotationOrder([], 3)).toEqual([])
  })
})

describe('routeLead', () => {
  const until = new Date('2026-12-15T16:00:00Z')
  const owner: Ownership = { agencyId: 2, filingId: 1, since: new Date('2026-12-01T02:00:00Z'), until, dealCode: null }
  it('a protected customer goes to the owner without using a turn, until the last millisecond', () => {
    expect(routeLead(owner, new Date(until.getTime() - 1))).toEqual({ kind: 'owner', owner })
  })
  it('at the protection end the lead goes to the rotation', () => {
    expect(routeLead(owner, until)).toEqual({ kind: 'rotation' })
    expect(routeLead(null, until)).toEqual({ kind: 'rotation' })
  })
  it('a deal-locked customer goes to the deal agency however late', () => {
    const locked = { ...owner, dealCode: 'D3' }
    expect(routeLead(locked, new Date('2027-06-01T00:00:00Z'))).toEqual({ kind: 'owner', owner: locked })
  })
})

describe('nextAgencySeq', () => {
  it('never reuses a seq', () => {
    expect(nextAgencySeq([])).toBe(1)
    expect(nextAgencySeq([1, 2, 5])).toBe(6)
    expect(nextAgencySeq([5, 2])).toBe(6)
  })
})
