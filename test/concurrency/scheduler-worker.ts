// One scheduler instance in its own process: reads {url, now, instanceId, batch} on stdin, opens its own
// connections, prints READY, waits for GO, runs the protection-reminder job at `now`, printing `Q` after every
// committed reminder, then `DONE <report>`. Spawned by scheduler-race.test.ts (which may SIGKILL it mid-batch).
import { createInterface } from 'node:readline'
import { openStore } from '../../src/db/store.ts'
import { createScheduler, jobNamed } from '../../src/scheduler/index.ts'

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const job = JSON.parse((await lines.next()).value as string) as {
  url: string
  now: string
  instanceId: string
  batch: number
}
const store = await openStore(job.url, { poolSize: 2 })
const now = new Date(job.now)
const scheduler = createScheduler({
  store,
  clock: { now: () => now },
  instanceId: job.instanceId,
  timezone: 'Asia/Shanghai',
  batch: job.batch,
  onQueued: () => process.stdout.write('Q\n'),
})
process.stdout.write('READY\n')
await lines.next()
const report = await jobNamed('protection-reminders').run(scheduler.deps, now)
process.stdout.write(`DONE ${JSON.stringify(report)}\n`)
await store.close()
process.exit(0)
