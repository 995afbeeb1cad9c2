// npm run crash [-- --kills 10 --commands 2000 --senders 12 --pg] — the kill-and-restart test at scale: a stream of
// filings and deposits at a real server process, SIGKILLed at random moments and restarted; then every invariant is
// checked (see test/crash/kill-restart.ts). Prints the run's figures; exits 1 on any problem.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { applyMigrations } from '../src/db/migrate/index.ts'
import { killRestartRun } from '../test/crash/kill-restart.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const kind = args.includes('--pg') ? 'postgresql' : 'sqlite'
let url = `file:${join(mkdtempSync(join(tmpdir(), 'anchang-crash-')), 'crash.db')}`
if (kind === 'postgresql') {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' })
  const name = `anchang_crash_${Date.now().toString(36)}`
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  url = `postgresql://postgres@127.0.0.1:5432/${name}`
}
await applyMigrations(url)
const run = await killRestartRun({
  url,
  kills: opt('kills', 10),
  commands: opt('commands', 2000),
  senders: opt('senders', 12),
  seed: opt('seed', Date.now() % 100_000),
})
console.log(JSON.stringify({ kind, url, ...run, problems: run.problems.slice(0, 20) }, null, 2))
process.exit(run.problems.length === 0 && run.acknowledged === run.commands ? 0 : 1)
