import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskPhonesInText } from '../../src/chat/privacy.ts'
import { ERRORS } from '../../src/chat/reply/errors.ts'
import type { View } from '../../src/chat/reply/format.ts'
import { NOTICES } from '../../src/chat/reply/notices.ts'
import { EXAMPLE_PHONE } from '../../src/domain/phone.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { sample } from '../support/samples.ts'

/**
 * A full mainland mobile number anywhere in a text, also when written with spaces or dashes. The reserved example
 * number of help and usage texts is shown as typed on purpose, so that people can copy it.
 */
const leaks = (raw: string) => {
  const text = raw.replaceAll(EXAMPLE_PHONE, '')
  return /(?<!\d)1[3-9]\d{9}(?!\d)/.test(text) || /(?<![\d*])1[3-9]\d(?:[\s-]?\d){8}(?!\d)/.test(text)
}

const phone = fc.stringMatching(/^1[3-9]\d{9}$/).filter((p) => p !== EXAMPLE_PHONE)
const plain = fc.string({ maxLength: 12 }).filter((s) => !leaks(s))
const laden = fc.oneof(
  phone,
  phone.map((p) => `客户${p}`),
  phone.map((p) => `+86 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`),
)

type Render = (e: unknown, v: View) => string
const groupView: View = { tz: 'Asia/Shanghai', group: true, settings: DEFAULT_SETTINGS }

describe('no full mobile number reaches a group', () => {
  it('every error and notice in the catalog masks the customer numbers it shows (group view)', () => {
    // The renderer itself must mask the customer's number; examples in help texts are masked by the last gate.
    const shows = (out: string, p: string) => out.replace(/[\s-]/g, '').includes(p)
    const entries: [string, Render, Record<string, unknown>][] = [
      ...Object.entries(ERRORS).map(([code, r]): [string, Render, Record<string, unknown>] => [
        code,
        r as Render,
        { code },
      ]),
      ...Object.entries(NOTICES).map(([kind, r]): [string, Render, Record<string, unknown>] => [
        kind,
        r as Render,
        { kind },
      ]),
    ]
    for (const [name, render, base] of entries) {
      fc.assert(
        fc.property(
          phone,
          plain,
          fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
          (p, text, at) => {
            const out = render(sample(base, p, text, at), groupView)
            if (shows(out, p)) throw new Error(`${name} shows the customer's full number in a group: ${out}`)
          },
        ),
        { numRuns: 50 },
      )
    }
  })

  it('and whatever people type is masked before a group sees it', () => {
    const entries = [...Object.entries(ERRORS), ...Object.entries(NOTICES)]
    for (const [name, render] of entries) {
      fc.assert(
        fc.property(phone, laden, (p, text) => {
          const base = name in ERRORS ? { code: name } : { kind: name }
          const out = maskPhonesInText(
            (render as Render)(sample(base, p, text, new Date('2026-12-01T07:40:00Z')), groupView),
          )
          expect(leaks(out)).toBe(false)
        }),
        { numRuns: 30 },
      )
    }
  })
})

describe('through the whole pipeline', () => {
  let h: Harness
  beforeAll(async () => {
    h = await chatHarness('sqlite', '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await h.say('lj1', '签到')
    await h.say('wa1', '签到')
  })
  afterAll(() => h.close())

  it('group messages from filings, collisions, visits, lookups, walk-ins and bad input never carry a full number', async () => {
    const phones = fc.sample(phone, 25)
    for (const [i, p] of phones.entries()) {
      const spaced = `${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`
      await h.say(i % 2 ? 'lj1' : 'wa1', `报备 客户${i} ${i % 3 ? p : spaced}`)
      await h.say(i % 2 ? 'wa1' : 'lj1', `报备 撞单${i} ${p}`)
      await h.say('sec', `到访 ${p}`)
      await h.say('wa1', `查客户 ${p}`)
      await h.say('lj1', `如果 报备 ${p}`)
      await h.say('sec', `来访 王${i} ${fc.sample(phone, 1)[0]}`)
      await h.say('lj1', `报备 张三 ${p}9`)
      await h.say('lj1', `报备 ${p}`)
    }
    const group = (await h.outbox()).filter((m) => m.targetKind === 'group')
    expect(group.length).toBeGreaterThan(150)
    expect(group.filter((m) => leaks(m.text)).map((m) => m.text)).toEqual([])
    // the same numbers do reach the people allowed to see them, directly
    const direct = (await h.outbox()).filter((m) => m.targetKind === 'direct')
    expect(direct.some((m) => phones.some((p) => m.text.includes(p)))).toBe(true)
  }, 120_000)
})
