// Applies migrations in a process of its own (see applyMigrationsIsolated): the schema engine's WebAssembly heap,
// ~140 MB once loaded, cannot be unloaded from a process, so the server never loads it. Prints the applied names.
import { applyMigrations } from './index.ts'

const url = process.argv[2]
if (!url) {
  console.error('usage: child.ts <DATABASE_URL>')
  process.exit(2)
}
try {
  process.stdout.write(`${JSON.stringify({ applied: await applyMigrations(url) })}\n`)
  process.exit(0)
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.message : String(e) })}\n`)
  process.exit(1)
}
