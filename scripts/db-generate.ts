// Writes both provider schemas from prisma/models.prisma and generates both Prisma clients, offline.
// `prisma generate` never runs the native schema engine, but the CLI insists on finding one: any file will do.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROVIDERS, providerDir, ROOT, schemaFile, schemaText } from '../src/db/migrate/schema-files.ts'

for (const p of PROVIDERS) {
  mkdirSync(providerDir(p), { recursive: true })
  writeFileSync(schemaFile(p), schemaText(p))
  execFileSync(join(ROOT, 'node_modules', '.bin', 'prisma'), ['generate', '--schema', schemaFile(p)], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
}
console.log(`generated Prisma clients for ${PROVIDERS.join(' and ')}`)
