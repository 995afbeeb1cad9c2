import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationFactory } from './adapters.ts'

// Node has WebAssembly; TypeScript's ES libs do not declare it.
const wasmRuntime = (globalThis as unknown as { WebAssembly: WasmRuntime }).WebAssembly
interface WasmRuntime {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>
}

let loaded: Promise<typeof SchemaEngine> | undefined

/**
 * Prisma's schema engine compiled to WebAssembly: the same migration logic as the CLI's native binary, which cannot
 * be downloaded here. The package's own entry imports the .wasm as an ES module, which Node 20 cannot, so the glue is
 * wired by hand.
 */
function loadEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url)
    const wasmPath = join(dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm')
    const { instance } = await wasmRuntime.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': glue })
    const exports = instance.exports as { __wbindgen_start: () => void }
    glue.__wbg_set_wasm(exports)
    exports.__wbindgen_start()
    return glue.SchemaEngine
  })()
  return loaded
}

export type EngineLog = (line: string) => void

export async function openEngine(
  schemaPath: string,
  schema: string,
  factory: MigrationFactory,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  const Engine = await loadEngine()
  return Engine.new({ datamodels: [[schemaPath, schema]] }, log, bindMigrationAwareSqlAdapterFactory(factory))
}
