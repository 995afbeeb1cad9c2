import type { Clock } from './ports.ts'

/**
 * The server's clock: real time, or — with ANCHANG_CLOCK — real time shifted so that it read `start` when the
 * process started, running on from there.
 */
export function systemClock(start?: Date, realNow: () => number = Date.now): Clock {
  const offset = start ? start.getTime() - realNow() : 0
  return { now: () => new Date(realNow() + offset) }
}
