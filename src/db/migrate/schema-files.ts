import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type Provider = 'sqlite' | 'postgresql'
export const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql']

/** Project root: the nearest folder up from this module with a package.json (src/db/migrate/, or dist/ when bundled). */
export const ROOT = projectRoot(import.meta.dirname)

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}
export const MODELS_FILE = join(ROOT, 'prisma', 'models.prisma')

export const providerDir = (p: Provider) => join(ROOT, 'prisma', p)
export const schemaFile = (p: Provider) => join(providerDir(p), 'schema.prisma')
export const migrationsDir = (p: Provider) => join(providerDir(p), 'migrations')

/** The full schema for one provider: a generated header, then models.prisma unchanged. */
export function schemaText(p: Provider, models = readFileSync(MODELS_FILE, 'utf8')): string {
  return `// Generated from prisma/models.prisma by \`npm run db:generate\`. Do not edit.
generator client {
  provider     = "prisma-client"
  output       = "../../src/db/generated/${p}"
  moduleFormat = "esm"
}

datasource db {
  provider = "${p}"
}

${models}`
}
