import { describe, expect, it } from 'vitest'
import {
  compareUnitCodes,
  effectiveStatus,
  holdUnit,
  lockUnit,
  parseUnitCode,
  parseUnitCsv,
  parseUnitFields,
  releaseHold,
  salesBoard,
  signUnit,
  subscribeUnit,
  type Unit,
  unlockUnit,
} from './unit.ts'

const at = (iso: string) => new Date(iso)
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta)
// a 3-day hold recorded 2026-12-01 15:40 local ends 2026-12-04 00:00 local
const END = at('2026-12-03T16:00:00.000Z')
const NOW = at('2026-12-01T07:40:00Z')

const unit = (over: Partial<Unit> = {}): Unit => ({
  id: 1,
  code: '3-1-1201',
  areaCm2: 8950,
  listPriceFen: 168_000_000,
  floorPriceFen: 160_000_000,
  basement: false,
  status: 'available',
  depositId: null,
  heldUntil: null,
  ...over,
})
const held = (over: Partial<Unit> = {}) => unit({ status: 'held', depositId: 7, heldUntil: END, ...over })

describe('parseUnitCode', () => {
  it('accepts building-entrance-room and normalises', () => {
    expect(parseUnitCode('3-1-1201')).toEqual({ ok: true, value: '3-1-1201' })
    expect(parseUnitCode(' 03-01-1201 ')).toEqual({ ok: true, value: '3-1-1201' })
    expect(parseUnitCode('３－１－１２０１')).toEqual({ ok: true, value: '3-1-1201' })
    expect(parseUnitCode('12-2-b101')).toEqual({ ok: true, value: '12-2-B101' })
    expect(parseUnitCode('3-1-0801')).toEqual({ ok: true, value: '3-1-0801' })
  })
  it('accepts basement, parking and other site codes of 1–4 parts, up to 20 characters', () => {
    for (const [typed, code] of [
      ['B1-017', 'B1-017'],
      ['b1-001', 'B1-001'],
      ['地下室-12', '地下室-12'],
      ['车位-A-001', '车位-A-001'],
      ['车位－ａ－００１', '车位-A-001'],
      ['A101', 'A101'],
      ['3-1', '3-1'],
      ['3-1-12-01', '3-1-12-01'],
      ['12345678901234567890', '12345678901234567890'],
    ]) {
      expect([typed, parseUnitCode(typed as string)]).toEqual([typed, { ok: true, value: code }])
    }
  })
  it('refuses anything else', () => {
    for (const bad of [
      '',
      '3-1-12-01-5',
      '3/1/1201',
      '3_1_1201',
      '3--1201',
      '-3-1201',
      '3-1-1201-',
      '3-1-1201室(南)',
      '123456789012345678901',
      '车位-A-0010000000000000',
    ]) {
      expect([bad, parseUnitCode(bad)]).toEqual([bad, { ok: false, error: { code: 'unit.code-invalid', input: bad } }])
    }
  })
  it('orders codes as people read them', () => {
    const codes = ['3-1-1201', '10-1-101', '3-1-901', '3-2-101', '3-1-B01']
    expect([...codes].sort(compareUnitCodes)).toEqual(['3-1-901', '3-1-1201', '3-1-B01', '3-2-101', '10-1-101'])
  })
})

describe('parseUnitFields (/unit add)', () => {
  it('the SPEC example', () => {
    expect(parseUnitFields(['3-1-1201', '89.5', '1680000', '1600000'])).toEqual({
      ok: true,
      value: {
        code: '3-1-1201',
        areaCm2: 8950,
        listPriceFen: 168_000_000,
        floorPriceFen: 160_000_000,
        basement: false,
      },
    })
  })
  it('a basement unit and 万 amounts', () => {
    const r = parseUnitFields(['3-1-B01', '12', '15万', '14万', '地下室'])
    expect(r.ok && r.value).toMatchObject({ basement: true, listPriceFen: 15_000_000, floorPriceFen: 14_000_000 })
  })
  it('floor price equal to the list price is fine; above it is refused', () => {
    expect(parseUnitFields(['3-1-1201', '89.5', '1600000', '1600000']).ok).toBe(true)
    expect(parseUnitFields(['3-1-1201', '89.5', '1600000', '1600000.01'])).toEqual({
      ok: false,
      error: { code: 'unit.floor-above-list', floorPriceFen: 160_000_001, listPriceFen: 160_000_000 },
    })
  })
  it('names the bad field and why', () => {
    expect(parseUnitFields(['3-1-1201', '0', '1680000', '1600000'])).toEqual({
      ok: false,
      error: { code: 'unit.field-invalid', field: 'area', input: '0', reason: 'area.invalid' },
    })
    expect(parseUnitFields(['3-1-1201', '89.5', '-1680000', '1600000'])).toEqual({
      ok: false,
      error: { code: 'unit.field-invalid', field: 'listPrice', input: '-1680000', reason: 'money.negative' },
    })
    expect(parseUnitFields(['3-1-1201', '89.5', '1680000', '16000.001'])).toEqual({
      ok: false,
      error: { code: 'unit.field-invalid', field: 'floorPrice', input: '16000.001', reason: 'money.too-precise' },
    })
    expect(parseUnitFields(['3-1-1201', '89.5', '1680000', '1600000', '阁楼'])).toEqual({
      ok: false,
      error: { code: 'unit.field-invalid', field: 'basement', input: '阁楼', reason: 'invalid' },
    })
    expect(parseUnitFields(['3-1-12', '89.5', '1680000', '1600000']).ok).toBe(true)
    expect(parseUnitFields(['x/1', '89.5', '1680000', '1600000'])).toEqual({
      ok: false,
      error: { code: 'unit.code-invalid', input: 'x/1' },
    })
  })
  it('wrong number of fields', () => {
    expect(parseUnitFields(['3-1-1201', '89.5', '1680000'])).toEqual({
      ok: false,
      error: { code: 'unit.fields-count', expected: [4, 5], got: 3 },
    })
  })
})

describe('parseUnitCsv', () => {
  it('a header, quoted grouped amounts, CRLF, a BOM, blank lines and a basement column', () => {
    const csv =
      '\uFEFF房号,面积,总价,底价,地下室\r\n3-1-1201,89.5,"1,680,000",1600000\r\n\r\n3-1-B01,12,150000,140000,是\r\n'
    const r = parseUnitCsv(csv)
    expect(r.errors).toEqual([])
    expect(r.units.map((u) => [u.line, u.unit.code, u.unit.listPriceFen, u.unit.basement])).toEqual([
      [2, '3-1-1201', 168_000_000, false],
      [4, '3-1-B01', 15_000_000, true],
    ])
  })
  it('no header line is fine', () => {
    expect(parseUnitCsv('3-1-1201,89.5,1680000,1600000').units).toHaveLength(1)
  })
  it('reports every bad line with its line number, and repeated codes', () => {
    const csv = [
      'code,area,list,floor',
      '3-1-1201,89.5,1680000,1600000',
      '3-1-1202,89.5,abc,1600000',
      '3-1-1203,89.5,1500000,1600000',
      '3-1-1201,90,1680000,1600000',
      '3-1-1204,89.5',
    ].join('\n')
    const r = parseUnitCsv(csv)
    expect(r.units.map((u) => u.line)).toEqual([2])
    expect(r.errors).toEqual([
      { line: 3, error: { code: 'unit.field-invalid', field: 'listPrice', input: 'abc', reason: 'money.invalid' } },
      { line: 4, error: { code: 'unit.floor-above-list', floorPriceFen: 160_000_000, listPriceFen: 150_000_000 } },
      { line: 5, error: { code: 'unit.duplicate', unitCode: '3-1-1201', firstLine: 2 } },
      { line: 6, error: { code: 'unit.fields-count', expected: [4, 5], got: 2 } },
    ])
  })
  it('a header is only skipped on the first line', () => {
    const r = parseUnitCsv('3-1-1201,89.5,1680000,1600000\n房号,面积,总价,底价')
    // 房号 is a well-formed code (CJK is allowed); 面积 is then the bad area
    expect(r.errors.map((e) => [e.line, e.error.code])).toEqual([[2, 'unit.field-invalid']])
  })
  it('an empty file or a header alone is an error', () => {
    expect(parseUnitCsv('')).toEqual({ units: [], errors: [{ line: 0, error: { code: 'unit.csv-empty' } }] })
    expect(parseUnitCsv('房号,面积,总价,底价\n\n').errors).toEqual([{ line: 0, error: { code: 'unit.csv-empty' } }])
  })
})

describe('effectiveStatus: a hold is derived from the instant (R14)', () => {
  it('held until end − 1 ms; available at the end and after', () => {
    expect(effectiveStatus(held(), ms(END, -1))).toBe('held')
    expect(effectiveStatus(held(), END)).toBe('available')
    expect(effectiveStatus(held(), ms(END, 1))).toBe('available')
  })
  it('across local midnight: 12-03 23:59:59.999 local is held, 12-04 00:00 local is not', () => {
    expect(effectiveStatus(held(), at('2026-12-03T15:59:59.999Z'))).toBe('held')
    expect(effectiveStatus(held(), at('2026-12-03T16:00:00.000Z'))).toBe('available')
  })
  it('other statuses are as stored', () => {
    for (const s of ['available', 'subscribed', 'signed', 'locked'] as const)
      expect(effectiveStatus(unit({ status: s }), ms(END, 1))).toBe(s)
  })
})

describe('holdUnit (R14 无定金不封房, no second hold)', () => {
  it('holds an available unit', () => {
    expect(holdUnit(unit(), 7, END, NOW)).toEqual({ ok: true, value: held() })
  })
  it('refuses a unit under a live hold, up to its last millisecond', () => {
    expect(holdUnit(held(), 8, END, ms(END, -1))).toEqual({
      ok: false,
      error: { code: 'unit.not-available', rule: 'R14', unitCode: '3-1-1201', status: 'held', heldUntil: END },
    })
  })
  it('a lapsed hold (not yet swept) can be held by the next deposit at the end instant', () => {
    const later = at('2026-12-06T16:00:00Z')
    expect(holdUnit(held(), 8, later, END)).toEqual({ ok: true, value: held({ depositId: 8, heldUntil: later }) })
  })
  it('refuses subscribed, signed and locked units', () => {
    for (const status of ['subscribed', 'signed', 'locked'] as const) {
      const r = holdUnit(unit({ status }), 8, END, NOW)
      expect(!r.ok && r.error).toMatchObject({ code: 'unit.not-available', status })
    }
  })
})

describe('releaseHold', () => {
  it('releases the unit held by that deposit', () => {
    expect(releaseHold(held(), 7)).toEqual({ unit: unit(), released: true })
  })
  it('leaves a unit held by another deposit, or not held, as it is', () => {
    expect(releaseHold(held({ depositId: 8 }), 7)).toEqual({ unit: held({ depositId: 8 }), released: false })
    const sub = unit({ status: 'subscribed', depositId: 7 })
    expect(releaseHold(sub, 7)).toEqual({ unit: sub, released: false })
  })
})

describe('subscribe, sign', () => {
  it('a live hold of the deposit becomes subscribed and no longer expires', () => {
    const r = subscribeUnit(held(), 7, ms(END, -1))
    expect(r).toEqual({ ok: true, value: unit({ status: 'subscribed', depositId: 7, heldUntil: null }) })
    if (r.ok) expect(effectiveStatus(r.value, at('2027-06-01T00:00:00Z'))).toBe('subscribed')
  })
  it('refused at the hold end, or for another deposit', () => {
    expect(subscribeUnit(held(), 7, END)).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'available', to: 'subscribed' },
    })
    expect(subscribeUnit(held(), 8, NOW)).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'held', to: 'subscribed' },
    })
  })
  it('signs a subscribed unit; signing twice or a held unit is refused', () => {
    const sub = unit({ status: 'subscribed', depositId: 7 })
    expect(signUnit(sub, 7)).toEqual({ ok: true, value: { ...sub, status: 'signed' } })
    expect(signUnit({ ...sub, status: 'signed' }, 7)).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'signed', to: 'signed' },
    })
    expect(signUnit(held(), 7).ok).toBe(false)
  })
})

describe('lock and unlock (R18 销控以现场秘书为主)', () => {
  it('locks an available unit and unlocks it', () => {
    const locked = unit({ status: 'locked' })
    expect(lockUnit(unit(), NOW)).toEqual({ ok: true, value: locked })
    expect(unlockUnit(locked)).toEqual({ ok: true, value: unit() })
  })
  it('a locked unit cannot take a deposit', () => {
    expect(holdUnit(unit({ status: 'locked' }), 7, END, NOW).ok).toBe(false)
  })
  it('cannot lock a live hold; can lock a lapsed one at its end', () => {
    expect(lockUnit(held(), ms(END, -1))).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'held', to: 'locked' },
    })
    expect(lockUnit(held(), END)).toEqual({ ok: true, value: unit({ status: 'locked' }) })
  })
  it('unlocking a unit that is not locked is refused', () => {
    expect(unlockUnit(unit())).toEqual({
      ok: false,
      error: { code: 'unit.transition', unitCode: '3-1-1201', from: 'available', to: 'available' },
    })
  })
})

describe('salesBoard', () => {
  it('counts effective statuses and lists available units in order', () => {
    const units = [
      unit({ id: 1, code: '3-1-1201' }),
      held({ id: 2, code: '3-1-1202' }),
      unit({ id: 3, code: '3-1-901' }),
      unit({ id: 4, code: '3-1-1203', status: 'signed' }),
    ]
    const before = salesBoard(units, ms(END, -1))
    expect(before.counts).toEqual({ available: 2, held: 1, subscribed: 0, signed: 1, locked: 0 })
    expect(before.available.map((u) => u.code)).toEqual(['3-1-901', '3-1-1201'])
    const after = salesBoard(units, END)
    expect(after.counts).toEqual({ available: 3, held: 0, subscribed: 0, signed: 1, locked: 0 })
    expect(after.available.map((u) => u.code)).toEqual(['3-1-901', '3-1-1201', '3-1-1202'])
  })
})
