import { periodEnd } from './calendar.ts'
import { isProtected, type Ownership } from './filing.ts'
import type { MaskError, PhoneMask } from './phone-mask.ts'
import type { RuleSettings } from './settings.ts'

export type MaskedError =
  | MaskError
  /** The project has not switched 隐号报备 on (settings.maskedFiling). */
  | { code: 'masked.off' }
  /** 到访 of a number that live masked filings match, with no name to compare their surnames with. */
  | { code: 'visit.name-required'; phone: string }
  /** 到访: live masked filings match the number but none the surname, and nobody else protects the customer. */
  | { code: 'visit.surname-mismatch'; phone: string; surname: string }

/** A masked filing (隐号报备) as the rules see it. */
export interface MaskedClaim {
  id: number
  agencyId: number
  mask: PhoneMask
  surname: string
  filedAt: Date
  protectedUntil: Date
  lapsesAt: Date
  status: 'live' | 'completed' | 'lapsed'
}

/**
 * Whether a masked filing still protects at `now`: not completed, not marked lapsed, and `now` before both its lapse
 * (settings.maskedLapseDays) and its protection end. Derived from the instant: the sweep only marks and tells.
 */
export function isMaskedLive(m: MaskedClaim, now: Date): boolean {
  const t = now.getTime()
  return m.status === 'live' && t < m.lapsesAt.getTime() && t < m.protectedUntil.getTime()
}

/** The end of a live masked filing's claim: its lapse, or its protection end if that comes first. */
export const maskedUntil = (m: MaskedClaim) =>
  m.lapsesAt.getTime() < m.protectedUntil.getTime() ? m.lapsesAt : m.protectedUntil

/** The key two live masked filings of one customer would share (mask and surname). */
export const maskedKey = (mask: PhoneMask, surname: string) => `${mask.head}${mask.tail}${surname}`

/** The masked claim as an Ownership, so collisions read the same whatever kind of filing won. */
export const maskedOwnership = (m: MaskedClaim): Ownership => ({
  agencyId: m.agencyId,
  filingId: null,
  since: m.filedAt,
  until: maskedUntil(m),
  dealCode: null,
})

export type MaskedFilingVerdict =
  /** Protection from the filing's instant for the usual period; lapses unless a visit completes it. */
  | { kind: 'claim'; protectedUntil: Date; lapsesAt: Date }
  /** R12 first filing wins: a live masked filing or a protected customer of another agency matches. */
  | { kind: 'collision'; owner: Ownership; rule: 'R12' | 'R13'; maskedId: number | null }
  /** The filer's agency already has a live masked filing of this mask and surname. */
  | { kind: 'already-filed'; masked: MaskedClaim }

/**
 * 隐号报备 (R12 with masked numbers): `live` is the live masked filing of the same mask and surname, if any;
 * `customers` the current ownership of every known customer whose number has this mask and whose name this surname.
 * Another agency's claim on either is a collision (first filing wins); otherwise the filer's agency is protected from
 * now for settings.protectionDays and the filing lapses after settings.maskedLapseDays (both: the filing's day is
 * day 1, the end at 00:00 local).
 */
export function decideMaskedFiling(
  input: { live: MaskedClaim | null; customers: readonly (Ownership | null)[]; filerAgencyId: number; now: Date },
  settings: Pick<RuleSettings, 'protectionDays' | 'maskedLapseDays'>,
  tz: string,
): MaskedFilingVerdict {
  const { live, now, filerAgencyId } = input
  if (live && isMaskedLive(live, now)) {
    if (live.agencyId === filerAgencyId) return { kind: 'already-filed', masked: live }
    return { kind: 'collision', owner: maskedOwnership(live), rule: 'R12', maskedId: live.id }
  }
  const owner = input.customers.find((o) => isProtected(o, now) && o.agencyId !== filerAgencyId)
  if (owner) return { kind: 'collision', owner, rule: owner.dealCode === null ? 'R12' : 'R13', maskedId: null }
  return {
    kind: 'claim',
    protectedUntil: periodEnd(now, settings.protectionDays, tz),
    lapsesAt: periodEnd(now, settings.maskedLapseDays, tz),
  }
}

export type CompletionVerdict<M extends MaskedClaim = MaskedClaim> =
  /** The masked filing's agency owns the customer: from the masked filing's instant, renewed by this visit. */
  | { kind: 'complete'; masked: M }
  /** The customer's current owner filed first (or a deal locks them): the masked filing does not take the customer. */
  | { kind: 'owner-first'; masked: M; owner: Ownership }
  | { kind: 'none' }

/**
 * 到访 completing a masked filing: among the live masked filings matching the full number's first three and last four
 * digits and the customer's surname, the earliest wins — unless the customer's current protection by another
 * agency began before it or a deal locks them to another agency (R12 first filing wins, R13).
 */
export function decideCompletion<M extends MaskedClaim>(
  matching: readonly M[],
  current: Ownership | null,
  now: Date,
): CompletionVerdict<M> {
  const live = matching
    .filter((m) => isMaskedLive(m, now))
    .sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime() || a.id - b.id)
  const first = live[0]
  if (!first) return { kind: 'none' }
  if (isProtected(current, now) && current.agencyId !== first.agencyId) {
    if (current.dealCode !== null || current.since.getTime() <= first.filedAt.getTime())
      return { kind: 'owner-first', masked: first, owner: current }
  }
  return { kind: 'complete', masked: first }
}
