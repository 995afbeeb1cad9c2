// npm run db:status — what `prisma migrate status` says: applied, pending, failed or edited migrations.
import { loadConfig } from '../src/config.ts'
import { migrationStatus } from '../src/db/migrate/index.ts'

const { databaseUrl } = loadConfig()
const s = await migrationStatus(databaseUrl)
const lines = [`${s.provider}: ${s.applied ? 'up to date' : 'NOT up to date'}`]
if (s.history) lines.push(`history: ${JSON.stringify(s.history)}`)
if (s.failedMigrationNames.length) lines.push(`failed: ${s.failedMigrationNames.join(', ')}`)
if (s.editedMigrationNames.length) lines.push(`edited after applying: ${s.editedMigrationNames.join(', ')}`)
console.log(lines.join('\n'))
process.exit(s.applied ? 0 : 1)
