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

describe('.env.example', () => {
  it('documents every variable Anchang reads', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))
    expect(missing).toEqual([])
  })
})
