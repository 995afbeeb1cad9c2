// npm run db:migrate — applies pending migrations to DATABASE_URL (what `npm start` also does before serving).
import { loadConfig } from '../src/config.ts'
import { applyMigrations } from '../src/db/migrate/index.ts'

const { databaseUrl } = loadConfig()
const applied = await applyMigrations(databaseUrl)
console.log(applied.length === 0 ? 'database is up to date' : `applied:\n  ${applied.join('\n  ')}`)
process.exit(0) // the wasm engine leaves a 10 s timer behind
