import type { Role } from '../domain/roles.ts'
import type { DeskNoticeEvent } from './desk-notices.ts'
import type { MaskedNoticeEvent } from './masked-notices.ts'
import type { MoneyNoticeEvent } from './money-notices.ts'
import type { SettlementNoticeEvent } from './settlement-notices.ts'
import type { CustomerRef, TimedNoticeEvent } from './timed-notices.ts'

export type { CustomerRef } from './timed-notices.ts'

/**
 * Who must be told, decided by the use case (a business rule); how it reads is the chat layer's job. Group messages
 * never carry a full phone number; direct messages may, to the people SPEC.md "Privacy" allows.
 */
export type Audience =
  | { to: 'groups' }
  | { to: 'role'; role: Exclude<Role, 'agent'> }
  | { to: 'agency'; agencyId: number }
  | { to: 'staff'; staffId: number }

export interface Notice {
  audience: Audience[]
  event: NoticeEvent
  /** Only by direct message: people who cannot be reached directly are not told in the groups instead. */
  directOnly?: boolean
}

export type NoticeEvent =
  | MoneyNoticeEvent
  | {
      kind: 'collision'
      customer: CustomerRef
      owner: { agencyName: string; since: Date; until: Date | null; filingCode: string | null }
      challenger: { agencyName: string; staffName: string; at: Date }
      rule: 'R12' | 'R13'
      auditCode: string
    }
  | { kind: 'announcement'; text: string; by: string; recurringCode: string | null }
  | {
      kind: 'lead-assigned'
      leadKind: 'walk-in' | 'call'
      agencyName: string
      via: 'rotation' | 'owner'
      /** The lead's number and, if the secretary gave one, the name as typed (null: no name given). */
      customer: { name: string | null; phone: string } | null
      filingCode: string | null
    }
  | SalesNoticeEvent
  | TimedNoticeEvent
  | DeskNoticeEvent
  | MaskedNoticeEvent
  | SettlementNoticeEvent

/** 销控, deposits, subscriptions and signing (R8, R13–R15, R18, R21). */
export type SalesNoticeEvent =
  /** R14: a deposit holds a unit (the group is told; the number masked there). */
  | {
      kind: 'unit-held'
      unitCode: string
      depositCode: string
      depositKind: 'big' | 'small'
      amountFen: number
      heldUntil: Date
      agencyName: string
      customer: CustomerRef
    }
  /** A unit is for sale again: deposit rejected, refunded, or its hold ended without a subscription (自动开封). */
  | {
      kind: 'unit-released'
      unitCode: string
      depositCode: string
      why: 'rejected' | 'refunded' | 'expired'
      heldUntil: Date
    }
  /** A hold ended while its 认购 waits for the manager: the unit stays held until the decision. */
  | { kind: 'hold-awaiting'; unitCode: string; depositCode: string; subscriptionCode: string; heldUntil: Date }
  | { kind: 'unit-subscribed'; unitCode: string; subscriptionCode: string; agencyName: string }
  | { kind: 'unit-signed'; unitCode: string; contractCode: string; agencyName: string; localMonth: string }
  /** R15: a deposit waits for the manager; `mismatch` (R13) when the customer is protected by another agency. */
  | {
      kind: 'deposit-requested'
      depositCode: string
      unitCode: string
      depositKind: 'big' | 'small'
      amountFen: number
      heldUntil: Date
      customer: CustomerRef
      agencyName: string
      requester: { name: string; agencyName: string | null }
      mismatch: { ownerAgencyName: string; requesterAgencyName: string } | null
      auditCode: string
    }
  /** R21: a subscription form waits for the manager. */
  | {
      kind: 'subscription-requested'
      subscriptionCode: string
      depositCode: string
      unitCode: string
      priceFen: number
      floorPriceFen: number
      listPriceFen: number
      agencyName: string
      requester: string
      auditCode: string
    }
  /** R15: a refund waits for the manager. */
  | {
      kind: 'refund-requested'
      refundCode: string
      depositCode: string
      unitCode: string
      amountFen: number
      agencyName: string
      requester: string
      auditCode: string
    }
  /** The manager's 批准/驳回, told to whoever asked. */
  | {
      kind: 'approval-decided'
      recordCode: string
      unitCode: string
      decision: 'approved' | 'rejected'
      reason: string | null
      by: string
    }
  /** 09:00 on a hold's last day (the scheduler): the hold ends tonight. */
  | { kind: 'hold-ending'; unitCode: string; depositCode: string; heldUntil: Date; agencyName: string }
