import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLogger } from '../../src/app/log.ts'
import { maskPhonesInText } from '../../src/chat/privacy.ts'
import { findPhones, maskPhonesIn, normalizePhone } from '../../src/domain/phone.ts'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { phone as parsedPhone } from '../support/phone.ts'

/**
 * Issue 9, attack 4: a number counts as a phone number however it is written. The generators below write one the
 * ways people (and someone trying to slip one past the gate) do; the oracle is this file's own, not the finder.
 */

/** Where the digit 0 sits in scripts of decimal digits (each runs 0–9 from there). */
const ZEROS = [0x30, 0xff10, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce, 0x1d7ec, 0x1d7f6]
const writeDigit = (d: string, zero: number) => String.fromCodePoint(zero + Number(d))
/** The reader's view of a text: every digit of those scripts as 0–9, every other character dropped. */
function dialled(text: string): string {
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number
    const zero = ZEROS.find((z) => cp >= z && cp < z + 10)
    if (zero !== undefined) out += String(cp - zero)
  }
  return out
}

const SEPARATORS = [' ', '  ', '   ', '.', '-', '_', '/', '—', '–', '\u3000', '．', '－', ' - ', '\u200b', '\t']
const PREFIXES = ['', '+86', '+86 ', '0086', '0086-', '86 ', '＋86', '+86-', '０086 ']
/** How the 11 digits are grouped: as people write them, every digit alone, or any split at all. */
const COMMON = [[11], [3, 4, 4], [3, 8], [7, 4], [4, 4, 3], Array(11).fill(1)]
const anySplit = fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 11 }).map((cuts) => {
  const points = [...new Set(cuts)].sort((a, b) => a - b)
  return [...points, 11].map((p, i) => p - (i === 0 ? 0 : (points[i - 1] as number)))
})
const grouping = fc.oneof(fc.constantFrom(...COMMON), anySplit)

const phone = fc
  .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
  .map(([second, rest]) => `1${second}${rest}`)

/** A phone number as written: digits of any script (mixed too), any grouping, runs of separators, a prefix. */
const written = fc
  .record({
    p: phone,
    zeros: fc.array(fc.constantFrom(...ZEROS), { minLength: 11, maxLength: 11 }),
    oneScript: fc.boolean(),
    grouping,
    seps: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 10, maxLength: 10 }),
    sameSep: fc.boolean(),
    prefix: fc.constantFrom(...PREFIXES),
  })
  .map(({ p, zeros, oneScript, grouping, seps, sameSep, prefix }) => {
    let text = prefix
    let at = 0
    grouping.forEach((size, g) => {
      if (g > 0) text += sameSep ? seps[0] : seps[g - 1]
      for (let i = 0; i < size; i++, at++)
        text += writeDigit(p[at] as string, (oneScript ? zeros[0] : zeros[at]) as number)
    })
    return { p, text }
  })

/** Text around a number: Chinese, letters, punctuation and a `*` next to it; never a digit. */
const around = fc.constantFrom('', '客户', '客户*', '*', '电话：', 'tel ', '（', '号码 ', '张三的手机是', 'x')
const after = fc.constantFrom('', '*', '，谢谢', '。', ' 看三居', 'abc', '）', '\n备注：周末来')

const masked = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`

describe('the phone finder', () => {
  it('finds a number written any of these ways, and the gate leaves exactly the mask in its place', () => {
    fc.assert(
      fc.property(written, around, after, ({ p, text }, before, tail) => {
        const input = `${before}${text}${tail}`
        expect(findPhones(input).map((m) => m.phone)).toEqual([p])
        expect(maskPhonesIn(input)).toBe(`${before}${masked(p)}${tail}`)
        expect(dialled(maskPhonesIn(input))).not.toContain(p)
      }),
      { numRuns: 3000 },
    )
  })

  it('parses a number typed on its own the same way', () => {
    fc.assert(
      fc.property(written, ({ p, text }) => {
        expect(normalizePhone(text)).toEqual({ ok: true, value: p })
      }),
      { numRuns: 1000 },
    )
  })

  it('masks two numbers side by side, each', () => {
    fc.assert(
      fc.property(written, written, fc.constantFrom(' ', '、', '，', ' / ', '\n'), (a, b, between) => {
        expect(maskPhonesIn(`${a.text}${between}${b.text}`)).toBe(`${masked(a.p)}${between}${masked(b.p)}`)
      }),
      { numRuns: 500 },
    )
  })

  it('shows a reserved example number as typed (the allow-list hook), and masks every other', () => {
    const keep = new Set([parsedPhone('13800000000')])
    expect(maskPhonesIn('例如：报备 张三 13800000000，或 138 1234 5678', keep)).toBe(
      '例如：报备 张三 13800000000，或 138****5678',
    )
    expect(maskPhonesIn('例如：报备 张三 13800000000', new Set())).toBe('例如：报备 张三 138****0000')
    // by default the help examples' reserved number is the one kept
    expect(maskPhonesIn('例如：报备 张三 13800000000，或 13800000001')).toBe(
      '例如：报备 张三 13800000000，或 138****0001',
    )
  })

  it.each([
    '1-3-1301（138.25㎡）¥2,350,000.00',
    '3-1-1201（89.5㎡）¥1,680,000.00',
    '2026-12-01 15:40，保护期至 12-15（12-16 00:00 失效）',
    '138123456789',
    '1381234567',
    '138****5678',
    '¥13,812,345,678.00',
    '证据 A13812 F1381',
  ])('leaves %s alone', (text) => {
    expect(maskPhonesIn(text)).toBe(text)
  })
})

describe('every log line', () => {
  it('is scrubbed of numbers written any way, in messages, fields, nested objects, arrays and errors', () => {
    fc.assert(
      fc.property(written, around, ({ p, text }, before) => {
        const lines: string[] = []
        const log = jsonLogger((l) => lines.push(l), 'debug')
        const s = `${before}${text}`
        log('x', { text: s, nested: { deeper: [s, { again: s }] }, error: new Error(`failed for ${s}`) }, 'error')
        expect(lines).toHaveLength(1)
        const line = lines[0] as string
        expect(dialled(JSON.parse(line).text)).not.toContain(p)
        expect(dialled(line)).not.toContain(p)
        expect(line).toContain(masked(p))
      }),
      { numRuns: 1000 },
    )
  })
})

/**
 * Every kind of text that reaches a group — 公告, a fine's note (in the reply and the 【罚款】 notice), a unit lock
 * reason, replies that echo what was typed, notices — through the real chat layer and database.
 */
describe.each(databaseKinds())('every group text (%s)', (kind) => {
  let h: Harness
  beforeAll(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
  })
  afterAll(() => h.close())

  it('carries no full number, however it was written', async () => {
    const samples = fc.sample(fc.tuple(written, around), { numRuns: kind === 'sqlite' ? 24 : 12, seed: 9 })
    const phones: string[] = []
    for (const [i, [{ p, text }, before]] of samples.entries()) {
      phones.push(p)
      const s = `${before}${text}`
      await h.say('mgr', `公告 明天开盘，联系${s}`)
      await h.say('mgr', `罚款 链家 培训 迟到，客户${s}投诉`)
      await h.say('sec', `/unit lock 3-1-1201 留给${s}`)
      await h.say('sec', '/unit unlock 3-1-1201')
      await h.say(i % 2 ? 'lj1' : 'wa1', `报备 客户${i} ${text}`)
      await h.say(i % 2 ? 'wa1' : 'lj1', `报备 撞单${i} ${text}`)
      await h.say('sec', `查客户 ${text}`)
      await h.say(ADMIN, `/agency add ${s}`)
    }
    const group = (await h.outbox()).filter((m) => m.targetKind === 'group')
    expect(group.length).toBeGreaterThan(samples.length * 6)
    const leaks = group.filter((m) => phones.some((p) => dialled(m.text).includes(p)))
    expect(leaks.map((m) => m.text)).toEqual([])
    // each kind did reach the group, masked
    for (const marker of ['【公告】', '【罚款】', '已锁定（留给', '报备成功', '撞单']) {
      expect(group.some((m) => m.text.includes(marker))).toBe(true)
    }
    // and the full numbers do reach the people allowed to see them, directly
    const direct = (await h.outbox()).filter((m) => m.targetKind === 'direct')
    expect(direct.some((m) => phones.some((p) => m.text.includes(p)))).toBe(true)
  }, 180_000)

  it('the gate itself: any text with a number written any way comes out masked', () => {
    fc.assert(
      fc.property(written, around, after, ({ p, text }, before, tail) => {
        expect(dialled(maskPhonesInText(`${before}${text}${tail}`))).not.toContain(p)
      }),
      { numRuns: 500 },
    )
  })
})
