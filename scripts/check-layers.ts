// The layer rule of STYLE.md as a lint: arrows point inwards only (adapters → chat → app → domain; db implements
// app's ports; only main.ts wires everything). Run by `npm test`; exits 1 naming every wrong-way import.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

type Layer = 'domain' | 'app' | 'chat' | 'adapters' | 'db' | 'scheduler' | 'http' | 'config' | 'main'

/** Which project layers each layer may import, and which packages (prefix match; 'node:' = Node built-ins). */
export const ALLOWED: Record<Layer, { layers: Layer[]; packages: string[] }> = {
  domain: { layers: ['domain'], packages: [] },
  app: { layers: ['domain', 'app'], packages: ['node:crypto'] },
  chat: {
    layers: ['domain', 'app', 'chat', 'config'],
    // pictures: @napi-rs/canvas draws, fontkit reads the font's cmap, node:module finds the font file; files: exceljs
    packages: ['zod', 'node:crypto', 'node:module', '@napi-rs/canvas', 'fontkit', 'exceljs'],
  },
  adapters: {
    layers: ['domain', 'app', 'chat', 'adapters', 'config'],
    packages: ['hono', '@hono/', 'grammy', '@wecom/', 'zod', 'node:'],
  },
  db: { layers: ['domain', 'app', 'db', 'config'], packages: ['@prisma/', 'pg', 'better-sqlite3', 'zod', 'node:'] },
  scheduler: { layers: ['domain', 'app', 'chat', 'scheduler', 'config'], packages: ['node-cron', 'node:'] },
  http: { layers: ['domain', 'app', 'chat', 'adapters', 'http', 'config'], packages: ['hono', '@hono/', 'node:'] },
  config: { layers: ['config', 'domain'], packages: ['zod'] },
  main: { layers: ['domain', 'app', 'chat', 'adapters', 'db', 'scheduler', 'http', 'config', 'main'], packages: [''] },
}

export function layerOf(file: string, srcDir: string): Layer | undefined {
  const rel = relative(srcDir, file).split(/[\\/]/)
  if (rel[0] === '..' || rel.length === 0) return undefined
  if (rel.length === 1) return rel[0] === 'config.ts' ? 'config' : rel[0] === 'main.ts' ? 'main' : undefined
  const top = rel[0] as Layer
  return top in ALLOWED ? top : undefined
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

export function importsOf(source: string): string[] {
  const found: string[] = []
  for (const m of source.matchAll(IMPORT)) found.push((m[1] ?? m[2] ?? m[3]) as string)
  return found
}

export interface Violation {
  file: string
  spec: string
  why: string
}

/** A layer's public surface: `app/index.ts`, or one adapter's `adapters/<platform>/index.ts`. */
const isSurface = (rel: string) => /^(?:adapters\/[^/\\]+|[a-z]+)[/\\]index\.ts$/.test(rel)

export function checkFile(file: string, source: string, srcDir: string): Violation[] {
  const layer = layerOf(file, srcDir)
  if (!layer || /\.test\.ts$/.test(file)) return []
  const rule = ALLOWED[layer]
  const out: Violation[] = []
  for (const spec of importsOf(source)) {
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec)
      const to = layerOf(target, srcDir)
      if (!to) continue
      if (!rule.layers.includes(to)) out.push({ file, spec, why: `${layer} may not import ${to}` })
      // the composition root wires layers through their public surfaces (each folder's index.ts)
      else if (layer === 'main' && to !== 'main' && to !== 'config' && !isSurface(relative(srcDir, target)))
        out.push({ file, spec, why: `main imports ${to} through its index.ts` })
      // one adapter never reaches into another's folder
      else if (layer === 'adapters' && to === 'adapters') {
        const own = relative(srcDir, file).split(/[\\/]/)[1]
        const other = relative(srcDir, target).split(/[\\/]/)[1]
        if (own !== other && other !== 'shared')
          out.push({ file, spec, why: `adapter ${own} may not import adapter ${other}` })
      }
    } else if (
      !rule.packages.some((p) =>
        p === '' ? true : spec === p || spec.startsWith(p.endsWith('/') || p.endsWith(':') ? p : `${p}/`),
      )
    ) {
      out.push({ file, spec, why: `${layer} may not import the package ${spec}` })
    }
  }
  return out
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) {
      if (e.name !== 'generated' && e.name !== 'node_modules') yield* walk(p)
    } else if (e.name.endsWith('.ts')) yield p
  }
}

export function checkTree(srcDir: string): Violation[] {
  return [...walk(srcDir)].flatMap((f) => checkFile(f, readFileSync(f, 'utf8'), srcDir))
}

/** Where a relative import lands: `./x.ts`, or a folder's `index.ts`. */
function resolveImport(file: string, spec: string): string {
  const target = resolve(dirname(file), spec)
  return target.endsWith('.ts') ? target : join(target, 'index.ts')
}

/**
 * Import cycles among the files given (path → source), type-only imports included: a cycle of types is still one
 * module that cannot be read, tested or moved alone (the nine-file errors cycle was all `import type`). Each cycle is
 * one strongly connected component, listed from its smallest path; tests are left out.
 */
export function findCycles(files: ReadonlyMap<string, string>): string[][] {
  const edges = new Map<string, string[]>()
  for (const [file, source] of files) {
    if (/\.test\.ts$/.test(file)) continue
    const to = importsOf(source)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolveImport(file, spec))
      .filter((t) => files.has(t) && !/\.test\.ts$/.test(t))
    edges.set(file, [...new Set(to)])
  }
  // Tarjan's strongly connected components, iteratively (no recursion limit on long chains)
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const cycles: string[][] = []
  let next = 0
  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }]
    index.set(root, next)
    low.set(root, next++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; i: number }
      const out = edges.get(top.node) ?? []
      if (top.i < out.length) {
        const w = out[top.i++] as string
        if (!index.has(w)) {
          index.set(w, next)
          low.set(w, next++)
          stack.push(w)
          onStack.add(w)
          work.push({ node: w, i: 0 })
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node) as number, index.get(w) as number))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number))
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = []
        let w: string
        do {
          w = stack.pop() as string
          onStack.delete(w)
          component.push(w)
        } while (w !== top.node)
        const selfLoop = (edges.get(top.node) ?? []).includes(top.node)
        if (component.length > 1 || selfLoop) cycles.push(component.sort())
      }
    }
  }
  return cycles.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
}

export function cyclesInTree(srcDir: string): string[][] {
  return findCycles(new Map([...walk(srcDir)].map((f) => [f, readFileSync(f, 'utf8')])))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const src = resolve(import.meta.dirname, '..', 'src')
  const violations = checkTree(src)
  for (const v of violations) console.error(`${relative(process.cwd(), v.file)}: '${v.spec}' — ${v.why}`)
  const cycles = cyclesInTree(src)
  for (const c of cycles) console.error(`import cycle: ${c.map((f) => relative(process.cwd(), f)).join(' ⇄ ')}`)
  if (violations.length > 0 || cycles.length > 0) {
    if (violations.length > 0)
      console.error(`\n${violations.length} wrong-way import(s); see STYLE.md "The layout shows the architecture".`)
    if (cycles.length > 0) console.error(`${cycles.length} import cycle(s): each module must be readable alone.`)
    process.exit(1)
  }
  console.log('layers: every import points inwards, no import cycles')
}
