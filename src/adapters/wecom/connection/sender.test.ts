import { describe, expect, it } from 'vitest'
import type { Delivery } from '../../../chat/outbound.ts'
import type { Ack, PushBody, ReplyBody, WecomConnection } from './client.ts'
import { createWecomConnectionSender } from './sender.ts'

/** A connection that records what it was asked to send and answers as told. */
function recordingConnection(answers: { reply?: Ack; push?: Ack } = {}, connected = true) {
  const calls: string[] = []
  const connection: WecomConnection = {
    platform: 'wecom',
    start: async () => {},
    stop: async () => {},
    status: () => {
      throw new Error('unused')
    },
    canSend: () => connected,
    async reply(reqId: string, body: ReplyBody) {
      calls.push(`reply ${reqId} ${'stream' in body ? body.stream : 'card'}`)
      return answers.reply ?? { ok: true }
    },
    async push(chatId: string, body: PushBody) {
      const what =
        'markdown' in body
          ? body.markdown
          : 'image' in body
            ? `image ${body.filename} ${body.image.length}B`
            : 'file' in body
              ? `file ${body.filename} ${body.file.length}B`
              : 'card'
      calls.push(`push ${chatId} ${what}`)
      return answers.push ?? { ok: true }
    },
  }
  return { connection, calls }
}

const reply = (text: string, req = 'aibot_msg_callback_1', chat = 'wrkGroup'): Delivery => ({
  platform: 'wecom',
  target: { kind: 'response', id: `ws:group:${chat}:${req}` },
  text,
})
const toGroup = (text: string, chat = 'wrkGroup'): Delivery => ({
  platform: 'wecom',
  target: { kind: 'group', id: chat },
  text,
})

describe('the long connection sender', () => {
  it('answers with the text, then pushes the picture; a file only to a person', async () => {
    const { connection, calls } = recordingConnection()
    const sender = createWecomConnectionSender(connection)
    const png = Buffer.from('89504e470d0a1a0a', 'hex')
    const xlsx = Buffer.from('504b0304', 'hex')
    const image = { kind: 'image' as const, mime: 'image/png' as const, data: png, name: 'board.png' }
    const doc = { kind: 'document' as const, name: 'a.xlsx', mime: 'x', data: xlsx }
    expect(await sender.send({ ...reply('销控（…）'), parts: [image] })).toEqual({ kind: 'sent' })
    expect(await sender.send({ ...toGroup('导出'), parts: [doc] })).toEqual({ kind: 'sent' })
    const direct = { platform: 'wecom' as const, target: { kind: 'direct' as const, id: 'zhao' }, text: '已导出' }
    expect(await sender.send({ ...direct, parts: [doc] })).toEqual({ kind: 'sent' })
    expect(calls).toEqual([
      'reply aibot_msg_callback_1 销控（…）',
      'push wrkGroup image board.png 8B',
      'push wrkGroup 导出',
      'push zhao 已导出',
      'push zhao file a.xlsx 4B',
    ])
  })

  it('answers a message on its req_id and pushes notices to the group or to a person', async () => {
    const { connection, calls } = recordingConnection()
    const sender = createWecomConnectionSender(connection)
    expect(await sender.send(reply('签到成功'))).toEqual({ kind: 'sent' })
    expect(await sender.send(toGroup('【公告】明天开盘'))).toEqual({ kind: 'sent' })
    expect(
      await sender.send({ platform: 'wecom', target: { kind: 'direct', id: 'wangmishu' }, text: '【撞单】…' }),
    ).toEqual({ kind: 'sent' })
    expect(calls).toEqual([
      'reply aibot_msg_callback_1 签到成功',
      'push wrkGroup 【公告】明天开盘',
      'push wangmishu 【撞单】…',
    ])
  })

  it('pushes a reply to the chat when WeCom no longer takes an answer to that message', async () => {
    const { connection, calls } = recordingConnection({
      reply: { ok: false, retry: false, errcode: 40058, reason: 'errcode 40058' },
    })
    const sender = createWecomConnectionSender(connection)
    expect(await sender.send(reply('报备成功 F1'))).toEqual({ kind: 'sent' })
    expect(calls).toEqual(['reply aibot_msg_callback_1 报备成功 F1', 'push wrkGroup 报备成功 F1'])
  })

  it('asks the outbox to try again while not connected, and after a minute for the frequency limit', async () => {
    const offline = createWecomConnectionSender(recordingConnection({}, false).connection)
    expect(await offline.send(reply('x'))).toEqual({ kind: 'retry', reason: 'WeCom long connection not connected' })
    const limited = createWecomConnectionSender(
      recordingConnection({ push: { ok: false, retry: true, errcode: 45009, reason: 'errcode 45009' } }).connection,
    )
    expect(await limited.send(toGroup('x'))).toEqual({
      kind: 'retry',
      afterMs: 60_000,
      reason: 'aibot_send_msg: errcode 45009',
    })
    const refused = createWecomConnectionSender(
      recordingConnection({ push: { ok: false, retry: false, errcode: 40008, reason: 'errcode 40008' } }).connection,
    )
    expect(await refused.send(toGroup('x'))).toEqual({ kind: 'failed', reason: 'aibot_send_msg: errcode 40008' })
  })

  it('paces each conversation: the 21st message within a minute waits until the 1st is a minute old', async () => {
    let now = Date.parse('2026-12-01T09:00:00+08:00')
    const { connection, calls } = recordingConnection()
    const sender = createWecomConnectionSender(connection, { now: () => now })
    const first = now
    for (let i = 0; i < 20; i++) {
      expect(await sender.send(i % 2 ? toGroup(`n${i}`) : reply(`r${i}`, `req${i}`))).toEqual({ kind: 'sent' })
      now += 1_000
    }
    // Another chat is not held up.
    expect(await sender.send(toGroup('other', 'wrkOther'))).toEqual({ kind: 'sent' })
    now = first + 59_999
    expect(await sender.send(toGroup('21st'))).toEqual({
      kind: 'retry',
      afterMs: 1,
      paced: true,
      reason: 'paced: WeCom limits each conversation',
    })
    now = first + 60_000
    expect(await sender.send(toGroup('21st'))).toEqual({ kind: 'sent' })
    expect(calls.filter((c) => !c.includes('wrkOther'))).toHaveLength(21)
  })

  it('keeps each conversation under 900 messages an hour', async () => {
    let now = 0
    const sender = createWecomConnectionSender(recordingConnection().connection, { now: () => now })
    // 900 messages, 20 a minute for 45 minutes.
    for (let i = 0; i < 900; i++) {
      now = Math.floor(i / 20) * 60_000 + (i % 20)
      expect((await sender.send(toGroup(`m${i}`))).kind).toBe('sent')
    }
    now = 45 * 60_000
    expect(await sender.send(toGroup('901st'))).toEqual({
      kind: 'retry',
      afterMs: 15 * 60_000,
      paced: true,
      reason: 'paced: WeCom limits each conversation',
    })
    now = 60 * 60_000
    expect((await sender.send(toGroup('901st'))).kind).toBe('sent')
  })

  it('splits a long push at line ends; a response_url of callback mode is not sent on the connection', async () => {
    const { connection, calls } = recordingConnection()
    const sender = createWecomConnectionSender(connection)
    const line = '销控：3-1-1201 可售\n'
    expect(await sender.send(toGroup(line.repeat(200)))).toEqual({ kind: 'sent' })
    expect(calls.length).toBeGreaterThan(1)
    expect(calls.every((c) => Buffer.byteLength(c) <= 4_096 + 'push wrkGroup '.length)).toBe(true)
    const old: Delivery = {
      platform: 'wecom',
      target: { kind: 'response', id: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=X' },
      text: 'x',
    }
    expect(await sender.send(old)).toEqual({
      kind: 'failed',
      reason: 'response_url of callback mode, not sent over the long connection',
    })
  })
})
