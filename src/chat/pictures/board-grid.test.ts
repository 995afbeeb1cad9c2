import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BoardUnit } from './board.ts'
import { arrangeBoard, gridPlace } from './board-grid.ts'

const u = (code: string, over: Partial<BoardUnit> = {}): BoardUnit => ({
  code,
  status: 'available',
  heldUntil: null,
  basement: false,
  ...over,
})

describe('gridPlace', () => {
  it('reads building-entrance-room, the room as floor and number on the floor', () => {
    expect(gridPlace('3-1-1201')).toEqual({ building: '3', entrance: '1', floor: 12, room: '01' })
    expect(gridPlace('12-2-101')).toEqual({ building: '12', entrance: '2', floor: 1, room: '01' })
    expect(gridPlace('1-1-10002')).toEqual({ building: '1', entrance: '1', floor: 100, room: '02' })
    expect(gridPlace('A-1201')).toEqual({ building: 'A', entrance: null, floor: 12, room: '01' })
  })

  it('leaves basement, parking and other codes to the other block', () => {
    for (const code of [
      'B1-017',
      '地下室-12',
      '车位-A-001',
      '1-1-B101',
      '3-1-12',
      '1-1-001',
      '商铺',
      'a-b-c-d',
      '3-A-1201',
    ])
      expect(gridPlace(code), code).toBeNull()
  })
})

describe('arrangeBoard', () => {
  it('draws floors highest first and columns by entrance, then room, numerically', () => {
    const { buildings } = arrangeBoard(
      ['1-10-101', '1-2-101', '1-2-102', '1-2-1002', '1-2-902', '1-2-110'].map((c) => u(c)),
    )
    const [b] = buildings
    expect(b?.floors).toEqual([10, 9, 1])
    expect(b?.columns).toEqual([
      { entrance: '2', room: '01' },
      { entrance: '2', room: '02' },
      { entrance: '2', room: '10' },
      { entrance: '10', room: '01' },
    ])
    expect(b?.rows.map((r) => r.map((x) => x?.code ?? null))).toEqual([
      [null, '1-2-1002', null, null],
      [null, '1-2-902', null, null],
      ['1-2-101', '1-2-102', '1-2-110', '1-10-101'],
    ])
  })

  it('orders buildings numerically and puts basement units in their own groups even with a residential code', () => {
    const { buildings, others } = arrangeBoard([
      u('10-1-101'),
      u('2-1-101'),
      u('2-1-201', { basement: true }),
      u('车位-A-002', { basement: true }),
      u('B1-017', { basement: true }),
      u('车位-A-001', { basement: true }),
    ])
    expect(buildings.map((b) => b.name)).toEqual(['2', '10'])
    expect(others.map((g) => [g.name, g.units.map((x) => x.code)])).toEqual([
      ['2', ['2-1-201']],
      ['B1', ['B1-017']],
      ['车位', ['车位-A-001', '车位-A-002']],
    ])
  })

  it('shows a second code for the same cell in the other block instead of dropping it', () => {
    const { buildings, others } = arrangeBoard([u('3-1-1201'), u('3-1-01201')])
    expect(buildings[0]?.rows.flat().filter(Boolean)).toHaveLength(1)
    expect(others.flatMap((g) => g.units)).toHaveLength(1)
  })

  it('places every unit exactly once, whatever the codes', () => {
    const part = fc.stringMatching(/^(?:[0-9]{1,5}|[A-Z]{1,2}[0-9]?|车位|地下室)$/)
    const code = fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => p.join('-'))
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ code, basement: fc.boolean() }), { selector: (x) => x.code }), (list) => {
        const units = list.map((x) => u(x.code, { basement: x.basement }))
        const a = arrangeBoard(units)
        const placed = [
          ...a.buildings.flatMap((b) => b.rows.flat().filter((x): x is BoardUnit => x !== null)),
          ...a.others.flatMap((g) => g.units),
        ]
        expect(placed.map((x) => x.code).sort()).toEqual(units.map((x) => x.code).sort())
      }),
    )
  })
})
