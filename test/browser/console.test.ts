import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/app/log.ts'
import { loadConfig } from '../../src/config.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'

// Debian's Chromium, installed by .ci/run; playwright-core never downloads a browser.
const CHROMIUM = '/usr/bin/chromium'

// CI sets ANCHANG_REQUIRE_BROWSER=1: there a missing browser is a failure, not a skip.
if (process.env.ANCHANG_REQUIRE_BROWSER === '1' && !existsSync(CHROMIUM)) {
  throw new Error(`${CHROMIUM} is missing: install Debian's chromium (see .ci/run)`)
}

describe.skipIf(!existsSync(CHROMIUM))('the web console in a real browser', () => {
  let browser: Browser
  let running: Awaited<ReturnType<typeof start>>
  let base: string

  beforeAll(async () => {
    const url = await freshDatabaseUrl('sqlite')
    running = await start(loadConfig({ DATABASE_URL: url, PORT: '0', NODE_ENV: 'test' }), silentLog)
    const address = running.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await running?.stop()
  })

  it('lets a newcomer create the demo, pick an agent, send 签到 and see the reply', async () => {
    const page = await browser.newPage()
    await page.goto(base)
    expect(await page.locator('h1').textContent()).toBe('案场 Anchang 控制台')
    await page.click('#demo')
    await page.locator('#status', { hasText: '演示数据已创建' }).waitFor({ timeout: 20_000 })
    await page.locator('.persona', { hasText: '李四' }).click()
    await page.fill('#group-input', '签到')
    await page.press('#group-input', 'Enter')
    const reply = page.locator('#group .msg.bot .bubble', { hasText: '签到成功' })
    await reply.waitFor({ timeout: 10_000 })
    expect(await reply.textContent()).toMatch(/^李四（链家）签到成功：\d{2}-\d{2}。证据 A\d+$/)
    // the typed message appears in the group too, under the persona's name
    expect(await page.locator('#group .msg:not(.bot) .who', { hasText: '李四' }).count()).toBeGreaterThan(0)
    await page.close()
  }, 60_000)
})
