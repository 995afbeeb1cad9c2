// PRE-RELEASE ONLY: rewrites the single init migration of both databases from models.prisma, under a fixed name so
// that engineers changing the schema at the same time produce the same folder. Delete this script at the first
// release; from then on every schema change is a new migration (`npm run db:diff -- <name>`).
import { rmSync } from 'node:fs'
import { writeNextMigration } from '../src/db/migrate/index.ts'
import { migrationsDir, PROVIDERS } from '../src/db/migrate/schema-files.ts'

for (const p of PROVIDERS) rmSync(migrationsDir(p), { recursive: true, force: true })
const pgUrl = process.env.ANCHANG_PG_SHADOW_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const dirs = await writeNextMigration(
  'init',
  { sqlite: 'file::memory:', postgresql: pgUrl },
  new Date('2026-11-27T00:00:00Z'),
)
console.log(`rewritten:\n${dirs.join('\n')}`)
process.exit(0)
