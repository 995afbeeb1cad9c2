// npm run db:diff -- <name>: writes the next migration for both databases from prisma/models.prisma.
// The PostgreSQL shadow database is a throwaway created on ANCHANG_PG_SHADOW_URL's server (default: local).
import { writeNextMigration } from '../src/db/migrate/index.ts'

const name = process.argv[2]
if (!name) {
  console.error('usage: npm run db:diff -- <name>   (e.g. npm run db:diff -- add_unit_notes)')
  process.exit(2)
}
const pgUrl = process.env.ANCHANG_PG_SHADOW_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const dirs = await writeNextMigration(name, { sqlite: 'file::memory:', postgresql: pgUrl })
console.log(dirs.length === 0 ? 'no schema change: nothing written' : `written:\n${dirs.join('\n')}`)
process.exit(0) // the wasm engine leaves a 10 s timer behind
