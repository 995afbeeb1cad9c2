import { z } from 'zod'
import type { Platform } from './domain/platform.ts'

/**
 * The only reader of process.env. Parsed once at boot; a bad value stops the process with a message that names the
 * variable, says what is wrong and shows an example.
 */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test'
  port: number
  /** Interface to listen on: 127.0.0.1 by default, 0.0.0.0 in production. */
  host: string
  /** ANCHANG_PUBLIC_URL: where people reach the bot, for download links; unset: the console's own address. */
  publicUrl: string | undefined
  databaseUrl: string
  timezone: string
  admins: { platform: Platform; userId: string }[]
  /** ANCHANG_CLOCK: the server's clock starts here and runs on in real time (demos, acceptance tests). */
  clockStart: Date | undefined
  /** Name of the project created on first start when the database has none. */
  defaultProject: string
  telegram: TelegramConfig | undefined
  onebot: OneBotConfig | undefined
  /** The WeCom intelligent robot by callback (webhook); undefined in connection mode. */
  wecom: WecomConfig | undefined
  /** The WeCom intelligent robot over its long connection; undefined in callback mode. */
  wecomConnection: WecomConnectionConfig | undefined
  /** How each chat platform that is on reaches us, and why (the start-up log says it). */
  modes: { telegram?: PlatformMode<'webhook' | 'polling'>; wecom?: PlatformMode<'callback' | 'connection'> }
  console: ConsoleConfig
  /** ANCHANG_AUDIT_KEY: the audit chain's HMAC key; unset, main.ts keeps one in `auditKeyFile` (made on first start). */
  auditKey: string | undefined
  /** Where the generated audit key is kept: beside the SQLite file, else ./data/audit.key. */
  auditKeyFile: string
  /** ANCHANG_INSECURE_DEV=1 lets a platform start without its inbound secret (local experiments only). */
  insecureDev: boolean
  logLevel: 'debug' | 'info' | 'warn' | 'error'
  /** Per-sender flood control: `burst` commands, one more every `refillMs`; null when off. */
  rateLimit: { burst: number; refillMs: number } | null
}

export type { Platform } from './domain/platform.ts'

/**
 * The web console: `open` (no password) only while it listens on loopback with no platform configured and not in
 * production; with ANCHANG_CONSOLE_PASSWORD it is `password`; otherwise it is off. `why` is said in the start-up log.
 */
export interface ConsoleConfig {
  enabled: boolean
  mode: 'open' | 'password' | 'off'
  password: string | undefined
  why: string
}

export interface PlatformMode<M extends string> {
  mode: M
  /** Why this mode, in words: the variable that decided it. */
  why: string
}

export interface TelegramConfig {
  token: string
  webhookSecret: string | undefined
  apiRoot: string | undefined
  /** Required for webhooks (no network call at start); in polling mode getMe tells it when it is not set. */
  botUsername: string | undefined
}
export interface OneBotConfig {
  apiUrl: string
  accessToken: string | undefined
  secret: string | undefined
  /**
   * Where exports are written for NapCat's `upload_private_file`, which takes a path on its own machine: a folder both
   * can reach (the same host, or a shared volume). Unset: the system's temp folder, i.e. NapCat runs beside the bot.
   */
  fileDir?: string | undefined
}
export interface WecomConfig {
  token: string
  aesKey: string
  receiveId: string
  /** The robot's display name, to strip its @-mention from group text. */
  botName?: string
}
/** The intelligent robot's long connection (智能机器人长连接): BotID and Secret from its API settings. */
export interface WecomConnectionConfig {
  botId: string
  secret: string
  /** WeCom's WebSocket address; only for a private deployment of WeCom, or a test server. */
  wsUrl: string | undefined
  botName?: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim())

interface Rule<T> {
  schema: z.ZodType<T>
  example: string
}

const rules = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']),
    example: 'NODE_ENV=production',
  },
  PORT: {
    schema: z.coerce
      .number()
      .int()
      .min(0, 'must be 0–65535 (0: any free port)')
      .max(65535, 'must be 0–65535 (0: any free port)'),
    example: 'PORT=3000',
  },
  HOST: {
    schema: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')], { message: 'must be an IP address to listen on' }),
    example: 'HOST=0.0.0.0',
  },
  ANCHANG_PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((v) => v.replace(/\/+$/, '')),
    example: 'ANCHANG_PUBLIC_URL=https://anchang.example.cn',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .refine((v) => /^(file:.+|postgres(ql)?:\/\/.+\/.+)$/.test(v), 'must be file:<path> or postgresql://…/<database>')
      .refine(
        (v) => v.startsWith('file:') || parsesAsUrl(v),
        'is not a valid URL (a password with @ : / # ? or % must be percent-encoded)',
      ),
    example: 'DATABASE_URL=file:./data/anchang.db   or   DATABASE_URL=postgresql://anchang@127.0.0.1:5432/anchang',
  },
  ANCHANG_TZ: {
    schema: z.string().refine(isTimeZone, 'is not an IANA time zone'),
    example: 'ANCHANG_TZ=Asia/Shanghai',
  },
  ANCHANG_ADMINS: {
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(telegram|onebot|wecom|console):[^:\s]+$/,
              'each entry must be <telegram|onebot|wecom|console>:<user id>',
            ),
        ),
      )
      .transform((items) =>
        items.map((item) => {
          const at = item.indexOf(':')
          return { platform: item.slice(0, at) as Platform, userId: item.slice(at + 1) }
        }),
      ),
    example: 'ANCHANG_ADMINS=onebot:10001,telegram:123456789,wecom:zhangsan',
  },
  ANCHANG_CLOCK: {
    schema: z.iso
      .datetime({ offset: true, message: 'must be an ISO-8601 instant with a zone' })
      .transform((v) => new Date(v)),
    example: 'ANCHANG_CLOCK=2026-12-01T09:00:00+08:00',
  },
  ANCHANG_PROJECT: { schema: z.string().min(1).max(40, 'at most 40 characters'), example: 'ANCHANG_PROJECT=香公馆' },
  TELEGRAM_BOT_TOKEN: {
    schema: z.string().regex(/^\d+:[\w-]{20,}$/, 'is not a Bot API token'),
    example: 'TELEGRAM_BOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  },
  TELEGRAM_WEBHOOK_SECRET: {
    schema: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -'),
    example: 'TELEGRAM_WEBHOOK_SECRET=8d0f3c7e2a9b41f6a5c4e3d2b1a09f8e',
  },
  TELEGRAM_API_ROOT: {
    schema: z.url({ message: 'must be an http(s) URL' }),
    example: 'TELEGRAM_API_ROOT=http://127.0.0.1:8081',
  },
  TELEGRAM_BOT_USERNAME: {
    schema: z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, 'is not a Telegram username'),
    example: 'TELEGRAM_BOT_USERNAME=anchang_bot',
  },
  TELEGRAM_MODE: {
    schema: z.enum(['webhook', 'polling'], { message: 'must be webhook or polling' }),
    example: 'TELEGRAM_MODE=polling   (no public address needed)   or   TELEGRAM_MODE=webhook',
  },
  ONEBOT_API_URL: {
    schema: z.url({ message: 'must be an http(s) URL' }),
    example: 'ONEBOT_API_URL=http://127.0.0.1:3001',
  },
  ONEBOT_FILE_DIR: {
    schema: z.string().regex(/^\//, 'must be an absolute path'),
    example: 'ONEBOT_FILE_DIR=/srv/napcat/shared   (a folder the NapCat process can read)',
  },
  ONEBOT_ACCESS_TOKEN: { schema: z.string().min(1), example: 'ONEBOT_ACCESS_TOKEN=change-me' },
  ONEBOT_SECRET: {
    schema: z.string().min(8, 'must be at least 8 characters'),
    example: 'ONEBOT_SECRET=a-long-random-secret',
  },
  WECOM_AIBOT_TOKEN: {
    schema: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits (as WeCom issues it)'),
    example: 'WECOM_AIBOT_TOKEN=QDG6eK',
  },
  WECOM_AIBOT_AES_KEY: {
    schema: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey'),
    example: 'WECOM_AIBOT_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  },
  WECOM_AIBOT_NAME: { schema: z.string().min(1).max(40), example: 'WECOM_AIBOT_NAME=案场助手' },
  WECOM_AIBOT_RECEIVE_ID: { schema: z.string(), example: 'WECOM_AIBOT_RECEIVE_ID=   (empty for an intelligent robot)' },
  WECOM_AIBOT_MODE: {
    schema: z.enum(['callback', 'connection'], { message: 'must be callback or connection' }),
    example: 'WECOM_AIBOT_MODE=connection   (no public address needed)   or   WECOM_AIBOT_MODE=callback',
  },
  WECOM_AIBOT_BOT_ID: {
    schema: z.string().regex(/^[\w@.-]{1,128}$/, 'is not a BotID (letters, digits, _ - . @)'),
    example: "WECOM_AIBOT_BOT_ID=aibAbCdEf0123456789   (the BotID shown in the robot's API settings)",
  },
  // Any text: the value is never checked against a pattern, so no error can quote it.
  WECOM_AIBOT_SECRET: {
    schema: z.string().min(1),
    example: "WECOM_AIBOT_SECRET=…   (the Secret shown in the robot's API settings, long connection)",
  },
  WECOM_AIBOT_WS_URL: {
    schema: z.url({ protocol: /^wss?$/, message: 'must be a ws:// or wss:// URL' }),
    example: 'WECOM_AIBOT_WS_URL=wss://openws.work.weixin.qq.com   (only for a private WeCom deployment)',
  },
  ANCHANG_CONSOLE: { schema: z.enum(['on', 'off']), example: 'ANCHANG_CONSOLE=on' },
  ANCHANG_CONSOLE_PASSWORD: {
    schema: z.string().min(8, 'must be at least 8 characters'),
    example: 'ANCHANG_CONSOLE_PASSWORD=a-long-passphrase',
  },
  ANCHANG_INSECURE_DEV: { schema: z.enum(['0', '1']), example: 'ANCHANG_INSECURE_DEV=1' },
  ANCHANG_AUDIT_KEY: {
    schema: z.string().min(32, 'must be at least 32 characters (the generated key is 64 hex digits)'),
    example: 'ANCHANG_AUDIT_KEY=<the 64 hex digits of data/audit.key>',
  },
  ANCHANG_RATE_LIMIT: {
    schema: z.union([
      z.literal('off').transform(() => null),
      z
        .string()
        .regex(/^\d{1,4}\/\d{1,5}$/, 'must be <commands>/<seconds> or off')
        .transform((v) => {
          const [n, s] = v.split('/').map(Number) as [number, number]
          return { burst: Math.max(1, n), refillMs: Math.max(1, Math.round((s * 1000) / Math.max(1, n))) }
        }),
    ]),
    example: 'ANCHANG_RATE_LIMIT=20/60   (20 commands a minute per sender; "off" to disable)',
  },
  LOG_LEVEL: { schema: z.enum(['debug', 'info', 'warn', 'error']), example: 'LOG_LEVEL=info' },
} satisfies Record<string, Rule<unknown>>

type Name = keyof typeof rules

/** Variables whose value is never repeated in an error message (nor anywhere else). */
export const SECRET_VARIABLES: readonly Name[] = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'ONEBOT_ACCESS_TOKEN',
  'ONEBOT_SECRET',
  'WECOM_AIBOT_TOKEN',
  'WECOM_AIBOT_AES_KEY',
  'WECOM_AIBOT_SECRET',
  'ANCHANG_CONSOLE_PASSWORD',
  'ANCHANG_AUDIT_KEY',
]

/** How a bad value is quoted in an error: secrets by their length only, a database URL without its password. */
function shown(name: Name, raw: string): string {
  if ((SECRET_VARIABLES as readonly string[]).includes(name)) return `(the value, ${raw.length} characters, not shown)`
  if (name === 'DATABASE_URL') return JSON.stringify(withoutPassword(raw))
  return JSON.stringify(raw)
}

/** `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`, also when the URL does not parse. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/i, '$1:***@')
}
type Value<N extends Name> = z.output<(typeof rules)[N]['schema']>

/** The names of every variable Anchang reads; .env.example documents each. */
export const CONFIG_VARIABLES = Object.keys(rules) as Name[]

export function loadConfig(env: Env = process.env): Config {
  const read = <N extends Name>(name: N): Value<N> | undefined => {
    const raw = text(env[name])
    if (raw === undefined) return undefined
    const rule = rules[name] as unknown as Rule<Value<N>>
    const parsed = rule.schema.safeParse(raw)
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? 'is invalid'
      fail(name, `${name}=${shown(name, raw)} ${why}`, rule.example)
    }
    return parsed.data
  }
  const need = <N extends Name>(name: N, because: string): Value<N> => {
    const value = read(name)
    if (value === undefined) fail(name, `${name} is required ${because}`, rules[name].example)
    return value
  }

  const nodeEnv = read('NODE_ENV') ?? 'development'
  const insecureDev = read('ANCHANG_INSECURE_DEV') === '1'
  const production = nodeEnv === 'production'
  const clockStart = read('ANCHANG_CLOCK')
  if (clockStart && production) {
    fail(
      'ANCHANG_CLOCK',
      'ANCHANG_CLOCK is refused when NODE_ENV=production: a shifted clock would falsify every deadline',
      'unset ANCHANG_CLOCK',
    )
  }
  if (insecureDev && production) {
    fail(
      'ANCHANG_INSECURE_DEV',
      'ANCHANG_INSECURE_DEV=1 is refused when NODE_ENV=production',
      'unset ANCHANG_INSECURE_DEV',
    )
  }
  const secretUnlessInsecure = <N extends Name>(name: N, platform: string) =>
    insecureDev
      ? read(name)
      : need(name, `when ${platform} is on (set ANCHANG_INSECURE_DEV=1 to run without it, locally only)`)

  // ---- Telegram: webhook (needs a public HTTPS address) or long polling (needs none) ----
  const telegramToken = read('TELEGRAM_BOT_TOKEN')
  let telegram: TelegramConfig | undefined
  const modes: Config['modes'] = {}
  if (telegramToken) {
    const secret = read('TELEGRAM_WEBHOOK_SECRET')
    const asked = read('TELEGRAM_MODE')
    const mode = asked ?? (secret ? 'webhook' : 'polling')
    modes.telegram = {
      mode,
      why: asked
        ? `TELEGRAM_MODE=${asked}`
        : secret
          ? 'TELEGRAM_WEBHOOK_SECRET is set'
          : 'TELEGRAM_WEBHOOK_SECRET is not set, so no webhook can be checked',
    }
    const username = read('TELEGRAM_BOT_USERNAME')?.replace(/^@/, '')
    telegram = {
      token: telegramToken,
      webhookSecret: mode === 'webhook' ? secretUnlessInsecure('TELEGRAM_WEBHOOK_SECRET', 'Telegram webhooks') : secret,
      apiRoot: read('TELEGRAM_API_ROOT'),
      // Webhooks: needed to tell /cmd@thisbot from /cmd@otherbot without a network call at start. Polling asks getMe.
      botUsername:
        mode === 'webhook' ? need('TELEGRAM_BOT_USERNAME', 'when TELEGRAM_MODE=webhook').replace(/^@/, '') : username,
    }
  }

  const onebotUrl = read('ONEBOT_API_URL')
  const onebot: OneBotConfig | undefined = onebotUrl
    ? {
        apiUrl: onebotUrl,
        accessToken: read('ONEBOT_ACCESS_TOKEN'),
        secret: secretUnlessInsecure('ONEBOT_SECRET', 'OneBot'),
        fileDir: read('ONEBOT_FILE_DIR'),
      }
    : undefined

  // ---- WeCom intelligent robot: callback (needs a public HTTPS address) or long connection (needs none) ----
  const wecomToken = read('WECOM_AIBOT_TOKEN')
  const wecomBotId = read('WECOM_AIBOT_BOT_ID')
  const wecomAsked = read('WECOM_AIBOT_MODE')
  if (!wecomAsked && wecomToken && wecomBotId) {
    fail(
      'WECOM_AIBOT_MODE',
      'WECOM_AIBOT_MODE is required when both WECOM_AIBOT_TOKEN (callback) and WECOM_AIBOT_BOT_ID (long connection) are set: choose the one the robot is set to in WeCom',
      rules.WECOM_AIBOT_MODE.example,
    )
  }
  const wecomMode = wecomAsked ?? (wecomBotId ? 'connection' : wecomToken ? 'callback' : undefined)
  let wecom: WecomConfig | undefined
  let wecomConnection: WecomConnectionConfig | undefined
  if (wecomMode === 'callback') {
    modes.wecom = { mode: 'callback', why: wecomAsked ? 'WECOM_AIBOT_MODE=callback' : 'WECOM_AIBOT_TOKEN is set' }
    wecom = {
      token: need('WECOM_AIBOT_TOKEN', 'when WECOM_AIBOT_MODE=callback'),
      aesKey: need('WECOM_AIBOT_AES_KEY', 'when WECOM_AIBOT_TOKEN is set'),
      receiveId: env.WECOM_AIBOT_RECEIVE_ID ?? '',
      botName: read('WECOM_AIBOT_NAME'),
    }
  } else if (wecomMode === 'connection') {
    modes.wecom = {
      mode: 'connection',
      why: wecomAsked ? 'WECOM_AIBOT_MODE=connection' : 'WECOM_AIBOT_BOT_ID is set (no public address needed)',
    }
    wecomConnection = {
      botId: need('WECOM_AIBOT_BOT_ID', 'for the WeCom long connection'),
      secret: need('WECOM_AIBOT_SECRET', 'for the WeCom long connection (the Secret shown next to the BotID)'),
      wsUrl: read('WECOM_AIBOT_WS_URL'),
      botName: read('WECOM_AIBOT_NAME'),
    }
  }

  const host = read('HOST') ?? (production ? '0.0.0.0' : '127.0.0.1')
  const databaseUrl = read('DATABASE_URL') ?? 'file:./data/anchang.db'
  const consolePassword = read('ANCHANG_CONSOLE_PASSWORD')
  const consoleSwitch = read('ANCHANG_CONSOLE')
  const platforms = [telegram && 'Telegram', onebot && 'OneBot', (wecom || wecomConnection) && 'WeCom'].filter(Boolean)
  // Without a password the console is whoever can reach the port: only this machine, with no real chats behind it.
  const openRefused = production
    ? 'NODE_ENV=production'
    : !isLoopback(host)
      ? `HOST=${host} is not a loopback address`
      : platforms.length > 0
        ? `a platform is configured (${platforms.join(', ')})`
        : null
  let consoleConfig: ConsoleConfig
  if (consoleSwitch === 'off') {
    consoleConfig = { enabled: false, mode: 'off', password: consolePassword, why: 'ANCHANG_CONSOLE=off' }
  } else if (consolePassword) {
    consoleConfig = {
      enabled: true,
      mode: 'password',
      password: consolePassword,
      why: 'ANCHANG_CONSOLE_PASSWORD is set',
    }
  } else if (openRefused === null) {
    consoleConfig = {
      enabled: true,
      mode: 'open',
      password: undefined,
      why: `no password: it listens on ${host} only and no platform is configured`,
    }
  } else {
    if (consoleSwitch === 'on') {
      fail(
        'ANCHANG_CONSOLE_PASSWORD',
        `ANCHANG_CONSOLE_PASSWORD is required to turn the console on: ${openRefused}`,
        rules.ANCHANG_CONSOLE_PASSWORD.example,
      )
    }
    consoleConfig = {
      enabled: false,
      mode: 'off',
      password: undefined,
      why: `${openRefused}; set ANCHANG_CONSOLE_PASSWORD to turn it on`,
    }
  }

  return {
    nodeEnv,
    port: read('PORT') ?? 3000,
    host,
    publicUrl: read('ANCHANG_PUBLIC_URL'),
    databaseUrl,
    timezone: read('ANCHANG_TZ') ?? 'Asia/Shanghai',
    admins: read('ANCHANG_ADMINS') ?? [],
    clockStart,
    defaultProject: read('ANCHANG_PROJECT') ?? '案场',
    telegram,
    onebot,
    wecom,
    wecomConnection,
    modes,
    console: consoleConfig,
    auditKey: read('ANCHANG_AUDIT_KEY'),
    auditKeyFile: auditKeyFileFor(databaseUrl),
    insecureDev,
    logLevel: read('LOG_LEVEL') ?? 'info',
    rateLimit:
      env.ANCHANG_RATE_LIMIT?.trim() === 'off' ? null : (read('ANCHANG_RATE_LIMIT') ?? { burst: 20, refillMs: 3_000 }),
  }
}

function fail(name: string, message: string, example: string): never {
  throw new ConfigError(`Configuration error in ${name}: ${message}.\n  Example: ${example}`)
}

/**
 * Removes every secret's value (and the database URL's password) from a text, e.g. an error printed at start-up: a
 * driver's message may quote the URL it was given.
 */
export function redactSecrets(text: string, config: Config): string {
  const values = [
    config.telegram?.token,
    config.telegram?.webhookSecret,
    config.onebot?.accessToken,
    config.onebot?.secret,
    config.wecom?.token,
    config.wecom?.aesKey,
    config.wecomConnection?.secret,
    config.console.password,
    config.auditKey,
    databasePassword(config.databaseUrl),
  ].filter((v): v is string => v !== undefined && v.length >= 4)
  let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@\s]*@/gi, '$1:***@')
  for (const v of values.sort((a, b) => b.length - a.length)) out = out.split(v).join('***')
  return out
}

function databasePassword(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]*)@/i.exec(url)
  if (!m?.[1]) return undefined
  try {
    return decodeURIComponent(m[1])
  } catch {
    return m[1]
  }
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

function parsesAsUrl(v: string): boolean {
  try {
    const u = new URL(v)
    return u.hostname !== '' || u.pathname !== ''
  } catch {
    return false
  }
}

/** The generated audit key lives beside the SQLite file (its data folder), or in ./data for PostgreSQL. */
function auditKeyFileFor(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.slice('file:'.length).split('?')[0] ?? ''
    if (path !== '' && path !== ':memory:') {
      const slash = path.lastIndexOf('/')
      return `${slash >= 0 ? path.slice(0, slash) : '.'}/audit.key`
    }
  }
  return './data/audit.key'
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return tz.includes('/') || tz === 'UTC'
  } catch {
    return false
  }
}
