import { err, ok, type Result } from './result.ts'

/**
 * What cannot be undone (劝退, a fine that dismisses the agency) first says what will happen and waits for
 * `确认 <码>` from the same person. A code is good from its creation until `createdAt + confirmMinutes`, that instant
 * excluded (10 min − 1 ms: yes; 10 min: no), once.
 */
export interface PendingConfirmation {
  id: number
  /** platform:userId of whoever asked */
  actor: string
  actorStaffId: number | null
  actorName: string
  command: string
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  outcome: 'done' | 'refused' | null
  auditCode: string | null
}

export type ConfirmationError =
  | { code: 'confirm.not-found'; ref: string }
  /** Someone else asked for it: only they may confirm. */
  | { code: 'confirm.other-person'; ref: string; ownerName: string }
  | { code: 'confirm.expired'; ref: string; expiredAt: Date; minutes: number; command: string }
  /** A second 确认 of one code: it was applied (or found impossible) once, at `usedAt`. */
  | {
      code: 'confirm.used'
      ref: string
      usedAt: Date
      outcome: 'done' | 'refused'
      auditCode: string | null
    }

export const confirmationExpiry = (createdAt: Date, minutes: number): Date =>
  new Date(createdAt.getTime() + minutes * 60_000)

/** The same person: the same staff record on any platform, or the same account for an admin without one. */
export const samePerson = (c: Pick<PendingConfirmation, 'actor' | 'actorStaffId'>, by: ConfirmingActor) =>
  c.actorStaffId !== null ? c.actorStaffId === by.staffId : c.actor === by.identity

export interface ConfirmingActor {
  identity: string
  staffId: number | null
}

/**
 * Whether `by` may apply confirmation `c` at `now`. Checked in this order: another person (told nothing more), then
 * already used (a second 确认 says what the first one did), then expired.
 */
export function checkConfirmation(
  c: PendingConfirmation,
  ref: string,
  by: ConfirmingActor,
  now: Date,
): Result<null, ConfirmationError> {
  if (!samePerson(c, by)) return err({ code: 'confirm.other-person', ref, ownerName: c.actorName })
  if (c.usedAt !== null)
    return err({ code: 'confirm.used', ref, usedAt: c.usedAt, outcome: c.outcome ?? 'done', auditCode: c.auditCode })
  if (now.getTime() >= c.expiresAt.getTime())
    return err({
      code: 'confirm.expired',
      ref,
      expiredAt: c.expiresAt,
      minutes: Math.round((c.expiresAt.getTime() - c.createdAt.getTime()) / 60_000),
      command: c.command,
    })
  return ok(null)
}
