import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLog } from '../../src/app/log.ts'
import { loadConfig } from '../../src/config.ts'
import { start } from '../../src/main.ts'
import { freshDatabaseUrl } from '../support/databases.ts'

const CHROMIUM = '/usr/bin/chromium'
/** Screenshots for review (not committed). */
const SHOTS = join(import.meta.dirname, 'screenshots')

type PageGlobals = { document: { querySelectorAll(selector: string): { length: number } } }

const DEVICES = [
  { name: 'desktop', width: 1440, height: 900, phone: false, unit: '3-1-1201', phone11: '13812345678' },
  { name: 'phone', width: 390, height: 844, phone: true, unit: '3-1-1202', phone11: '13912345678' },
] as const

describe.skipIf(!existsSync(CHROMIUM))('the console on a desktop and on a phone', () => {
  let browser: Browser
  let running: Awaited<ReturnType<typeof start>>
  let base: string

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    const url = await freshDatabaseUrl('sqlite')
    running = await start(loadConfig({ DATABASE_URL: url, PORT: '0', NODE_ENV: 'test' }), silentLog)
    const address = running.server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    const seeded = await fetch(`${base}console/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base.replace(/\/$/, '') },
      body: '{}',
    })
    expect(seeded.status).toBe(200)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    })
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await running?.stop()
  })

  /** The page may not scroll sideways, nor any chat pane; the page itself never grows past the screen. */
  async function noOverflow(page: Page) {
    // A string: the test is compiled without the DOM's types, the page runs it.
    const m = await page.evaluate<{ width: number; height: number; inner: number[]; logs: number[] }>(`({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
      inner: [window.innerWidth, window.innerHeight],
      logs: [...document.querySelectorAll('.log')].map((l) => l.scrollWidth - l.clientWidth),
    })`)
    expect(m.width).toBeLessThanOrEqual(m.inner[0] as number)
    expect(m.height).toBeLessThanOrEqual(m.inner[1] as number)
    for (const extra of m.logs) expect(extra).toBeLessThanOrEqual(0)
  }

  /** The element is inside the viewport (the pane followed the newest message). */
  async function inView(page: Page, selector: string) {
    const el = page.locator(selector).last()
    await el.waitFor({ timeout: 20_000 })
    const box = await el.boundingBox()
    const size = page.viewportSize()
    expect(box).not.toBeNull()
    expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= (size?.height ?? 0) + 1).toBe(true)
  }

  /**
   * Runs `act` and waits for one more element matching `selector` than there were before: the group's history holds
   * the other device's messages too, so an old match must not count.
   */
  async function newOne(page: Page, selector: string, act: () => Promise<void>) {
    const before = await page.locator(selector).count()
    await act()
    await page.waitForFunction(
      // runs in the page (the test is compiled without the DOM's types)
      ([sel, n]) => (globalThis as unknown as PageGlobals).document.querySelectorAll(sel).length > n,
      [selector, before] as const,
      { timeout: 30_000 },
    )
    return page.locator(selector).nth(before)
  }

  async function as(page: Page, name: string, phone: boolean) {
    if (phone) await page.click('#tabs button[data-pane=people]')
    await page.locator('.persona', { hasText: name }).first().click()
  }
  async function say(page: Page, where: 'group' | 'direct', text: string, phone: boolean) {
    if (phone) await page.click(`#tabs button[data-pane=${where}]`)
    await page.fill(`#${where}-input`, text)
    await page.press(`#${where}-input`, 'Enter')
  }

  for (const d of DEVICES) {
    it(`${d.name} ${d.width}×${d.height}: replies in view, the board picture, a 批准 button, /join by a new member`, async () => {
      const page = await browser.newPage({ viewport: { width: d.width, height: d.height } })
      await page.goto(base)
      await noOverflow(page)

      // an agent checks in and asks for the board: the newest reply is on screen, the picture drawn
      await as(page, '李四', d.phone)
      for (let i = 0; i < 5; i++) await say(page, 'group', '帮助', d.phone)
      const img = await newOne(page, '#group .msg.bot .bubble img', () => say(page, 'group', '销控', d.phone))
      await page.waitForFunction(
        (el) => (el as { complete: boolean; naturalWidth: number }).naturalWidth > 300,
        await img.elementHandle(),
        {
          timeout: 20_000,
        },
      )
      await inView(page, '#group .msg.bot')
      await noOverflow(page)
      if (d.phone) {
        // one pane at a time, and the bubbles use the screen's width
        expect(await page.locator('#direct-pane').isVisible()).toBe(false)
        const widths = await page.$$eval('#group .msg .bubble', (els) =>
          els.map((e) => e.getBoundingClientRect().width),
        )
        for (const w of widths) expect(w).toBeGreaterThanOrEqual(0.7 * d.width)
      }
      await page.screenshot({ path: join(SHOTS, `${d.name}-board.png`) })

      // a deposit request reaches the manager with buttons; a press approves it
      await say(page, 'group', `报备 张三 ${d.phone11}`, d.phone)
      await say(page, 'group', `定金 ${d.unit} ${d.phone11} 小定`, d.phone)
      await page
        .locator('#group .msg.bot .bubble', { hasText: `房源 ${d.unit}` })
        .last()
        .waitFor({ timeout: 20_000 })
      await as(page, '赵经理', d.phone)
      if (d.phone) await page.click('#tabs button[data-pane=direct]')
      const request = page
        .locator('#direct .msg.bot', { hasText: `【待审批·定金】` })
        .filter({ hasText: d.unit })
        .last()
      await request.waitFor({ timeout: 20_000 })
      const approve = request.locator('.acts button', { hasText: '批准' })
      expect(await approve.isVisible()).toBe(true)
      await page.screenshot({ path: join(SHOTS, `${d.name}-buttons.png`) })
      await newOne(page, '#direct .msg.bot .bubble', () => approve.click())
      await page
        .locator('#direct .msg.bot .bubble', { hasText: `已批准定金` })
        .filter({ hasText: d.unit })
        .waitFor({ timeout: 20_000 })
      await inView(page, '#direct .msg.bot')
      await noOverflow(page)

      // a new member joins with the code the admin gets
      await as(page, '管理员', d.phone)
      // one agency each: R1 allows two agents per agency
      const [name, agency] = d.phone ? ['吴七', '我爱我家'] : ['郑八', '麦田']
      await say(page, 'direct', `/staff add ${name} agent ${agency}`, d.phone)
      // this device's own code: the desktop's run left one in the admin's chat too
      const codeReply = page.locator('#direct .msg.bot .bubble', { hasText: name }).filter({ hasText: '/join ' }).last()
      await codeReply.waitFor({ timeout: 20_000 })
      const code = /\/join ([A-Z0-9]+)/.exec((await codeReply.textContent()) ?? '')?.[1]
      expect(code).toBeTruthy()
      if (d.phone) await page.click('#tabs button[data-pane=people]')
      await page.click('#newcomer')
      await say(page, 'direct', `/join ${code}`, d.phone)
      // a new member's direct chat starts empty: the welcome is theirs
      await page.locator('#direct .msg.bot .bubble', { hasText: '欢迎' }).waitFor({ timeout: 20_000 })
      await inView(page, '#direct .msg.bot')
      await page.locator('.persona', { hasText: name }).first().waitFor({ state: 'attached', timeout: 10_000 })
      await noOverflow(page)
      await page.screenshot({ path: join(SHOTS, `${d.name}-join.png`) })
      await page.close()
    }, 180_000)
  }
})
