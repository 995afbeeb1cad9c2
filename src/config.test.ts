import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, ConfigError, loadConfig, redactSecrets } from './config.ts'

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
    expect(loadConfig({ NODE_ENV: 'production', ANCHANG_CONSOLE_PASSWORD: 'long-enough' }).console).toMatchObject({
      enabled: true,
      mode: 'password',
      password: 'long-enough',
    })
    expect(fails({ NODE_ENV: 'production', ANCHANG_CONSOLE: 'on' })).toContain('ANCHANG_CONSOLE_PASSWORD')
    expect(loadConfig({ ANCHANG_CONSOLE: 'off' }).console.enabled).toBe(false)
  })
})

describe('the console without a password (issue 9, attack 2)', () => {
  const onebot = { ONEBOT_API_URL: 'http://127.0.0.1:3001', ONEBOT_SECRET: 'a-long-random-secret' }

  it('is open only on loopback with no platform configured, outside production', () => {
    expect(loadConfig({}).console).toMatchObject({ enabled: true, mode: 'open' })
    expect(loadConfig({ HOST: '127.0.0.2' }).console.mode).toBe('open')
    expect(loadConfig({ HOST: '::1' }).console.mode).toBe('open')
  })

  it('is off with a platform configured, whatever NODE_ENV says, and says why', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      const c = loadConfig({ ...onebot, NODE_ENV, HOST: '127.0.0.1' }).console
      expect(c.enabled).toBe(false)
      expect(c.why).toMatch(/NODE_ENV=production|a platform is configured \(OneBot\)/)
    }
    expect(fails({ ...onebot, ANCHANG_CONSOLE: 'on' })).toContain(
      'ANCHANG_CONSOLE_PASSWORD is required to turn the console on: a platform is configured (OneBot)',
    )
  })

  it('is off when it listens beyond loopback (HOST=0.0.0.0), whatever NODE_ENV says', () => {
    const c = loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'development' }).console
    expect(c).toMatchObject({
      enabled: false,
      mode: 'off',
      why: 'HOST=0.0.0.0 is not a loopback address; set ANCHANG_CONSOLE_PASSWORD to turn it on',
    })
    expect(fails({ HOST: '0.0.0.0', ANCHANG_CONSOLE: 'on' })).toContain('HOST=0.0.0.0 is not a loopback address')
  })

  it('asks for the password with a platform configured or on 0.0.0.0 once it is set', () => {
    const c = loadConfig({ ...onebot, HOST: '0.0.0.0', ANCHANG_CONSOLE_PASSWORD: 'long-enough' }).console
    expect(c).toMatchObject({ enabled: true, mode: 'password', password: 'long-enough' })
  })
})

describe('configuration errors never repeat a secret (issue 9, attack 6)', () => {
  const secret = 'S3cr3t-Do-Not-Print'
  it.each([
    ['ONEBOT_SECRET', { ONEBOT_API_URL: 'http://127.0.0.1:3001', ONEBOT_SECRET: 'S3cr3t' }],
    ['TELEGRAM_BOT_TOKEN', { TELEGRAM_BOT_TOKEN: secret }],
    [
      'TELEGRAM_WEBHOOK_SECRET',
      { TELEGRAM_BOT_TOKEN: '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', TELEGRAM_WEBHOOK_SECRET: `${secret}!` },
    ],
    ['WECOM_AIBOT_TOKEN', { WECOM_AIBOT_TOKEN: `${secret}!` }],
    ['WECOM_AIBOT_AES_KEY', { WECOM_AIBOT_TOKEN: 'QDG6eK', WECOM_AIBOT_AES_KEY: secret }],
    ['ANCHANG_CONSOLE_PASSWORD', { ANCHANG_CONSOLE_PASSWORD: 'S3cr3t' }],
    ['ANCHANG_AUDIT_KEY', { ANCHANG_AUDIT_KEY: secret }],
  ])('%s: names the variable and what is wrong, not the value', (name, env) => {
    const message = fails(env as Record<string, string>)
    expect(message).toContain(`Configuration error in ${name}`)
    const value = (env as Record<string, string>)[name] as string
    expect(message).not.toContain(value)
    expect(message).not.toContain('S3cr3t')
    expect(message).toContain(`(the value, ${value.length} characters, not shown)`)
  })

  it('DATABASE_URL: the password is masked, also in a URL that does not parse', () => {
    const bad = fails({ DATABASE_URL: 'mysql://anchang:S3cr3t@db/anchang' })
    expect(bad).toContain('"mysql://anchang:***@db/anchang" must be file:<path> or postgresql://…/<database>')
    const unparsable = fails({ DATABASE_URL: 'postgresql://anchang:S3cr3t@db:port/anchang' })
    expect(unparsable).toContain('Configuration error in DATABASE_URL')
    expect(unparsable).toContain('is not a valid URL')
    for (const m of [bad, unparsable]) expect(m).not.toContain('S3cr3t')
  })

  it('redactSecrets removes every configured secret from a text printed at start-up', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgresql://anchang:p%40ss-S3cr3t@127.0.0.1:5432/anchang',
      ONEBOT_API_URL: 'http://127.0.0.1:3001',
      ONEBOT_SECRET: 'onebot-S3cr3t-value',
      ONEBOT_ACCESS_TOKEN: 'token-S3cr3t-value',
      ANCHANG_AUDIT_KEY: 'k'.repeat(40),
      WECOM_AIBOT_BOT_ID: 'aibQ2x9',
      WECOM_AIBOT_SECRET: 'wecom-S3cr3t-value',
    })
    const text = `connect postgresql://anchang:p%40ss-S3cr3t@127.0.0.1:5432/anchang p@ss-S3cr3t onebot-S3cr3t-value token-S3cr3t-value wecom-S3cr3t-value ${'k'.repeat(40)}`
    const out = redactSecrets(text, c)
    expect(out).not.toMatch(/S3cr3t|kkkk/)
    expect(out).toContain('postgresql://anchang:***@127.0.0.1:5432/anchang')
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
