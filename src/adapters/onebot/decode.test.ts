import { describe, expect, it } from 'vitest'
import { decodeEvent } from './decode.ts'
import { parseJsonKeepingBigIntegers } from './lossless-json.ts'

// Shapes from onebot-11 event/message.md and event/meta.md, as NapCat posts them (messagePostFormat "array").
const groupArray = {
  time: 1515204254,
  self_id: 10001000,
  post_type: 'message',
  message_type: 'group',
  sub_type: 'normal',
  message_id: -2147480123,
  group_id: 987654321,
  user_id: 12345678,
  anonymous: null,
  message: [
    { type: 'at', data: { qq: '10001000' } },
    { type: 'text', data: { text: ' 报备 张三 13812345678' } },
  ],
  raw_message: '[CQ:at,qq=10001000] 报备 张三 13812345678',
  font: 0,
  sender: { user_id: 12345678, nickname: '小不点', card: '王五-链家', role: 'member' },
}

const privateString = {
  time: 1515204254,
  self_id: 10001000,
  post_type: 'message',
  message_type: 'private',
  sub_type: 'friend',
  message_id: 12,
  user_id: 12345678,
  message: '查客户 &#91;138&#93; a&amp;b',
  raw_message: '查客户 &#91;138&#93; a&amp;b',
  font: 456,
  sender: { nickname: '小不点', sex: 'male', age: 18 },
}

const decodedMessage = (body: unknown) => {
  const d = decodeEvent(body)
  if (d.kind !== 'message') throw new Error(`expected a message, got ${d.kind}: ${d.why}`)
  return d.message
}

describe('decodeEvent', () => {
  it('decodes a group message in array form, strips the @ of the bot and keeps the negative message id', () => {
    expect(decodedMessage(groupArray)).toEqual({
      platform: 'onebot',
      eventId: '10001000:-2147480123:1515204254',
      messageId: '-2147480123',
      chat: { kind: 'group', id: '987654321' },
      sender: { userId: '12345678', name: '王五-链家' },
      text: '报备 张三 13812345678',
      mentionsBot: true,
    })
  })

  it('decodes a private message in CQ-string form with escapes', () => {
    expect(decodedMessage(privateString)).toEqual({
      platform: 'onebot',
      eventId: '10001000:12:1515204254',
      messageId: '12',
      chat: { kind: 'direct', id: '12345678' },
      sender: { userId: '12345678', name: '小不点' },
      text: '查客户 [138] a&b',
      mentionsBot: false,
    })
  })

  it('reads the CQ-string group form, a mention in the middle and other people’s @', () => {
    const m = decodedMessage({
      ...groupArray,
      message: '罚款 [CQ:at,qq=10001000]  [CQ:at,qq=555,name=李四] 态度',
      group_name: '香公馆案场',
      sender: { nickname: '小不点', card: '' },
    })
    expect(m.text).toBe('罚款 @李四 态度')
    expect(m.mentionsBot).toBe(true)
    expect(m.chat).toEqual({ kind: 'group', id: '987654321', title: '香公馆案场' })
    expect(m.sender.name).toBe('小不点')
  })

  it('treats a plain group command as a message that does not mention the bot', () => {
    const m = decodedMessage({ ...groupArray, message: [{ type: 'text', data: { text: '签到' } }] })
    expect(m).toMatchObject({ text: '签到', mentionsBot: false })
  })

  it('falls back to raw_message when message is absent', () => {
    const { message: _, ...rest } = groupArray
    expect(decodedMessage(rest).text).toBe('报备 张三 13812345678')
  })

  it('keeps ids beyond 2^53 exact when parsed losslessly', () => {
    const text = JSON.stringify(privateString).replace('"message_id":12', '"message_id":7345123456789012345')
    expect(decodedMessage(parseJsonKeepingBigIntegers(text)).eventId).toBe('10001000:7345123456789012345:1515204254')
  })

  it.each([
    [
      'heartbeat',
      { time: 1, self_id: 10001000, post_type: 'meta_event', meta_event_type: 'heartbeat', interval: 5000 },
    ],
    [
      'lifecycle',
      { time: 1, self_id: 10001000, post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect' },
    ],
    [
      'notice',
      { time: 1, self_id: 10001000, post_type: 'notice', notice_type: 'group_increase', group_id: 1, user_id: 2 },
    ],
    ['request', { time: 1, self_id: 10001000, post_type: 'request', request_type: 'friend', user_id: 2, flag: 'x' }],
    ['NapCat message_sent', { ...groupArray, post_type: 'message_sent' }],
    ['own message', { ...groupArray, user_id: 10001000 }],
    ['anonymous', { ...groupArray, sub_type: 'anonymous' }],
    ['group system notice', { ...groupArray, sub_type: 'notice' }],
    ['image only', { ...groupArray, message: [{ type: 'image', data: { file: 'a.jpg', url: 'http://x' } }] }],
    ['whitespace only', { ...privateString, message: '   ' }],
  ])('ignores %s', (_name, body) => {
    expect(decodeEvent(body).kind).toBe('ignored')
  })

  it.each([
    ['an array', []],
    ['a string', 'hello'],
    ['a message without user_id', { ...privateString, user_id: undefined }],
    ['a group message without group_id', { ...groupArray, group_id: undefined }],
    ['an unsafe numeric id', { ...privateString, user_id: 2 ** 60 }],
    ['segments that are not segments', { ...privateString, message: [1, 2] }],
  ])('calls %s malformed', (_name, body) => {
    expect(decodeEvent(body).kind).toBe('malformed')
  })
})

describe('the event id used to run a redelivery once', () => {
  it('is the same for a redelivered event and differs when an implementation reuses a message id later', () => {
    const first = decodedMessage(privateString).eventId
    expect(decodedMessage({ ...privateString }).eventId).toBe(first)
    expect(decodedMessage({ ...privateString, time: privateString.time + 3600 }).eventId).not.toBe(first)
    expect(decodedMessage({ ...privateString, self_id: 20002000 }).eventId).not.toBe(first)
  })
})
