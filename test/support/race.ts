import { spawn } from 'node:child_process'
import { join } from 'node:path'

const WORKER = join(import.meta.dirname, '..', 'concurrency', 'race-worker.ts')

export interface RaceJob {
  url: string
  projectId: number
  /** What each worker runs, all at once once every worker is ready. */
  tasks: RaceTask[]
}

export type RaceTask =
  | { op: 'file'; agencyId: number; staffId: number; name: string; phone: string }
  | { op: 'lead'; staffId: number }
  | { op: 'fine'; staffId: number; who: string; fineCode: '派单' | '培训' }
  | { op: 'reverse'; staffId: number; fineId: number }
  | { op: 'deposit'; agencyId: number; staffId: number; unitCode: string; phone: string }
  | { op: 'confirm'; staffId: number; ref: string }
  | { op: 'file-masked'; agencyId: number; staffId: number; name: string; mask: string }
  | { op: 'pay'; staffId: number; agencyName: string; month: string; amountFen: number }

export type RaceResult = { ok: boolean; code?: string; detail?: unknown }

/**
 * Runs tasks in `processes` separate Node processes, each with its own database connection(s), released together
 * by a barrier: the race is between real connections, as between server instances, not between awaits of one.
 */
export async function race(processes: number, job: RaceJob): Promise<RaceResult[]> {
  const shares: RaceTask[][] = Array.from({ length: processes }, () => [])
  for (const [i, t] of job.tasks.entries()) shares[i % processes]?.push(t)
  const children = shares.map(() =>
    spawn(process.execPath, ['--import', 'tsx', WORKER], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env },
    }),
  )
  const outputs = children.map(
    (child) =>
      new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d) => {
          out += d
        })
        child.on('error', reject)
        child.on('exit', (code) =>
          code === 0 ? resolve(out) : reject(new Error(`race worker exited ${code}: ${out}`)),
        )
      }),
  )
  const ready = children.map(
    (child) =>
      new Promise<void>((resolve) => {
        const onData = (d: Buffer) => {
          if (d.toString().includes('READY')) {
            child.stdout.off('data', onData)
            resolve()
          }
        }
        child.stdout.on('data', onData)
      }),
  )
  for (const [i, child] of children.entries()) child.stdin.write(`${JSON.stringify({ ...job, tasks: shares[i] })}\n`)
  await Promise.all(ready)
  for (const child of children) child.stdin.end('GO\n')
  const outs = await Promise.all(outputs)
  const results: RaceResult[] = []
  for (const out of outs) {
    const line = out.split('\n').find((l) => l.startsWith('RESULTS '))
    if (!line) throw new Error(`no results from a race worker: ${out}`)
    results.push(...(JSON.parse(line.slice('RESULTS '.length)) as RaceResult[]))
  }
  return results
}
