import { describe, expect, it } from 'vitest'
import { toHalfWidth } from './text.ts'

describe('toHalfWidth', () => {
  it('folds full-width forms and the ideographic space, one character for one', () => {
    const typed = '报备　张三　１３８－１２３４－５６７８，Ａ：ｂ／～！'
    expect(toHalfWidth(typed)).toBe('报备 张三 138-1234-5678,A:b/~!')
    expect(toHalfWidth(typed)).toHaveLength(typed.length)
  })
  it('leaves CJK punctuation that has no ASCII form as typed', () => {
    expect(toHalfWidth('秘书未接待（第一次）。“已提醒”')).toBe('秘书未接待(第一次)。“已提醒”')
  })
})
