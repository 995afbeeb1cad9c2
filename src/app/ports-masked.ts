import type { Ownership } from '../domain/filing.ts'
import type { MaskedClaim } from '../domain/masked-filing.ts'
import type { PhoneMask } from '../domain/phone-mask.ts'

/** A masked filing (隐号报备) row. */
export interface MaskedFilingRecord extends MaskedClaim {
  projectId: number
  name: string
  filedBy: number | null
  note: string | null
  /** the full filing a visit completed it into */
  filingId: number | null
}

export interface MaskedFilingRepo {
  /**
   * Takes the row lock of a mask (an upsert) until the transaction ends: a full filing and a masked filing of one mask
   * at once are ordered by it, and the second reads what the first wrote.
   */
  lockMask(projectId: number, mask: PhoneMask): Promise<void>
  byId(id: number): Promise<MaskedFilingRecord | null>
  /** Rows still marked live of one mask in the project (any surname), oldest first; lapse is the caller's to judge. */
  liveOfMask(projectId: number, mask: PhoneMask): Promise<MaskedFilingRecord[]>
  /**
   * Frees the live key of a filing that has lapsed by `now` (the sweep may not have marked it yet), so a new masked
   * filing of the same mask and surname can take it; the row stays live until the sweep marks and announces it.
   */
  releaseLapsedKey(projectId: number, key: string, now: Date): Promise<void>
  /** Inserts a live filing holding `liveKey`; a concurrent one with the same key makes the insert fail (re-run). */
  add(f: Omit<MaskedFilingRecord, 'id' | 'status' | 'filingId'> & { liveKey: string }): Promise<MaskedFilingRecord>
  /** live → completed (into `filingId`); throws Conflict when the row is no longer live. */
  complete(id: number, filingId: number, at: Date): Promise<void>
  /** live → lapsed when lapsed by `now`; false when another run marked it or it is not due. */
  markLapsed(id: number, now: Date): Promise<boolean>
  /** Live rows whose lapse has come, oldest lapse first. */
  lapseDue(projectId: number, now: Date, limit: number): Promise<MaskedFilingRecord[]>
  /** Live rows of an agency (the caller judges the instant), soonest lapse first. */
  liveOfAgency(agencyId: number, limit: number): Promise<MaskedFilingRecord[]>
  /** Ids of the customers whose number has this mask. */
  customersWithMask(projectId: number, mask: PhoneMask): Promise<number[]>
  /** 撞单 involving a masked filing: the customer when the number is known, else the mask and name as typed. */
  addCollision(c: {
    projectId: number
    customerId: number | null
    maskedPhone: string | null
    maskedName: string | null
    owner: Ownership
    challengerAgencyId: number
    challengerStaffId: number
    attemptedAt: Date
    auditCode: string
  }): Promise<void>
}
