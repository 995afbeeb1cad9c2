import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { parseDatabaseUrl } from '../../src/db/database-url.ts'
import { migrationsPending } from '../../src/db/migrate/pending.ts'
import { freePort, productionCommand, startServer } from '../support/server-process.ts'

/** `npm start`'s command with `env`, until it exits: what the person at the terminal reads, and how long it took. */
function runToExit(env: Record<string, string>, timeoutMs = 30_000) {
  return new Promise<{ code: number | null; output: string; ms: number }>((resolve) => {
    const started = Date.now()
    const child = spawn(process.execPath, productionCommand(), {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (d) => {
      output += d
    })
    child.stderr.on('data', (d) => {
      output += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output, ms: Date.now() - started })
    })
  })
}

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'anchang-start-')), 'anchang.db')

describe('starting the server', () => {
  const cleanup: (() => Promise<unknown> | undefined)[] = []
  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c()
  })

  it('on a busy port says which port and what to set, in Chinese and English, before migrating anything', async () => {
    const port = await freePort()
    const holder: Server = createServer()
    await new Promise<void>((r) => holder.listen(port, '127.0.0.1', () => r()))
    cleanup.push(() => new Promise((r) => holder.close(r)))
    const file = freshFile()
    const run = await runToExit({ PORT: String(port), DATABASE_URL: `file:${file}` })
    expect(run.code).toBe(1)
    expect(run.output.trim()).toBe(
      [
        `端口 ${port} 已被占用：设置 PORT=${port + 1} 再试（例如 PORT=${port + 1} npm start），或先停止占用它的程序。`,
        `Port ${port} on 127.0.0.1 is already in use: set PORT=${port + 1} and try again (PORT=${port + 1} npm start), or stop the program using it.`,
      ].join('\n'),
    )
    expect(run.output).not.toContain('EADDRINUSE')
    expect(existsSync(file)).toBe(false)
  })

  it('on an SQLite file another server holds names the file at once, and migrates nothing', async () => {
    const file = freshFile()
    const first = await startServer({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` }, 30_000, true)
    cleanup.push(() => first.stop())
    const second = await runToExit({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` })
    expect(second.code).toBe(1)
    expect(second.output).toContain(`数据库文件 ${file} 正被另一个 Anchang 进程使用`)
    expect(second.output).toContain(`The database file ${file} is in use by another Anchang process`)
    expect(second.output).not.toContain('SocketTimeout')
    expect(second.output).not.toContain('db.migrated')
    // Today's failure took 12 s (the schema engine's busy timeout); the lock answers before any engine starts.
    expect(second.ms).toBeLessThan(8_000)
    // The first server is unaffected.
    expect((await fetch(`${first.base}/healthz`)).status).toBe(200)
  })

  it('takes the file over as soon as the server holding it was killed (no stale lock)', async () => {
    const file = freshFile()
    const first = await startServer({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` }, 30_000, true)
    await first.kill()
    const again = await startServer({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` }, 30_000, true)
    cleanup.push(() => again.stop())
    expect((await fetch(`${again.base}/healthz`)).status).toBe(200)
    expect(again.output()).not.toContain('db.migrated')
  })

  it('on a file another program holds locked, with migrations pending, names the file instead of a WASM error', async () => {
    const file = freshFile()
    const blocker = new Database(file)
    blocker.exec('BEGIN EXCLUSIVE')
    cleanup.push(async () => blocker.close())
    const run = await runToExit({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` })
    expect(run.code).toBe(1)
    expect(run.output).toContain(`数据库文件 ${file} 被另一个程序锁定，无法迁移`)
    expect(run.output).not.toContain('SocketTimeout')
  })
})

describe('migrationsPending', () => {
  it('is true for a missing file, false once migrated, true again when a migration is edited', async () => {
    const file = freshFile()
    const target = parseDatabaseUrl(`file:${file}`)
    expect(await migrationsPending(target)).toBe(true)
    const server = await startServer({ PORT: String(await freePort()), DATABASE_URL: `file:${file}` }, 30_000, true)
    await server.stop()
    expect(await migrationsPending(target)).toBe(false)
    const db = new Database(file)
    db.prepare("UPDATE _prisma_migrations SET checksum = 'edited'").run()
    db.close()
    expect(await migrationsPending(target)).toBe(true)
  })
})
