import type { Message } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { decodeMessage } from './decode.ts'

const me = { id: 123456789, username: 'anchang_bot' }
const person = { id: 987654321, is_bot: false, first_name: '三', last_name: '张', username: 'zhangsan' }
const supergroup = { id: -1001234567890, type: 'supergroup', title: '香公馆案场' } as const

// Message objects as the Bot API documents them (https://core.telegram.org/bots/api#message).
const message = (text: string, over: Partial<Message> = {}): Message =>
  ({ message_id: 55, date: 1764000000, chat: supergroup, from: person, text, ...over }) as Message

describe('decodeMessage', () => {
  it('decodes a private text with update_id as event id', () => {
    const m = message('查客户 13812345678', { chat: { id: 987654321, type: 'private', first_name: '三' } })
    expect(decodeMessage(424242, m, me)).toEqual({
      kind: 'message',
      message: {
        platform: 'telegram',
        eventId: '424242',
        messageId: '55',
        chat: { kind: 'direct', id: '987654321' },
        sender: { userId: '987654321', name: '三 张' },
        text: '查客户 13812345678',
        mentionsBot: false,
      },
    })
  })

  it('strips @botname from a command in a supergroup, case-insensitively, keeping the -100 id exact', () => {
    const m = message('/file@AnChang_Bot 张三 13812345678', {
      entities: [{ type: 'bot_command', offset: 0, length: 17 }],
    })
    expect(decodeMessage(1, m, me)).toMatchObject({
      kind: 'message',
      message: {
        chat: { kind: 'group', id: '-1001234567890', title: '香公馆案场' },
        text: '/file 张三 13812345678',
        mentionsBot: true,
      },
    })
  })

  it('ignores a command addressed to another bot', () => {
    const m = message('/checkin@other_bot', { entities: [{ type: 'bot_command', offset: 0, length: 18 }] })
    expect(decodeMessage(1, m, me)).toEqual({ kind: 'ignored', why: 'command for another bot' })
  })

  it('takes any @suffix as ours when the username is unknown', () => {
    const m = message('/checkin@whatever', { entities: [{ type: 'bot_command', offset: 0, length: 17 }] })
    expect(decodeMessage(1, m, { ...me, username: '' })).toMatchObject({
      message: { text: '/checkin', mentionsBot: true },
    })
  })

  it('removes a mention of the bot at the start or in the middle, and keeps other mentions', () => {
    const start = message('@anchang_bot 报备 张三', { entities: [{ type: 'mention', offset: 0, length: 12 }] })
    expect(decodeMessage(1, start, me)).toMatchObject({ message: { text: '报备 张三', mentionsBot: true } })
    const middle = message('罚款 @anchang_bot @lisi 态度', {
      entities: [
        { type: 'mention', offset: 3, length: 12 },
        { type: 'mention', offset: 16, length: 5 },
      ],
    })
    expect(decodeMessage(1, middle, me)).toMatchObject({ message: { text: '罚款 @lisi 态度', mentionsBot: true } })
  })

  it('recognises a text_mention of the bot by id', () => {
    const m = message('Anchang 签到', {
      entities: [
        { type: 'text_mention', offset: 0, length: 7, user: { id: me.id, is_bot: true, first_name: 'Anchang' } },
      ],
    })
    expect(decodeMessage(1, m, me)).toMatchObject({ message: { text: '签到', mentionsBot: true } })
  })

  it('passes a plain group command without a mention', () => {
    expect(decodeMessage(1, message('签到'), me)).toMatchObject({ message: { text: '签到', mentionsBot: false } })
  })

  it.each([
    ['a photo with a caption', { text: undefined, photo: [], caption: '报备' }],
    ['another bot', { from: { id: 5, is_bot: true, first_name: 'x' } }],
    ['the bot itself', { from: { id: me.id, is_bot: true, first_name: 'Anchang' } }],
    ['an anonymous admin', { from: { id: 1087968824, is_bot: true, first_name: 'Group' }, sender_chat: supergroup }],
    ['a channel', { chat: { id: -1009, type: 'channel', title: 'c' } }],
    ['a message without sender', { from: undefined }],
  ])('ignores %s', (_name, over) => {
    expect(decodeMessage(1, message('签到', over as Partial<Message>), me).kind).toBe('ignored')
  })
})
