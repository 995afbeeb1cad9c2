// npm run bench:render — the 销控 picture for an empty board (the baseline: header and legend only), 50, 300 and 1,000
// units, and two 1,000-unit boards asked for at once: median and p99 render time (layout, paint, PNG encoding), PNG
// size and the process's peak RSS. Each runs in its own process, bundled and started with package.json's
// config.nodeFlags as the server is. Targets: 1,000 units ≤ 300 ms median, ≤ 1 MB; peak RSS ≤ 250 MB.
// Options: --iterations N (default 40).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const ROOT = join(import.meta.dirname, '..')
const i = process.argv.indexOf('--iterations')
const ITERATIONS = i >= 0 ? Number(process.argv[i + 1]) : 40
const CHILD = join(ROOT, 'dist', 'bench-render-child.js')

interface Measured {
  units: number
  times: number[]
  cpu: number[]
  bytes: number
  rssStart: number
  rssWarm: number
  peakRss: number
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0

await build({
  entryPoints: [join(ROOT, 'scripts/bench/render-child.ts')],
  outfile: CHILD,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
})
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { config: { nodeFlags: string } }
const flags = pkg.config.nodeFlags.split(' ').filter(Boolean)

function measure(units: number, parallel = 1): Measured {
  const out = execFileSync(process.execPath, [...flags, CHILD, String(units), String(ITERATIONS), String(parallel)], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Measured
}

const cases: { name: string; units: number; parallel?: number }[] = [
  { name: 'empty board (baseline)', units: 0 },
  { name: '50 units', units: 50 },
  { name: '300 units', units: 300 },
  { name: '1,000 units', units: 1000 },
  { name: '1,000 units, 2 asked at once', units: 1000, parallel: 2 },
]
console.log(
  `node ${flags.join(' ')}; ${ITERATIONS} renders each after 3 warm-up renders; load average ${loadAverage()}`,
)
console.log(
  '| board | median ms | p99 ms | median ÷ baseline | CPU ms (median) | PNG KB | RSS before / after warm-up / peak MB |',
)
console.log('|---|---:|---:|---:|---:|---:|---:|')
let baseline = 0
for (const c of cases) {
  const m = measure(c.units, c.parallel)
  const sorted = [...m.times].sort((a, b) => a - b)
  const median = quantile(sorted, 0.5)
  if (baseline === 0) baseline = median
  const cpu = quantile(
    [...m.cpu].sort((a, b) => a - b),
    0.5,
  )
  console.log(
    `| ${c.name} | ${median.toFixed(0)} | ${quantile(sorted, 0.99).toFixed(0)} | ${(median / baseline).toFixed(1)} | ${cpu.toFixed(0)} | ${Math.round(m.bytes / 1024)} | ${m.rssStart} / ${m.rssWarm} / ${m.peakRss} |`,
  )
}
console.log(`load average after: ${loadAverage()}`)

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
}
