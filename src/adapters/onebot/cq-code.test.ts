import { describe, expect, it } from 'vitest'
import { parseCqString, unescapeCq } from './cq-code.ts'

describe('parseCqString (onebot-11 message/string.md)', () => {
  it('splits text and CQ codes and unescapes both', () => {
    expect(parseCqString('[CQ:at,qq=10001000] 报备 &#91;x&#93; a&amp;b[CQ:face,id=178]')).toEqual([
      { type: 'at', data: { qq: '10001000' } },
      { type: 'text', data: { text: ' 报备 [x] a&b' } },
      { type: 'face', data: { id: '178' } },
    ])
  })

  it('takes a parameter name up to its first = and unescapes commas in values', () => {
    expect(parseCqString('[CQ:share,title=震惊&#44;有=等号,url=http://a.cn/?a=1&amp;b=2]')).toEqual([
      { type: 'share', data: { title: '震惊,有=等号', url: 'http://a.cn/?a=1&b=2' } },
    ])
  })

  it('reads a code without parameters and plain text alone', () => {
    expect(parseCqString('[CQ:shake]')).toEqual([{ type: 'shake', data: {} }])
    expect(parseCqString('签到')).toEqual([{ type: 'text', data: { text: '签到' } }])
  })

  it('unescapes in one pass, so an escaped entity stays literal', () => {
    expect(unescapeCq('&amp;#91;')).toBe('&#91;')
  })
})
