import { addDays, instantAt, localDateOf, periodEnd } from './calendar.ts'
import type { RuleSettings } from './settings.ts'

/** A customer's current claim: which agency owns them, since when, until when, and any deal that locks them. */
export interface Ownership {
  agencyId: number
  filingId: number | null
  since: Date
  until: Date
  /** Rule 5: a live deposit, subscription or contract locks the customer to the deal's agency. */
  dealCode: string | null
}

export type FilingVerdict =
  /** Rules 1 and 4: free, or the previous protection has ended — the filer's agency owns the customer. */
  | { kind: 'claim'; until: Date; previous: Ownership | null }
  /** Rule 2 (R12 先到访者) or rule 5 (deal lock): another agency keeps the customer; the filing is refused. */
  | { kind: 'collision'; owner: Ownership; rule: 'R12' | 'R13' }
  /** Rule 3: already the filer's agency's; a second 报备 does not renew (only a visit does). */
  | { kind: 'already-owned'; owner: Ownership }

/** Whether a claim protects its customer at `now`: a deal lock never lapses; otherwise `now < until`. */
export function isProtected(o: Ownership | null, now: Date): o is Ownership {
  return o !== null && (o.dealCode !== null || now.getTime() < o.until.getTime())
}

/**
 * R12 ownership of a filing at `now`. Protection lasts `protectionDays` counting the filing's local date as day 1
 * and ends at 00:00 of the day after; at that instant the customer is free for the next filer.
 */
export function decideFiling(
  current: Ownership | null,
  filerAgencyId: number,
  now: Date,
  protectionDays: number,
  tz: string,
): FilingVerdict {
  if (isProtected(current, now)) {
    if (current.agencyId === filerAgencyId) return { kind: 'already-owned', owner: current }
    return { kind: 'collision', owner: current, rule: current.dealCode !== null ? 'R13' : 'R12' }
  }
  return { kind: 'claim', until: periodEnd(now, protectionDays, tz), previous: current }
}

export type VisitVerdict =
  | { kind: 'renew'; until: Date; previousUntil: Date }
  | { kind: 'not-protected'; previous: Ownership | null }

/**
 * Rule 3: the secretary's visit registration renews the owning agency's protection from the visit's day (day 1).
 * A renewal never shortens a protection; a customer nobody protects must be filed first.
 */
export function decideVisit(current: Ownership | null, now: Date, protectionDays: number, tz: string): VisitVerdict {
  if (!isProtected(current, now)) return { kind: 'not-protected', previous: current }
  const renewed = periodEnd(now, protectionDays, tz)
  const until = renewed.getTime() > current.until.getTime() ? renewed : current.until
  return { kind: 'renew', until, previousUntil: current.until }
}

/**
 * The "protection ends in N days" reminder (N = settings.protectionReminderDays): at protectionReminderTime (09:00)
 * local on the date N days before the end's date — a protection ending 12-16 00:00 is reminded 12-14 09:00, with 12-14
 * and 12-15 left. Null when that instant is not after `since` (the filing or renewal).
 */
export function protectionReminderAt(
  since: Date,
  until: Date,
  settings: Pick<RuleSettings, 'protectionReminderDays' | 'protectionReminderTime'>,
  tz: string,
): Date | null {
  const { hour, minute } = settings.protectionReminderTime
  const at = instantAt(addDays(localDateOf(until, tz), -settings.protectionReminderDays), tz, hour, minute)
  return at.getTime() > since.getTime() ? at : null
}

export type FilingError =
  | { code: 'filing.collision'; rule: 'R12' | 'R13'; until: Date | null; auditCode: string }
  | { code: 'visit.not-protected'; phone: string }
  | { code: 'whatif.other-agency'; name: string }
