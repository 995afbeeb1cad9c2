import { describe, expect, it } from 'vitest'
import { decodeCallback } from './decode.ts'

// The text callback of 智能机器人 接收消息 (developer.work.weixin.qq.com/document/path/100719).
const groupText = {
  msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAAxxxxxxxxxxxx',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE',
  msgtype: 'text',
  text: { content: '@RobotA 报备 李四 13812345678' },
}
const singleText = {
  msgid: 'MSGID-001',
  aibotid: 'AIBOTID',
  chattype: 'single',
  from: { userid: 'lisi' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=R2',
  msgtype: 'text',
  text: { content: ' 我的客户 ' },
}

describe('decodeCallback', () => {
  it('decodes a group text, strips the leading @ of the robot and keeps the response_url', () => {
    expect(decodeCallback(groupText)).toEqual({
      kind: 'message',
      message: {
        platform: 'wecom',
        eventId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
        chat: { kind: 'group', id: 'wrkSFfCgAAxxxxxxxxxxxx' },
        sender: { userId: 'zhangsan' },
        text: '报备 李四 13812345678',
        mentionsBot: true,
        replyVia: { kind: 'response', id: groupText.response_url },
      },
    })
  })

  it('decodes a single chat as a direct chat with the sender as the conversation', () => {
    expect(decodeCallback(singleText)).toMatchObject({
      kind: 'message',
      message: {
        chat: { kind: 'direct', id: 'lisi' },
        sender: { userId: 'lisi' },
        text: '我的客户',
        mentionsBot: false,
      },
    })
  })

  it('removes the mention by name anywhere when the robot’s name is known', () => {
    const d = decodeCallback({ ...groupText, text: { content: '报备 @案场助手\u2005李四 13812345678' } }, '案场助手')
    expect(d).toMatchObject({ message: { text: '报备 李四 13812345678' } })
  })

  it('removes a trailing mention when the name is unknown', () => {
    expect(decodeCallback({ ...groupText, text: { content: '签到 @RobotA' } })).toMatchObject({
      message: { text: '签到' },
    })
  })

  it.each([
    ['an image', { ...singleText, msgtype: 'image', image: { url: 'https://x' }, text: undefined }],
    ['a mixed message', { ...groupText, msgtype: 'mixed', text: undefined }],
    ['a stream refresh', { ...singleText, msgtype: 'stream', stream: { id: 'S1' }, text: undefined }],
    ['an event', { msgid: 'E1', aibotid: 'A', chattype: 'single', from: { userid: 'x' }, msgtype: 'event' }],
    ['an empty single-chat text', { ...singleText, text: { content: '  ' } }],
  ])('ignores %s', (_name, body) => {
    expect(decodeCallback(body).kind).toBe('ignored')
  })

  it.each([
    ['a group text without chatid', { ...groupText, chatid: undefined }],
    ['a text without from', { ...groupText, from: undefined }],
    ['a text without content', { ...groupText, text: undefined }],
    ['a msgid rounded by JSON.parse', { ...groupText, msgid: 2 ** 60 }],
    ['an array', []],
  ])('calls %s malformed', (_name, body) => {
    expect(decodeCallback(body).kind).toBe('malformed')
  })
})
