import { describe, expect, it } from 'vitest'
import { parseJsonKeepingBigIntegers } from './lossless-json.ts'

describe('parseJsonKeepingBigIntegers', () => {
  it('turns integers beyond 2^53 into exact strings and leaves safe ones as numbers', () => {
    const parsed = parseJsonKeepingBigIntegers(
      '{"message_id":7345123456789012345,"user_id":12345678,"n":-9007199254740993}',
    )
    expect(parsed).toEqual({ message_id: '7345123456789012345', user_id: 12345678, n: '-9007199254740993' })
  })

  it('keeps the largest safe integer a number', () => {
    expect(parseJsonKeepingBigIntegers('[9007199254740991]')).toEqual([9007199254740991])
  })

  it('does not touch digits inside strings, escaped quotes or fractions', () => {
    const text = '{"a":"12345678901234567890","b":"x\\"12345678901234567890","c":1.12345678901234567891,"d":2e25}'
    expect(parseJsonKeepingBigIntegers(text)).toEqual({
      a: '12345678901234567890',
      b: 'x"12345678901234567890',
      c: Number('1.12345678901234567891'),
      d: 2e25,
    })
  })

  it('still refuses malformed JSON, even where quoting would have made it valid', () => {
    expect(() => parseJsonKeepingBigIntegers('{"a":')).toThrow(SyntaxError)
    expect(() => parseJsonKeepingBigIntegers('{12345678901234567890:1}')).toThrow(SyntaxError)
  })
})
