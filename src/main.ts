// The composition root: the only file that knows every layer. Reads the configuration, migrates the database, wires
// the platforms, the chat layer, the outbox worker and the scheduler, serves HTTP, and shuts down cleanly.
import { randomUUID } from 'node:crypto'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { CONSOLE_GROUP, ConsoleHub, consoleRoutes, createConsoleSender } from './adapters/console/index.ts'
import { createOneBotSender, pacing as onebotPacing, onebotRoutes } from './adapters/onebot/index.ts'
import { createTelegramSender, pacing as telegramPacing, telegramRoutes } from './adapters/telegram/index.ts'
import { createWecomSender, pacing as wecomPacing, wecomRoutes } from './adapters/wecom/index.ts'
import { bootstrap } from './app/bootstrap.ts'
import { systemClock } from './app/clock.ts'
import { jsonLogger, type Log } from './app/log.ts'
import { COMMANDS } from './chat/commands/index.ts'
import { seedDemo } from './chat/demo.ts'
import { type ChatDeps, handleMessage } from './chat/handle-message.ts'
import type { Receive, Sender } from './chat/incoming.ts'
import { createOutboxWorker } from './chat/outbox-worker.ts'
import { createRateLimiter } from './chat/rate-limit.ts'
import { type Config, ConfigError, loadConfig, redactSecrets } from './config.ts'
import { loadAuditKey } from './db/audit-key.ts'
import { applyMigrationsIsolated } from './db/migrate/index.ts'
import { outboxQueue } from './db/outbox-queue.ts'
import { openStore } from './db/store.ts'
import { identityOf, type Platform } from './domain/platform.ts'
import { createApp } from './http/app.ts'
import { createScheduler } from './scheduler/index.ts'

export async function start(config: Config, log: Log) {
  const started = Date.now()
  const applied = await applyMigrationsIsolated(config.databaseUrl)
  if (applied.length > 0) log('db.migrated', { applied })
  const auditKey = loadAuditKey(config.auditKey, config.auditKeyFile)
  if (auditKey.source === 'generated') {
    log(
      'audit.key_generated',
      { file: auditKey.file, keep: 'copy this file somewhere safe, away from the database and its backups' },
      'warn',
    )
  } else log('audit.key', { source: auditKey.source, ...(auditKey.source === 'file' ? { file: auditKey.file } : {}) })
  const store = await openStore(config.databaseUrl, { auditKey: auditKey.key })
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
  const senders: Partial<Record<Platform, Sender>> = {}
  const pacing: Partial<Record<Platform, number>> = {}
  if (config.console.enabled) {
    admins.add(identityOf('console', 'admin'))
    senders.console = createConsoleSender(hub)
  }
  if (config.onebot) {
    senders.onebot = createOneBotSender(config.onebot)
    pacing.onebot = onebotPacing
  }
  if (config.telegram) {
    senders.telegram = createTelegramSender(config.telegram)
    pacing.telegram = telegramPacing
  }
  if (config.wecom) {
    senders.wecom = createWecomSender(config.wecom, {
      keyFor: (chatId) =>
        store.transaction(async (tx) => (await tx.groups.find('wecom', chatId))?.wecomKey ?? undefined),
    })
    pacing.wecom = wecomPacing
  }

  const queue = outboxQueue(store.run, store.provider)
  const worker = createOutboxWorker({ queue, senders, pacing, clock, workerId: `w-${randomUUID().slice(0, 8)}`, log })
  const chat: ChatDeps = {
    store,
    clock,
    admins,
    commands: COMMANDS,
    botUsernames: { telegram: config.telegram?.botUsername },
    onQueued: () => worker.kick(),
    rateLimiter: config.rateLimit ? createRateLimiter(config.rateLimit) : undefined,
  }
  const receive: Receive = async (msg) => (await handleMessage(chat, msg)).receipt

  const platformConfigured = Boolean(config.onebot || config.telegram || config.wecom)
  const routes: { path: string; app: Hono }[] = []
  if (config.onebot)
    routes.push({ path: '/webhooks/onebot', app: onebotRoutes({ config: config.onebot, receive, log }) })
  if (config.telegram)
    routes.push({ path: '/webhooks/telegram', app: telegramRoutes({ config: config.telegram, receive, log }) })
  if (config.wecom)
    routes.push({
      path: '/webhooks/wecom',
      app: wecomRoutes({ config: config.wecom, receive, log, botName: config.wecom.botName }),
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

  const app = createApp({
    log,
    healthy: () => store.ready(),
    async ready() {
      const healthy = await store.ready()
      if (!healthy) return { ok: false, detail: { database: 'unavailable' } }
      const backlog = await queue.backlog(clock.now())
      // "stuck": something has waited more than ten minutes; paced messages wait at most a few.
      return { ok: backlog.oldestMs < 600_000, detail: { database: 'ok', outbox: backlog } }
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
  })
  void scheduler.start()
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const platforms = Object.keys(senders).join(', ') || 'none'
  log(
    'console.mode',
    { mode: config.console.mode, why: config.console.why },
    config.console.mode === 'open' ? 'warn' : 'info',
  )
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
      await scheduler.stop()
      await worker.stop()
      await store.close()
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
  let running: Awaited<ReturnType<typeof start>>
  try {
    running = await start(config, log)
  } catch (e) {
    // Whatever failed (the database refused the URL, a key did not match), no secret's value reaches the terminal.
    console.error(redactSecrets(e instanceof Error ? (e.stack ?? e.message) : String(e), config))
    process.exit(1)
  }
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
