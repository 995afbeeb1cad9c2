import { existsSync, readFileSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConsoleHub } from '../../src/adapters/console/hub.ts'
import { createConsoleSender } from '../../src/adapters/console/sender.ts'
import { createOneBotSender } from '../../src/adapters/onebot/sender.ts'
import { createTelegramSender } from '../../src/adapters/telegram/sender.ts'
import { takeDownload } from '../../src/app/downloads.ts'
import type { Delivery } from '../../src/chat/outbound.ts'
import { downloadRoutes } from '../../src/http/downloads.ts'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { multipartFields } from '../support/multipart.ts'
import { takeDeliveries } from '../support/outbox.ts'

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'
// the token first: a random token may hold `A12` too
const A = (text: string) => text.replace(/files\/[\w-]+/, 'files/<token>').replace(/A\d+/g, 'A#')

/** A fake Bot API recording raw bodies (uploads are multipart). */
const calls: { path: string; headers: IncomingHttpHeaders; body: Buffer }[] = []
const api = createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (c: Buffer) => chunks.push(c))
  req.on('end', () => {
    calls.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) })
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({ ok: true, result: { message_id: 1 } }))
  })
})
let root = ''
beforeAll(async () => {
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  root = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())))

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return wb
}
function rowOf(ws: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === text) found = row
  })
  if (!found) throw new Error(`no row ${text} in ${ws.name}`)
  return found
}

/** The text segment of a OneBot send_*_msg body. */
const textOf = (body: Record<string, unknown> | undefined) =>
  ((body?.message ?? []) as { data: { text?: string } }[])[0]?.data.text ?? ''

describe.each(databaseKinds())('导出: spreadsheets in a direct chat, one-time links (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    calls.length = 0
    // As on Telegram: the links are absolute, on the bot's public address.
    h = await chatHarness(kind, '2026-11-20T10:00:00+08:00', 'telegram')
    h.deps.publicUrl = 'https://anchang.example.cn'
    await standardSite(h)
    // Two signed contracts of 链家 in November (written as 签约 would) and one fine: the statement's figures.
    const project = await h.store.db.project.findFirstOrThrow()
    const lj = await h.store.db.agency.findFirstOrThrow({ where: { name: '链家' } })
    for (const [i, unit] of ['3-1-1201', '3-1-1202'].entries()) {
      const u = await h.store.db.unit.create({
        data: {
          projectId: project.id,
          code: unit,
          areaCm2: 8950,
          listPriceFen: 120_000_000n,
          floorPriceFen: 110_000_000n,
          basement: false,
          status: 'signed',
          updatedAt: new Date('2026-11-10T02:00:00Z'),
        },
      })
      await h.store.db.contract.create({
        data: {
          projectId: project.id,
          subscriptionId: i + 1,
          unitId: u.id,
          customerId: i + 1,
          agencyId: lj.id,
          priceFen: 120_000_000n,
          basement: false,
          signedBy: 1,
          signedAt: new Date('2026-11-10T02:00:00Z'),
          localMonth: '2026-11',
        },
      })
    }
    await h.say('mgr', '罚款 链家 大厅 大厅吃早餐')
    h.clock.set('2026-12-01T15:40:00+08:00')
  })
  afterEach(() => h.close())

  const take = (token: string) => h.store.transaction((tx) => takeDownload(tx, token, h.clock.now(), 'test'))
  const files = () => downloadRoutes({ take, log: () => {} })
  const tokenIn = (text: string) => /\/files\/([\w-]+)/.exec(text)?.[1] ?? ''

  /** The reply queued for `who`'s direct chat, text and parts, as the outbox worker claims it. */
  async function directReply(who: string, text: string): Promise<Delivery> {
    await h.store.db.outbox.deleteMany({})
    await h.say(who, text, 'direct')
    const [m] = await takeDeliveries(h.store, h.clock.now())
    if (!m) throw new Error('nothing queued')
    return m.delivery
  }

  it('refuses in a group, to agents, and the secretary’s 佣金; bad input says how', async () => {
    expect(await h.say('mgr', '导出 佣金')).toBe('导出的表格只在私聊中发送：请私聊机器人发送“导出 佣金”。')
    expect(await h.say('lj1', '导出 佣金', 'direct')).toBe('无权使用此命令：仅限案场秘书、现场经理、管理员。')
    expect(await h.say('sec', '导出 佣金', 'direct')).toBe('无权使用此命令：仅限现场经理、管理员。')
    expect(await h.say('mgr', '导出 工资', 'direct')).toBe(
      '用法：导出 佣金|罚款|报备 [YYYY-MM] ｜ 导出 销控（私聊）\n例如：导出 佣金 2026-11',
    )
    expect(await h.store.db.download.count()).toBe(0)
  })

  it('导出 佣金: the link downloads once an xlsx holding the statement’s figures; the second click is refused', async () => {
    const reply = await directReply('mgr', '导出 佣金 2026-11')
    expect(A(reply.text)).toBe(
      [
        '已导出 佣金 2026-11：香公馆-佣金-2026-11.xlsx。证据 A#',
        '下载链接（只能下载一次，2026-12-02 15:40 前有效）：https://anchang.example.cn/files/<token>',
      ].join('\n'),
    )
    const res = await files().request(`/${tokenIn(reply.text)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('香公馆-佣金-2026-11.xlsx')}`,
    )
    const wb = await workbook(Buffer.from(await res.arrayBuffer()))
    const row = rowOf(wb.getWorksheet('汇总') as ExcelJS.Worksheet, '链家')
    // 2 counted units = target → 1.6% of ¥2,400,000.00 = ¥38,400.00, less the ¥200.00 fine: ¥38,200.00 payable
    expect([3, 6, 7, 8, 11, 14].map((c) => row.getCell(c).value)).toEqual([2, 0.016, 2_400_000, 38_400, 200, 38_200])

    const again = await files().request(`/${tokenIn(reply.text)}`)
    expect(again.status).toBe(404)
    expect(await again.text()).toBe(
      '下载链接无效、已使用或已过期（每个链接 24 小时内只能下载一次）。请私聊机器人重新发送“导出 …”。',
    )
    const audit = await h.store.db.auditEntry.findMany({ where: { action: { startsWith: 'export.' } } })
    expect(audit.map((a) => a.action)).toEqual(['export.create', 'export.download'])
  })

  it('a link works until 24 hours after the export, not at 24 hours', async () => {
    const first = await directReply('mgr', '导出 罚款 2026-11')
    const second = await directReply('mgr', '导出 罚款 2026-11')
    h.clock.set('2026-12-02T15:39:59.999+08:00')
    expect((await files().request(`/${tokenIn(first.text)}`)).status).toBe(200)
    h.clock.set('2026-12-02T15:40:00+08:00')
    expect((await files().request(`/${tokenIn(second.text)}`)).status).toBe(404)
    expect((await files().request('/not-a-token-at-all-000')).status).toBe(404)
  })

  it('Telegram: sendDocument (multipart) with the xlsx and a caption without the link', async () => {
    const reply = await directReply('sec', '导出 销控')
    const sender = createTelegramSender({ token: TOKEN, webhookSecret: undefined, apiRoot: root, botUsername: 'b' })
    expect(await sender.send({ ...reply, platform: 'telegram', target: { kind: 'direct', id: '1001' } })).toEqual({
      kind: 'sent',
    })
    expect(calls.map((c) => c.path)).toEqual([`/bot${TOKEN}/sendDocument`])
    const form = multipartFields(calls[0]?.body ?? Buffer.alloc(0), String(calls[0]?.headers['content-type']))
    expect(A(String(form.get('caption')?.data))).toBe('已导出 销控 2026-12-01：香公馆-销控-2026-12-01.xlsx。证据 A#')
    const ref = String(form.get('document')?.data).replace('attach://', '')
    const wb = await workbook(form.get(ref)?.data ?? Buffer.alloc(0))
    expect(wb.worksheets.length).toBeGreaterThan(0)
  })

  it('导出 报备 (secretary): the month’s filings, the collision with both sides and the visit, full numbers', async () => {
    h.clock.set('2026-11-25T10:00:00+08:00')
    await h.say('lj1', '报备 张三 13812345678')
    await h.say('wa1', '报备 张三 13812345678')
    await h.say('sec', '到访 13812345678')
    h.clock.set('2026-12-01T15:40:00+08:00')
    const reply = await directReply('sec', '导出 报备 2026-11')
    expect(A(reply.text).split('\n')[0]).toBe('已导出 报备 2026-11：香公馆-报备-2026-11.xlsx。证据 A#')
    const wb = await workbook(Buffer.from(await (await files().request(`/${tokenIn(reply.text)}`)).arrayBuffer()))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['报备', '撞单', '到访'])
    const cells = (name: string) => {
      const out: unknown[][] = []
      wb.getWorksheet(name)?.eachRow((row) => {
        out.push((row.values as unknown[]).slice(1))
      })
      return out.map((r) => r.map((v) => (v instanceof Date ? 'date' : v)))
    }
    expect(
      cells('报备')
        .find((r) => r[0] === 'F1')
        ?.slice(2, 6),
    ).toEqual(['链家', '李四', '张三', '13812345678'])
    const collision = cells('撞单').find((r) => r[2] === '13812345678')
    expect([collision?.[3], collision?.[4], collision?.[7], collision?.[8]]).toEqual(['链家', 'F1', '我爱我家', '周五'])
    const visit = cells('到访').find((r) => r[2] === '13812345678')
    expect([visit?.[3], visit?.[4], visit?.[7]]).toEqual(['链家', 'F1', '王秘书'])
  })

  it('QQ (NapCat): upload_private_file from a path NapCat can read, then the caption; without that API, the link', async () => {
    const reply = await directReply('mgr', '导出 佣金 2026-11')
    const got: { action: string; body: Record<string, unknown>; file?: Buffer }[] = []
    let hasUpload = true
    const napcat = createServer((req, res) => {
      let raw = ''
      req.on('data', (c) => {
        raw += c
      })
      req.on('end', () => {
        const action = (req.url ?? '').slice(1)
        const body = JSON.parse(raw) as Record<string, unknown>
        // NapCat reads the file while answering: it must be there now
        const file = action === 'upload_private_file' ? readFileSync(String(body.file)) : undefined
        got.push({ action, body, ...(file ? { file } : {}) })
        if (action === 'upload_private_file' && !hasUpload) {
          res.statusCode = 404
          return res.end()
        }
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify({ status: 'ok', retcode: 0, data: null }))
      })
    })
    await new Promise<void>((resolve) => napcat.listen(0, '127.0.0.1', resolve))
    const apiUrl = `http://127.0.0.1:${(napcat.address() as AddressInfo).port}`
    const sender = createOneBotSender({ apiUrl, accessToken: undefined, secret: undefined })
    const toQq = { ...reply, platform: 'onebot' as const, target: { kind: 'direct' as const, id: '10001' } }
    try {
      expect(await sender.send(toQq)).toEqual({ kind: 'sent' })
      expect(got.map((g) => g.action)).toEqual(['upload_private_file', 'send_private_msg'])
      expect([got[0]?.body.user_id, got[0]?.body.name]).toEqual([10001, '香公馆-佣金-2026-11.xlsx'])
      const wb = await workbook(got[0]?.file ?? Buffer.alloc(0))
      expect(rowOf(wb.getWorksheet('汇总') as ExcelJS.Worksheet, '链家').getCell(14).value).toBe(38_200)
      expect(existsSync(String(got[0]?.body.file))).toBe(false) // removed after the upload
      expect(A(textOf(got[1]?.body))).toBe('已导出 佣金 2026-11：香公馆-佣金-2026-11.xlsx。证据 A#')

      got.length = 0
      hasUpload = false
      expect(await sender.send(toQq)).toEqual({ kind: 'sent' })
      expect(got.map((g) => g.action)).toEqual(['upload_private_file', 'send_private_msg'])
      expect(textOf(got[1]?.body)).toBe(reply.text)
    } finally {
      await new Promise<void>((resolve) => napcat.close(() => resolve()))
    }
  })

  it('console: the page gets the file and its link', async () => {
    const reply = await directReply('mgr', '导出 罚款')
    const hub = new ConsoleHub()
    await createConsoleSender(hub).send(reply)
    expect(hub.history()[0]?.file?.name).toBe('香公馆-罚款-2026-12.xlsx')
  })
})
