import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonLogger } from '../../src/app/log.ts'
import { loadConfig } from '../../src/config.ts'
import { openStore } from '../../src/db/store.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'
import { onebotEvent } from '../support/fake-onebot.ts'
import { SITE_AGENTS, SITE_GROUP, SITE_MANAGER, seedOneBotSite } from '../support/site.ts'

const SECRETS = {
  ONEBOT_SECRET: 'log-scan-onebot-secret',
  ONEBOT_ACCESS_TOKEN: 'log-scan-access-token',
  TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  TELEGRAM_WEBHOOK_SECRET: 'log-scan-telegram-secret',
  WECOM_AIBOT_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  ANCHANG_CONSOLE_PASSWORD: 'log-scan-console-password',
}
const PHONES = ['13812345678', '13987654321', '15011112222']

describe('the logs', () => {
  const lines: string[] = []
  let running: Awaited<ReturnType<typeof start>>

  beforeAll(async () => {
    const url = await freshDatabaseUrl('sqlite')
    const seed = await openStore(url)
    await seedOneBotSite(seed)
    await seed.close()
    running = await start(
      loadConfig({
        ...SECRETS,
        DATABASE_URL: url,
        PORT: '0',
        NODE_ENV: 'test',
        ONEBOT_API_URL: 'http://127.0.0.1:9', // nothing listens: every send fails and is retried, and logged
        TELEGRAM_BOT_USERNAME: 'anchang_bot',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        WECOM_AIBOT_TOKEN: 'QDG6eK',
        LOG_LEVEL: 'debug',
      }),
      jsonLogger((line) => lines.push(line), 'debug'),
    )
    const post = (body: string, headers: Record<string, string>) =>
      running.app.request('/webhooks/onebot', { method: 'POST', body, headers })
    for (const [i, phone] of PHONES.entries()) {
      const e = onebotEvent(SECRETS.ONEBOT_SECRET, {
        userId: SITE_AGENTS[i] as number,
        groupId: SITE_GROUP,
        text: `报备 客户${i} ${phone}`,
      })
      expect((await post(e.body, e.headers)).status).toBe(204)
    }
    const lookup = onebotEvent(SECRETS.ONEBOT_SECRET, { userId: SITE_MANAGER, text: `查客户 ${PHONES[0]}` })
    await post(lookup.body, lookup.headers)
    const forged = onebotEvent('wrong-secret', {
      userId: SITE_AGENTS[0] as number,
      groupId: SITE_GROUP,
      text: `报备 x ${PHONES[1]}`,
    })
    expect((await post(forged.body, forged.headers)).status).toBe(403)
    await running.app.request('/webhooks/telegram', {
      method: 'POST',
      body: '{}',
      headers: { 'x-telegram-bot-api-secret-token': 'nope' },
    })
    await running.app.request(
      `/webhooks/wecom?msg_signature=${createHmac('sha1', 'x').digest('hex')}&timestamp=1&nonce=2&echostr=abc`,
    )
    // let the outbox worker try (and fail) to send the replies
    const deadline = Date.now() + 10_000
    while (!lines.some((l) => l.includes('"outbox.retry"')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
  }, 60_000)
  afterAll(() => running?.stop())

  it('are one JSON object per line with a time, a level and an event; requests carry their id', () => {
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines) {
      const entry = JSON.parse(line)
      expect(entry).toMatchObject({ time: expect.any(String), level: expect.any(String), event: expect.any(String) })
    }
    const requests = lines.map((l) => JSON.parse(l)).filter((e) => e.event === 'http.request')
    expect(requests.length).toBeGreaterThanOrEqual(6)
    expect(requests.every((r) => typeof r.requestId === 'string' && r.requestId.length > 0)).toBe(true)
    expect(lines.some((l) => l.includes('"outbox.retry"'))).toBe(true)
  })

  it('never contain a phone number or a secret', () => {
    const all = lines.join('\n')
    for (const phone of PHONES) expect(all).not.toContain(phone)
    expect(all).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(all, name).not.toContain(secret)
    }
  })
})
