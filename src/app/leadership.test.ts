import { describe, expect, it } from 'vitest'
import { runWhileLeader } from './leadership.ts'
import type { LeaderLock } from './ports.ts'

/** A lock that two instances share in memory, like one advisory lock on one database. */
function sharedLock() {
  let holder: object | null = null
  const make = (): LeaderLock & { kill(): void } => {
    const me = {}
    return {
      async tryAcquire() {
        if (holder === null) holder = me
        return holder === me
      },
      async held() {
        return holder === me
      },
      async release() {
        if (holder === me) holder = null
      },
      kill() {
        if (holder === me) holder = null
      },
    }
  }
  return { make }
}

function recordingTask(name: string, events: string[]) {
  return {
    async start() {
      events.push(`${name} start`)
    },
    async stop() {
      events.push(`${name} stop`)
    },
  }
}

const until = async (ok: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('runWhileLeader', () => {
  it('runs the task on one instance only; the standby takes over when the leader loses the lock', async () => {
    const events: string[] = []
    const shared = sharedLock()
    const lockA = shared.make()
    const a = runWhileLeader({ name: 'x', lock: lockA, task: recordingTask('a', events), log: () => {}, everyMs: 10 })
    await until(() => a.leading())
    const b = runWhileLeader({
      name: 'x',
      lock: shared.make(),
      task: recordingTask('b', events),
      log: () => {},
      everyMs: 10,
    })
    await new Promise((r) => setTimeout(r, 60))
    expect([a.leading(), b.leading()]).toEqual([true, false])
    expect(events).toEqual(['a start'])

    lockA.kill() // its database session died: the standby may start before the old leader notices (one period)
    await until(() => b.leading())
    await until(() => !a.leading())
    expect([...events].sort()).toEqual(['a start', 'a stop', 'b start'])
    await a.stop()
    await b.stop()
    expect(events.slice(3)).toEqual(['b stop'])
  })

  it('stops the task before releasing the lock, so the next leader starts after the last one stopped', async () => {
    const events: string[] = []
    const shared = sharedLock()
    const a = runWhileLeader({
      name: 'x',
      lock: shared.make(),
      task: recordingTask('a', events),
      log: () => {},
      everyMs: 10,
    })
    await until(() => a.leading())
    const b = runWhileLeader({
      name: 'x',
      lock: shared.make(),
      task: recordingTask('b', events),
      log: () => {},
      everyMs: 10,
    })
    await a.stop()
    await until(() => b.leading())
    await b.stop()
    expect(events).toEqual(['a start', 'a stop', 'b start', 'b stop'])
  })

  it('keeps trying after a failing take, logging it', async () => {
    let calls = 0
    const logged: string[] = []
    const lock: LeaderLock = {
      async tryAcquire() {
        calls++
        if (calls < 3) throw new Error('database down')
        return true
      },
      held: async () => true,
      release: async () => {},
    }
    const l = runWhileLeader({ name: 'x', lock, task: recordingTask('t', []), log: (e) => logged.push(e), everyMs: 5 })
    await until(() => l.leading())
    await l.stop()
    expect(logged).toEqual(['leader.error', 'leader.error', 'leader.acquired'])
  })
})
