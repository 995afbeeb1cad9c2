import type { Clock } from '../../src/app/ports.ts'

/** A clock that moves only when the test says so. */
export class ManualClock implements Clock {
  #now: number
  constructor(start: string | Date) {
    this.#now = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.#now)
  }
  set(at: string | Date): void {
    this.#now = new Date(at).getTime()
  }
  advance(ms: number): void {
    this.#now += ms
  }
}
