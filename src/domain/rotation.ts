import { isProtected, type Ownership } from './filing.ts'
import { err, ok, type Result } from './result.ts'

/** An active agency's place in the walk-in/call rotation (R3) and whether any of its agents checked in today. */
export interface RotationSlot {
  agencyId: number
  /** Fixed at the agency's creation and never reused; dismissed agencies are simply absent. */
  seq: number
  checkedInToday: boolean
}

export interface RotationSkip {
  agencyId: number
  seq: number
  /** 轮空: no agent of the agency checked in today. */
  reason: 'no-check-in'
}

export interface RotationTurn {
  assigned: RotationSlot
  /** Agencies passed over before the assigned one, in rotation order. */
  skipped: RotationSkip[]
  /** The pointer to persist: the assigned agency's seq. */
  lastSeq: number
}

/**
 * The rotation order after the pointer: the first seq greater than `lastSeq`, then upwards, wrapping to the lowest.
 * The pointer keeps its place when agencies join (a new, higher seq) or leave (their seq is simply absent).
 */
export function rotationOrder<T extends { seq: number }>(slots: readonly T[], lastSeq: number): T[] {
  const sorted = [...slots].sort((a, b) => a.seq - b.seq)
  const start = sorted.findIndex((s) => s.seq > lastSeq)
  return start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)]
}

/**
 * R3 "分销按家数分配": a walk-in or call goes to the next agency in seq order after `lastSeq`; an agency with no agent
 * checked in today is skipped (轮空) and loses that turn. Nobody checked in anywhere → an error, the pointer stays.
 */
export function nextTurn(slots: readonly RotationSlot[], lastSeq: number): Result<RotationTurn, RotationError> {
  if (slots.length === 0) return err({ code: 'rotation.no-agency', rule: 'R3' })
  const skipped: RotationSkip[] = []
  for (const slot of rotationOrder(slots, lastSeq)) {
    if (slot.checkedInToday) return ok({ assigned: slot, skipped, lastSeq: slot.seq })
    skipped.push({ agencyId: slot.agencyId, seq: slot.seq, reason: 'no-check-in' })
  }
  return err({ code: 'rotation.nobody-checked-in', rule: 'R3', agencies: slots.length })
}

export type LeadRoute = { kind: 'owner'; owner: Ownership } | { kind: 'rotation' }

/**
 * R3 with R12: a caller or visitor already protected (until the end instant, or deal-locked) goes to the owning
 * agency without using a turn; anyone else goes to the rotation.
 */
export function routeLead(current: Ownership | null, now: Date): LeadRoute {
  return isProtected(current, now) ? { kind: 'owner', owner: current } : { kind: 'rotation' }
}

/** The seq of a new agency: one past every seq ever given in the project (dismissed agencies included). */
export function nextAgencySeq(existingSeqs: readonly number[]): number {
  return existingSeqs.reduce((max, s) => Math.max(max, s), 0) + 1
}

export type RotationError =
  /** No active agency at all. */
  | { code: 'rotation.no-agency'; rule: 'R3' }
  /** Every active agency was skipped: none has an agent checked in today. */
  | { code: 'rotation.nobody-checked-in'; rule: 'R3'; agencies: number }
