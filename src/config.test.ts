import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts'

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env)
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('needs nothing for the SQLite console default', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: 'file:./data/anchang.db',
      timezone: 'Asia/Shanghai',
      admins: [],
      console: { enabled: true },
      telegram: undefined,
      onebot: undefined,
      wecom: undefined,
    })
  })

  it('parses admins and the clock', () => {
    const c = loadConfig({
      ANCHANG_ADMINS: 'onebot:10001, telegram:123456789,wecom:zhangsan',
      ANCHANG_CLOCK: '2026-12-01T09:00:00+08:00',
    })
    expect(c.admins).toEqual([
      { platform: 'onebot', userId: '10001' },
      { platform: 'telegram', userId: '123456789' },
      { platform: 'wecom', userId: 'zhangsan' },
    ])
    expect(c.clockStart?.toISOString()).toBe('2026-12-01T01:00:00.000Z')
  })

  it.each([
    [{ PORT: '70000' }, 'PORT', 'PORT=3000'],
    [{ PORT: 'abc' }, 'PORT', 'PORT=3000'],
    [{ ANCHANG_TZ: 'Mars/Base' }, 'ANCHANG_TZ', 'ANCHANG_TZ=Asia/Shanghai'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL', 'file:./data/anchang.db'],
    [{ ANCHANG_ADMINS: 'qq:1' }, 'ANCHANG_ADMINS', 'onebot:10001'],
    [{ ANCHANG_CLOCK: 'tomorrow' }, 'ANCHANG_CLOCK', '2026-12-01T09:00:00+08:00'],
    [{ WECOM_AIBOT_TOKEN: 'abc', WECOM_AIBOT_AES_KEY: 'short' }, 'WECOM_AIBOT_AES_KEY', '43-character'],
  ])('refuses %o naming the variable and showing an example', (env, name, example) => {
    const message = fails(env)
    expect(message).toContain(`Configuration error in ${name}`)
    expect(message).toContain(example)
  })

  it('refuses ANCHANG_CLOCK in production', () => {
    expect(fails({ NODE_ENV: 'production', ANCHANG_CLOCK: '2026-12-01T09:00:00+08:00' })).toContain(
      'ANCHANG_CLOCK is refused when NODE_ENV=production',
    )
  })

  it('does not start a platform without its inbound secret unless insecure development is asked for', () => {
    expect(fails({ ONEBOT_API_URL: 'http://127.0.0.1:3001' })).toContain('ONEBOT_SECRET is required')
    expect(
      fails({
        TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
        TELEGRAM_BOT_USERNAME: 'anchang_bot',
        TELEGRAM_MODE: 'webhook',
      }),
    ).toContain('TELEGRAM_WEBHOOK_SECRET is required')
    expect(
      fails({
        TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
        TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(20),
      }),
    ).toContain('TELEGRAM_BOT_USERNAME is required')
    const c = loadConfig({ ONEBOT_API_URL: 'http://127.0.0.1:3001', ANCHANG_INSECURE_DEV: '1' })
    expect(c.onebot).toEqual({ apiUrl: 'http://127.0.0.1:3001', accessToken: undefined, secret: undefined })
    expect(fails({ NODE_ENV: 'production', ANCHANG_INSECURE_DEV: '1' })).toContain('ANCHANG_INSECURE_DEV')
  })

  it('keeps the console off in production unless a password is set', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).console.enabled).toBe(false)
    expect(loadConfig({ NODE_ENV: 'production', ANCHANG_CONSOLE_PASSWORD: 'long-enough' }).console).toEqual({
      enabled: true,
      password: 'long-enough',
    })
    expect(fails({ NODE_ENV: 'production', ANCHANG_CONSOLE: 'on' })).toContain('ANCHANG_CONSOLE_PASSWORD')
    expect(loadConfig({ ANCHANG_CONSOLE: 'off' }).console.enabled).toBe(false)
  })
})

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'

describe('platform modes', () => {
  it('runs Telegram by long polling with the token alone: no secret, no username, no public address', () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })
    expect(c.telegram).toEqual({ token: TOKEN, webhookSecret: undefined, apiRoot: undefined, botUsername: undefined })
    expect(c.modes.telegram).toEqual({
      mode: 'polling',
      why: 'TELEGRAM_WEBHOOK_SECRET is not set, so no webhook can be checked',
    })
  })

  it('runs Telegram by webhook when a webhook secret is set, and polls when told to even then', () => {
    const secret = 'x'.repeat(20)
    const hook = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: secret,
      TELEGRAM_BOT_USERNAME: '@a_bot',
    })
    expect(hook.modes.telegram).toEqual({ mode: 'webhook', why: 'TELEGRAM_WEBHOOK_SECRET is set' })
    expect(hook.telegram?.botUsername).toBe('a_bot')
    const poll = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: secret, TELEGRAM_MODE: 'polling' })
    expect(poll.modes.telegram).toEqual({ mode: 'polling', why: 'TELEGRAM_MODE=polling' })
    expect(fails({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'hook' })).toContain('must be webhook or polling')
  })

  it('runs the WeCom robot over its long connection with BotID and Secret', () => {
    const c = loadConfig({
      WECOM_AIBOT_BOT_ID: 'aibQ2x9',
      WECOM_AIBOT_SECRET: 's3cr3t-value',
      WECOM_AIBOT_NAME: '案场助手',
    })
    expect(c.wecom).toBeUndefined()
    expect(c.wecomConnection).toEqual({
      botId: 'aibQ2x9',
      secret: 's3cr3t-value',
      wsUrl: undefined,
      botName: '案场助手',
    })
    expect(c.modes.wecom).toEqual({ mode: 'connection', why: 'WECOM_AIBOT_BOT_ID is set (no public address needed)' })
    expect(fails({ WECOM_AIBOT_BOT_ID: 'aibQ2x9' })).toContain('WECOM_AIBOT_SECRET is required')
    expect(fails({ WECOM_AIBOT_MODE: 'connection', WECOM_AIBOT_SECRET: 'x' })).toContain(
      'WECOM_AIBOT_BOT_ID is required',
    )
    const ws = { WECOM_AIBOT_BOT_ID: 'aibQ2x9', WECOM_AIBOT_SECRET: 'x' }
    expect(loadConfig({ ...ws, WECOM_AIBOT_WS_URL: 'ws://127.0.0.1:9000' }).wecomConnection?.wsUrl).toBe(
      'ws://127.0.0.1:9000',
    )
    expect(fails({ ...ws, WECOM_AIBOT_WS_URL: 'https://x' })).toContain('must be a ws:// or wss:// URL')
  })

  it('keeps the callback mode for a token and key, and asks to choose when both are configured', () => {
    const callback = { WECOM_AIBOT_TOKEN: 'QDG6eK', WECOM_AIBOT_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
    const c = loadConfig(callback)
    expect(c.modes.wecom).toEqual({ mode: 'callback', why: 'WECOM_AIBOT_TOKEN is set' })
    expect(c.wecomConnection).toBeUndefined()
    const both = { ...callback, WECOM_AIBOT_BOT_ID: 'aibQ2x9', WECOM_AIBOT_SECRET: 'x' }
    expect(fails(both)).toContain('WECOM_AIBOT_MODE is required when both')
    expect(loadConfig({ ...both, WECOM_AIBOT_MODE: 'callback' }).wecom?.token).toBe('QDG6eK')
    expect(loadConfig({ ...both, WECOM_AIBOT_MODE: 'connection' }).wecomConnection?.botId).toBe('aibQ2x9')
  })

  it('never quotes the Secret in an error', () => {
    const message = fails({ WECOM_AIBOT_BOT_ID: 'bad id with spaces', WECOM_AIBOT_SECRET: 'TOP-SECRET-VALUE' })
    expect(message).toContain('WECOM_AIBOT_BOT_ID')
    expect(message).not.toContain('TOP-SECRET-VALUE')
  })
})

describe('.env.example', () => {
  it('documents every variable Anchang reads', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))
    expect(missing).toEqual([])
  })
})
