import type { Actor, TimedKind, TimedRun } from './ports.ts'

/** The actor of every timed transition: recorded in the audit as `scheduler:<instance>`. */
export function schedulerActor(instanceId: string): Actor {
  return {
    identity: `scheduler:${instanceId}`,
    staffId: null,
    name: '系统',
    role: 'admin',
    agencyId: null,
    agencyName: null,
    status: 'active',
  }
}

/** A timed run's unique key: kind, subject and due instant (or period). */
export const runKey = (kind: TimedKind, subject: string, due: Date | string): string =>
  `${kind}:${subject}:${typeof due === 'string' ? due : due.toISOString()}`

/**
 * Thrown inside a timed use case's transaction when its key turned out to be recorded already (another instance
 * committed it first): the transaction rolls back whatever it did, and the scheduler moves on.
 */
export class AlreadyDone extends Error {
  override name = 'AlreadyDone'
  constructor(readonly run: TimedRun) {
    super(`${run.key} was already done`)
  }
}
