import { describe, expect, it } from 'vitest'
import { maskPhonesInText } from './privacy.ts'

describe('maskPhonesInText', () => {
  it.each([
    ['报备 张三 13812345678', '报备 张三 138****5678'],
    ['号码 +86 138 1234 5678 已记录', '号码 138****5678 已记录'],
    ['138-1234-5678', '138****5678'],
    ['x13812345678y', 'x138****5678y'],
  ])('masks %s', (input, output) => {
    expect(maskPhonesInText(input)).toBe(output)
  })

  it.each([
    '138****5678',
    '证据 A12，保护期至 12-15',
    '1381234567',
    '138123456789',
    '2026-12-01 15:40',
    '¥1,680,000.00',
  ])('leaves %s alone', (text) => {
    expect(maskPhonesInText(text)).toBe(text)
  })
})
