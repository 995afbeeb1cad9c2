import type { Log } from './log.ts'
import type { LeaderLock } from './ports.ts'

/** A connection only the leader may hold: started when this instance takes the lock, stopped when it loses it. */
export interface LeaderTask {
  /** Starts in the background; resolves once started (not connected). */
  start(): Promise<void>
  /** Stops and waits for what is in flight (a poll's confirmation, a reply being sent). */
  stop(): Promise<void>
}

export interface Leadership {
  /** True while this instance holds the lock (and so runs the task). */
  leading(): boolean
  /** Stops the task, then releases the lock, so a standby takes over at its next try. */
  stop(): Promise<void>
}

export interface LeadershipOptions {
  name: string
  lock: LeaderLock
  task: LeaderTask
  log: Log
  /** How often a standby tries to take the lock and a leader checks it still holds it. */
  everyMs?: number
}

/**
 * Runs `task` while this instance holds `lock`: a standby tries every `everyMs` (5 s), so it takes over within that
 * much of the lock coming free (at once when a leader process dies; see leaderLock for a dead machine); a leader
 * checks as often, and stops the task as soon as the lock is gone, so two instances overlap for at most that long.
 */
export function runWhileLeader(opts: LeadershipOptions): Leadership {
  const everyMs = opts.everyMs ?? 5_000
  let leading = false
  let running = true
  let wake: (() => void) | null = null

  async function turn() {
    if (!leading) {
      if (!(await opts.lock.tryAcquire())) return
      leading = true
      opts.log('leader.acquired', { connection: opts.name })
      await opts.task.start()
    } else if (!(await opts.lock.held())) {
      leading = false
      opts.log('leader.lost', { connection: opts.name }, 'warn')
      await opts.task.stop()
    }
  }

  const loop = (async () => {
    while (running) {
      try {
        await turn()
      } catch (e) {
        opts.log('leader.error', { connection: opts.name, error: e }, 'error')
      }
      if (!running) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })()

  return {
    leading: () => leading,
    async stop() {
      running = false
      wake?.()
      await loop
      if (leading) await opts.task.stop()
      leading = false
      await opts.lock.release()
    },
  }
}
