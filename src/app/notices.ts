import type { Role } from '../domain/roles.ts'
import type { MoneyNoticeEvent } from './money-notices.ts'

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
}

export interface CustomerRef {
  name: string
  phone: string
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
      customer: CustomerRef | null
      filingCode: string | null
    }
