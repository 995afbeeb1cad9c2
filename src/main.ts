// The composition root: the only file that knows every layer. Reads the configuration, migrates the database, wires
// the platforms, the chat layer, the outbox worker and the scheduler, serves HTTP, and shuts down cleanly.
import { randomUUID } from 'node:crypto'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { CONSOLE_GROUP, ConsoleHub, consoleRoutes, createConsoleSender } from './adapters/console/index.ts'
import { createOneBotSender, pacing as onebotPacing, onebotRoutes } from './adapters/onebot/index.ts'
import {
  bootstrap,
  jsonLogger,
  type Leadership,
  type Log,
  portInUse,
  runWhileLeader,
  StartupError,
  systemClock,
  takeDownload,
} from './app/index.ts'
import {
  type ChatDeps,
  COMMANDS,
  type Connection,
  createOutboxWorker,
  createRateLimiter,
  DIRECT_CAPABLE,
  handleMessage,
  type IncomingMessage,
  type Receive,
  type Sender,
  seedDemo,
  tellAdminsPlatformDown,
} from './chat/index.ts'
import { type Config, ConfigError, loadConfig, redactSecrets } from './config.ts'
import {
  acquireInstanceLock,
  applyMigrationsIsolated,
  leaderLock,
  loadAuditKey,
  openStore,
  outboxQueue,
  parseDatabaseUrl,
} from './db/index.ts'
import { identityOf, type PaceRule, type Platform, perMinute } from './domain/index.ts'
import { assertPortFree, createApp, downloadRoutes } from './http/index.ts'
import { createScheduler } from './scheduler/index.ts'

/** The store, its audit chain keyed with ANCHANG_AUDIT_KEY or the key file (generated on the first start). */
async function openKeyedStore(config: Config, log: Log) {
  const auditKey = loadAuditKey(config.auditKey, config.auditKeyFile)
  if (auditKey.source === 'generated') {
    log(
      'audit.key_generated',
      { file: auditKey.file, keep: 'copy this file somewhere safe, away from the database and its backups' },
      'warn',
    )
  } else log('audit.key', { source: auditKey.source, ...(auditKey.source === 'file' ? { file: auditKey.file } : {}) })
  return openStore(config.databaseUrl, { auditKey: auditKey.key })
}

export async function start(config: Config, log: Log) {
  const started = Date.now()
  // Everything that can refuse to start does so before the database is touched: the port, then the SQLite file.
  await assertPortFree(config.host, config.port)
  const instance = acquireInstanceLock(parseDatabaseUrl(config.databaseUrl))
  const applied = await applyMigrationsIsolated(config.databaseUrl).catch((e) => {
    instance.release()
    throw e
  })
  if (applied.length > 0) log('db.migrated', { applied })
  const store = await openKeyedStore(config, log).catch((e) => {
    instance.release()
    throw e
  })
  const clock = systemClock(config.clockStart)
  if (config.clockStart) log('clock.shifted', { startsAt: config.clockStart.toISOString() }, 'warn')

  await bootstrap(store, {
    projectName: config.defaultProject,
    timezone: config.timezone,
    now: clock.now(),
    consoleGroup: config.console.enabled ? { platform: 'console', chatId: CONSOLE_GROUP } : undefined,
  })

  const admins = new Set(config.admins.map((a) => identityOf(a.platform, a.userId)))
  const hub = new ConsoleHub()
  // Telegram's and WeCom's adapters (grammY, WeCom's SDK: about 40 MB of memory together) are loaded only for a
  // platform the configuration names.
  const telegram = config.telegram ? await import('./adapters/telegram/index.ts') : undefined
  const wecom = config.wecom || config.wecomConnection ? await import('./adapters/wecom/index.ts') : undefined
  const senders: Partial<Record<Platform, Sender>> = {}
  const pacing: Partial<Record<Platform, PaceRule>> = {}
  if (config.console.enabled) {
    admins.add(identityOf('console', 'admin'))
    senders.console = createConsoleSender(hub)
  }
  if (config.onebot) {
    senders.onebot = createOneBotSender(config.onebot)
    pacing.onebot = perMinute(onebotPacing)
  }
  if (config.telegram && telegram) {
    senders.telegram = telegram.createTelegramSender(config.telegram)
    pacing.telegram = perMinute(telegram.pacing)
  }
  if (config.wecom && wecom) {
    senders.wecom = wecom.createWecomSender(config.wecom, {
      keyFor: (chatId) =>
        store.transaction(async (tx) => (await tx.groups.find('wecom', chatId))?.wecomKey ?? undefined),
    })
    pacing.wecom = perMinute(wecom.pacing)
  }

  // ---- Connections out to a platform (no public address needed); only the leader instance holds each ----
  // Messages arriving on them go through `receive` below, the same path as the webhooks'.
  const connections: Connection[] = []
  const receiveLater = (m: IncomingMessage) => receive(m)
  const botUsernames: Partial<Record<Platform, string>> = { telegram: config.telegram?.botUsername }
  if (config.telegram && telegram && config.modes.telegram?.mode === 'polling') {
    connections.push(
      telegram.createTelegramPoller({
        config: config.telegram,
        receive: receiveLater,
        log,
        onMe: (me) => {
          botUsernames.telegram = me.username
        },
      }),
    )
  }
  const wecomConnection =
    config.wecomConnection && wecom
      ? wecom.createWecomConnection({ config: config.wecomConnection, receive: receiveLater, log })
      : undefined
  if (wecomConnection && wecom) {
    connections.push(wecomConnection)
    senders.wecom = wecom.createWecomConnectionSender(wecomConnection)
    pacing.wecom = perMinute(wecom.connectionPacing)
  }
  // Over its long connection the WeCom robot can write to a person, which its callback cannot.
  const directCapable = wecomConnection ? new Set<Platform>([...DIRECT_CAPABLE, 'wecom']) : DIRECT_CAPABLE

  const queue = outboxQueue(store.run)
  const worker = createOutboxWorker({
    queue,
    senders,
    pacing,
    clock,
    workerId: `w-${randomUUID().slice(0, 8)}`,
    log,
    // Only the instance holding the WeCom connection can send on it; the others leave those messages to it.
    canSend: (platform) => platform !== 'wecom' || !wecomConnection || wecomConnection.canSend(),
    onPlatformDown: async (platform, since, reason) => {
      await tellAdminsPlatformDown({ store, admins, directCapable, timezone: config.timezone }, platform, since, reason)
      worker.kick()
    },
  })
  const chat: ChatDeps = {
    store,
    clock,
    admins,
    commands: COMMANDS,
    botUsernames,
    directCapable,
    onQueued: (chats) => worker.kick(chats),
    rateLimiter: config.rateLimit ? createRateLimiter(config.rateLimit) : undefined,
    // Download links in chats must be absolute; the console's own are relative to its page.
    publicUrl: config.publicUrl ?? `http://127.0.0.1:${config.port}`,
  }
  const receive: Receive = async (msg) => (await handleMessage(chat, msg)).receipt

  const platformConfigured = Boolean(config.onebot || config.telegram || config.wecom || config.wecomConnection)
  const routes: { path: string; app: Hono }[] = []
  routes.push({
    path: '/files',
    app: downloadRoutes({
      take: (token, client) => store.transaction((tx) => takeDownload(tx, token, clock.now(), client)),
      log,
    }),
  })
  if (config.onebot)
    routes.push({ path: '/webhooks/onebot', app: onebotRoutes({ config: config.onebot, receive, log }) })
  if (config.telegram && telegram && config.modes.telegram?.mode === 'webhook')
    routes.push({ path: '/webhooks/telegram', app: telegram.telegramRoutes({ config: config.telegram, receive, log }) })
  if (config.wecom && wecom)
    routes.push({
      path: '/webhooks/wecom',
      app: wecom.wecomRoutes({ config: config.wecom, receive, log, botName: config.wecom.botName }),
    })
  if (config.console.enabled) {
    const personas = () =>
      store.transaction(async (tx) =>
        (await tx.people.boundOn('console')).map((p) => ({
          userId: p.userId,
          name: p.staff.name,
          role: p.staff.role,
          agency: p.agencyName,
        })),
      )
    routes.push({
      path: '/',
      app: consoleRoutes({
        hub,
        receive,
        personas,
        seedDemo: () => seedDemo(chat, CONSOLE_GROUP, async () => (await personas()).map((p) => p.userId)),
        // A demo seeds fake agencies and staff: never into a real deployment (staff already, or a chat platform on).
        demoAllowed: async () =>
          !platformConfigured &&
          (await store.transaction(async (tx) => {
            const group = await tx.groups.find('console', CONSOLE_GROUP)
            return group !== null && (await tx.people.listStaff(group.projectId)).length === 0
          })),
        password: config.console.mode === 'password' ? config.console.password : undefined,
      }),
    })
  }

  const leaderships: { connection: Connection; leadership: Leadership }[] = []
  const connectionReport = () =>
    Object.fromEntries(
      leaderships.map(({ connection, leadership }) => {
        const s = connection.status()
        return [
          s.platform,
          {
            mode: s.mode,
            state: s.state,
            since: s.since.toISOString(),
            connectedSince: s.connectedSince?.toISOString() ?? null,
            lastMessageAt: s.lastMessageAt?.toISOString() ?? null,
            leader: leadership.leading(),
            ...(s.detail ? { detail: s.detail } : {}),
          },
        ]
      }),
    )
  /** A connection this instance leads is down for good (refused, replaced) or has not connected for a minute. */
  const connectionsOk = () =>
    leaderships.every(({ connection, leadership }) => {
      const s = connection.status()
      if (!leadership.leading() || s.state === 'connected') return true
      if (s.state === 'connecting' || s.state === 'reconnecting') return Date.now() - s.since.getTime() < 60_000
      return false
    })

  const app = createApp({
    log,
    healthy: () => store.ready(),
    connections: connectionReport,
    async ready() {
      const healthy = await store.ready()
      const links = leaderships.length > 0 ? { connections: connectionReport() } : {}
      if (!healthy) return { ok: false, detail: { database: 'unavailable', ...links } }
      const outbox = await queue.health(clock.now())
      // Not ready when delivery fails (a platform failing for 2 minutes) or sticks (due messages nobody sends); a
      // paced backlog that drains is normal in a busy group.
      const failing = outbox.failing.some((f) => clock.now().getTime() - f.since.getTime() >= 120_000)
      return {
        ok: !failing && outbox.stuck === 0 && connectionsOk(),
        detail: { database: 'ok', outbox, ...links },
      }
    },
    routes,
  })

  worker.start()
  // After the outbox worker: the catch-up run queues whatever came due while the server was down.
  const scheduler = createScheduler({
    store,
    clock,
    instanceId: `s-${randomUUID().slice(0, 8)}`,
    timezone: config.timezone,
    log,
    onQueued: () => worker.kick(),
    direct: directCapable,
  })
  void scheduler.start()

  // ---- Start the platform connections (after migrations, the outbox and the scheduler): each runs on the one
  // instance holding its PostgreSQL advisory lock (always this one on SQLite); a standby takes over within 5 s ----
  for (const connection of connections) {
    const name = connection.platform === 'telegram' ? 'telegram-polling' : 'wecom-connection'
    const leadership = runWhileLeader({ name, lock: leaderLock(config.databaseUrl, name), task: connection, log })
    leaderships.push({ connection, leadership })
  }

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve())
    // Taken between the check at the top and now: the same clear message.
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? portInUse(config.host, config.port) : e),
    )
  })
  const platforms = Object.keys(senders).join(', ') || 'none'
  log(
    'console.mode',
    { mode: config.console.mode, why: config.console.why },
    config.console.mode === 'open' ? 'warn' : 'info',
  )
  for (const [platform, m] of Object.entries(config.modes)) log('platform.mode', { platform, mode: m.mode, why: m.why })
  if (config.onebot) {
    const why = 'ONEBOT_API_URL is set; the OneBot implementation (NapCat…) posts events to /webhooks/onebot'
    log('platform.mode', { platform: 'onebot', mode: 'webhook', why })
  }
  log('server.started', {
    port: config.port,
    host: config.host,
    database: store.provider,
    platforms,
    console: config.console.mode,
    ms: Date.now() - started,
  })

  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= (async () => {
      log('server.stopping', {})
      // Stop accepting, let in-flight requests finish, then stop sending and close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()))
      // Polling confirms what it handled, the WeCom connection closes, and the locks go to a standby at once.
      await Promise.all(leaderships.map((l) => l.leadership.stop()))
      await scheduler.stop()
      await worker.stop()
      await store.close()
      instance.release()
      log('server.stopped', {})
    })()
    return stopping
  }
  return { app, server, store, stop, port: config.port }
}

async function main() {
  let config: Config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(1)
    }
    throw e
  }
  const log = jsonLogger((line) => process.stdout.write(line), config.logLevel)
  const running = await start(config, log).catch((e) => {
    // A StartupError says what to change; anything else (the database refused the URL, a key did not match) is
    // printed whole, but no secret's value reaches the terminal.
    console.error(
      e instanceof StartupError
        ? e.message
        : redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e), config),
    )
    process.exit(1)
  })
  if (config.console.enabled) {
    const how = config.console.mode === 'password' ? '（需要 ANCHANG_CONSOLE_PASSWORD）' : '（本机访问，无需密码）'
    console.log(`\n  案场 Anchang is running. Open the console: http://127.0.0.1:${config.port}/ ${how}\n`)
  } else console.log(`\n  案场 Anchang is running. Console off: ${config.console.why}.\n`)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      // A second signal, or a shutdown that hangs, ends the process anyway.
      const force = setTimeout(() => process.exit(1), 10_000)
      force.unref()
      running.stop().then(() => process.exit(0))
    })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
