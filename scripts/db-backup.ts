// npm run db:backup [-- <file>] — a consistent online copy of the SQLite database while the server runs.
// Default file: ./data/backups/anchang-<UTC timestamp>.db. PostgreSQL: see the README (pg_dump).
import { join } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { backupSqlite } from '../src/db/backup.ts'

const { databaseUrl } = loadConfig()
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')
const to = process.argv[2] ?? join('data', 'backups', `anchang-${stamp}.db`)
const { bytes } = backupSqlite(databaseUrl, to)
console.log(`backed up to ${to} (${(bytes / 1024).toFixed(0)} KiB, integrity ok)`)
