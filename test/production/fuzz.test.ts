import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/app/log.ts'
import { normalizeText, parseCommand } from '../../src/chat/parse.ts'
import { loadConfig } from '../../src/config.ts'
import { openStore } from '../../src/db/store.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'
import { SITE_AGENTS, SITE_GROUP, seedOneBotSite } from '../support/site.ts'

/** Cases per property: a few hundred in CI; the benchmark runs this file with ANCHANG_FUZZ_RUNS=25000. */
const RUNS = Number(process.env.ANCHANG_FUZZ_RUNS ?? 400)
/**
 * Each property's time budget grows with its case count, never under vitest's 30 s, so a benchmark run with many
 * cases does not fail for running out of time. Per case: the parser took 0.43 ms and a signed event 1.1 ms on 2
 * cores at a load average of 9; the budgets give about five and nine times that.
 */
const budget = (cases: number, msPerCase: number) => Math.max(30_000, Math.ceil(cases * msPerCase))
const SECRET = 'fuzz-secret-0123'
const TG_SECRET = 'fuzz-telegram-secret-0123'
const WECOM = { token: 'QDG6eK', aes: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }

const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ maxLength: 10_000, minLength: 9_000 }),
  fc
    .constantFrom('报备', '定金', '罚款', '/group', '认购', '冲正', '/unit', '签约')
    .chain((cmd) => fc.string({ unit: 'binary', maxLength: 80 }).map((rest) => `${cmd} ${rest}`)),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map((n) => `报备 张三 ${n}`),
  fc.string({ maxLength: 60 }).map((s) => `[CQ:at,qq=${s}] 报备 [CQ:${s}`),
)

describe('hostile input', () => {
  let running: Awaited<ReturnType<typeof start>>
  let url: string
  let auditBefore = 0
  const audit = async () => {
    const s = await openStore(url)
    const n = await s.db.auditEntry.count()
    await s.close()
    return n
  }

  beforeAll(async () => {
    url = await freshDatabaseUrl('sqlite')
    const seed = await openStore(url)
    await seedOneBotSite(seed)
    await seed.close()
    running = await start(
      loadConfig({
        DATABASE_URL: url,
        PORT: '0',
        NODE_ENV: 'test',
        ONEBOT_API_URL: 'http://127.0.0.1:9',
        ONEBOT_SECRET: SECRET,
        TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
        TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
        TELEGRAM_BOT_USERNAME: 'anchang_bot',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        WECOM_AIBOT_TOKEN: WECOM.token,
        WECOM_AIBOT_AES_KEY: WECOM.aes,
        ANCHANG_RATE_LIMIT: 'off',
      }),
      silentLog,
    )
    auditBefore = await audit()
  }, 60_000)
  afterAll(() => running?.stop())

  it(
    'the parser never throws and keeps no control characters',
    () => {
      fc.assert(
        fc.property(nasty, (text) => {
          const parsed = parseCommand(text)
          // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting they are gone
          expect(/[\u0000-\u0008\u000b-\u001f\u007f]/.test(normalizeText(text))).toBe(false)
          if (parsed) expect(parsed.args.every((a) => typeof a === 'string')).toBe(true)
        }),
        { numRuns: RUNS * 5 },
      )
    },
    budget(RUNS * 5, 2),
  )

  it(
    'signed OneBot events with garbage text, broken CQ codes and huge numbers: never a 500, no change recorded',
    async () => {
      await fc.assert(
        fc.asyncProperty(nasty, fc.integer(), fc.boolean(), async (text, id, asString) => {
          const body = JSON.stringify({
            time: 1,
            self_id: 10001000,
            post_type: 'message',
            message_type: 'group',
            message_id: id,
            user_id: SITE_AGENTS[0],
            group_id: SITE_GROUP,
            message: asString ? text : [{ type: 'text', data: { text } }],
            raw_message: text,
          })
          const res = await running.app.request('/webhooks/onebot', {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              'x-signature': `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`,
            },
          })
          expect([204, 400, 413]).toContain(res.status)
        }),
        { numRuns: RUNS },
      )
    },
    budget(RUNS, 10),
  )

  it(
    'malformed bodies at every webhook: 4xx, never a 500',
    async () => {
      const body = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.json({ maxDepth: 3 }),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        fc.constant('{"post_type":"message","message_type":"group","message_id":1e400}'),
      )
      const routes = fc.constantFrom<{ path: string; sign: boolean; headers: Record<string, string> }>(
        { path: '/webhooks/onebot', sign: true, headers: {} },
        { path: '/webhooks/onebot', sign: false, headers: {} },
        { path: '/webhooks/telegram', sign: false, headers: { 'x-telegram-bot-api-secret-token': TG_SECRET } },
        { path: '/webhooks/telegram', sign: false, headers: {} },
        { path: '/webhooks/wecom?msg_signature=x&timestamp=1&nonce=2', sign: false, headers: {} },
        { path: '/console/send', sign: false, headers: {} },
      )
      await fc.assert(
        fc.asyncProperty(routes, body, async (route, text) => {
          const headers: Record<string, string> = { 'content-type': 'application/json', ...route.headers }
          if (route.sign) headers['x-signature'] = `sha1=${createHmac('sha1', SECRET).update(text).digest('hex')}`
          const res = await running.app.request(route.path, { method: 'POST', body: text, headers })
          expect(res.status).toBeLessThan(500)
        }),
        { numRuns: RUNS },
      )
    },
    budget(RUNS, 10),
  )

  it('left the evidence log as it was: garbage changed nothing', async () => {
    expect(await audit()).toBe(auditBefore)
  })
})
