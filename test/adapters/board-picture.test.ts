import { createHash } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PNG } from 'pngjs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleHub } from '../../src/adapters/console/hub.ts'
import { createConsoleSender } from '../../src/adapters/console/sender.ts'
import { createOneBotSender } from '../../src/adapters/onebot/sender.ts'
import { createTelegramSender } from '../../src/adapters/telegram/sender.ts'
import { createWecomSender } from '../../src/adapters/wecom/sender.ts'
import type { Delivery } from '../../src/chat/outbound.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { multipartFields } from '../support/multipart.ts'
import { takeDeliveries } from '../support/outbox.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'

/** One fake platform HTTP API for all three: records each request's path, headers and raw body; answers ok. */
const calls: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = []
const api = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    calls.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) })
    res.setHeader('content-type', 'application/json')
    // One body that every platform reads as success: Telegram's ok, OneBot's status, WeCom's errcode.
    res.end(JSON.stringify({ ok: true, result: { message_id: 1 }, status: 'ok', retcode: 0, errcode: 0 }))
  })
})
let root = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  root = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))

const json = (i: number) => JSON.parse(String(calls[i]?.body)) as Record<string, unknown>
/** A PNG as pngjs reads it (throws on anything that is not a valid PNG). */
const decodePng = (bytes: Buffer) => PNG.sync.read(bytes)

describe.each(databaseKinds())('销控 as a picture (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    calls.length = 0
    h = await chatHarness(kind, '2026-12-01T15:40:00+08:00')
    await standardSite(h)
    await h.say('sec', '/unit add 3-1-1201 89.5 1680000 1600000')
    await h.say('sec', '/unit add 3-1-901 90 1580000 1500000')
    await h.say('sec', '/unit add 5-1-301 100 2000000 1900000')
  })
  afterEach(() => h.close())

  /** The reply to `销控…` as the outbox worker claims it: text and parts, back from the database. */
  async function boardReply(text: string): Promise<Delivery> {
    await h.store.db.outbox.deleteMany({})
    await h.say('wa1', text)
    const [reply] = await takeDeliveries(h.store, h.clock.now())
    if (!reply) throw new Error('no reply queued')
    return reply.delivery
  }

  it('queues the summary with the board as a PNG part; 销控 <楼栋> narrows both to that building', async () => {
    const all = await boardReply('销控')
    expect(all.text.split('\n')[0]).toBe(
      '销控（2026-12-01 15:40）共 3 套：可售 3 · 已定 0 · 已认购 0 · 已签约 0 · 锁定 0',
    )
    const part = all.parts?.find((p) => p.kind === 'image')
    expect(part?.kind).toBe('image')
    const png = decodePng(Buffer.from(part?.kind === 'image' ? part.data : new Uint8Array()))
    expect(png.width).toBeGreaterThan(300)

    const three = await boardReply('销控 3号楼')
    expect(three.text).toBe(
      [
        '销控 3号楼（2026-12-01 15:40）共 2 套：可售 2 · 已定 0 · 已认购 0 · 已签约 0 · 锁定 0',
        '可售房源：',
        '3-1-901（90㎡）¥1,580,000.00',
        '3-1-1201（89.5㎡）¥1,680,000.00',
      ].join('\n'),
    )
    expect(three.parts?.map((p) => p.kind)).toEqual(['text', 'image'])
    expect(await h.say('wa1', '销控 9')).toBe(
      '没有 9号楼 的房源。现有：3号楼、5号楼。发送“销控”查看全部，或“销控 3”只看 3号楼。',
    )
  })

  it('QQ: an image segment whose base64:// bytes decode to a valid PNG, after the text', async () => {
    const reply = await boardReply('销控')
    const sender = createOneBotSender({ apiUrl: root, accessToken: undefined, secret: undefined })
    expect(await sender.send({ ...reply, platform: 'onebot', target: { kind: 'group', id: '123456' } })).toEqual({
      kind: 'sent',
    })
    expect(calls[0]?.path).toBe('/send_group_msg')
    const message = json(0).message as { type: string; data: { text?: string; file?: string } }[]
    expect(message.map((s) => s.type)).toEqual(['text', 'image'])
    expect(message[0]?.data.text).toBe(reply.text)
    const file = message[1]?.data.file ?? ''
    expect(file.startsWith('base64://')).toBe(true)
    expect(decodePng(Buffer.from(file.slice('base64://'.length), 'base64')).width).toBeGreaterThan(300)
  })

  it('Telegram: sendPhoto as a multipart upload with the summary as its caption', async () => {
    const reply = await boardReply('销控')
    const sender = createTelegramSender({ token: TOKEN, webhookSecret: undefined, apiRoot: root, botUsername: 'b' })
    expect(
      await sender.send({ ...reply, platform: 'telegram', target: { kind: 'group', id: '-1001234567890' } }),
    ).toEqual({ kind: 'sent' })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.path).toBe(`/bot${TOKEN}/sendPhoto`)
    expect(calls[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    const form = multipartFields(calls[0]?.body ?? Buffer.alloc(0), String(calls[0]?.headers['content-type']))
    expect(String(form.get('chat_id')?.data)).toBe('-1001234567890')
    expect(String(form.get('caption')?.data)).toBe(reply.text)
    // grammY sends the file as an attachment the photo field points at (attach://…)
    const ref = String(form.get('photo')?.data).replace('attach://', '')
    const photo = form.get(ref)
    expect(decodePng(photo?.data ?? Buffer.alloc(0)).width).toBeGreaterThan(300)
  })

  it('WeCom push robot: the text, then an image message whose md5 is the PNG’s', async () => {
    const reply = await boardReply('销控')
    const sender = createWecomSender(
      { token: 't', aesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', receiveId: '' },
      { apiBase: root, keyFor: async () => 'robot-key-1' },
    )
    expect(await sender.send({ ...reply, platform: 'wecom', target: { kind: 'group', id: 'wrkSFfCgAA' } })).toEqual({
      kind: 'sent',
    })
    expect(calls.map((c) => c.path)).toEqual([
      '/cgi-bin/webhook/send?key=robot-key-1',
      '/cgi-bin/webhook/send?key=robot-key-1',
    ])
    expect(json(0)).toEqual({ msgtype: 'text', text: { content: reply.text } })
    const image = json(1) as { msgtype: string; image: { base64: string; md5: string } }
    expect(image.msgtype).toBe('image')
    const bytes = Buffer.from(image.image.base64, 'base64')
    expect(image.image.md5).toBe(createHash('md5').update(bytes).digest('hex'))
    expect(decodePng(bytes).width).toBeGreaterThan(300)
  })

  it('console: the page gets the text and the picture as a data URL', async () => {
    const reply = await boardReply('销控')
    const hub = new ConsoleHub()
    await createConsoleSender(hub).send(reply)
    const [event] = hub.history()
    expect(event?.text).toBe(reply.text)
    expect(event?.image?.startsWith('data:image/png;base64,')).toBe(true)
  })
})
