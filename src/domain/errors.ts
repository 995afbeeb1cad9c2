import type { ConfirmationError } from './confirmation.ts'
import type { ScheduleError } from './cron.ts'
import type { FeatureError, LimitError } from './errors-features.ts'
import type { PeriodError } from './report.ts'
import type { Role } from './roles.ts'
import type { ScheduleWordsError } from './schedule-words.ts'

/**
 * Every refusal a rule or use case can give, as a code with data and no text. chat/reply/zh-CN.ts maps each code to
 * Chinese; a missing entry is a compile error. `rule` names the seed rule (R1…R22) that refused, where one did.
 * Feature modules declare their own unions and this file joins them.
 */
export type DomainError =
  | CommonError
  | FilingError
  | FeatureError
  | LimitError
  | SetupError
  | ScheduleError
  | ScheduleWordsError
  | ConfirmationError
  | PeriodError

export type CommonError =
  | { code: 'phone.invalid'; input: string }
  | { code: 'role.forbidden'; allowed: readonly Role[] }
  | { code: 'staff.forfeited'; rule: 'R1' }
  | { code: 'staff.unknown' }
  | { code: 'project.unbound' }
  | { code: 'agency.not-found'; name: string }
  | { code: 'agency.required' }
  | { code: 'record.not-found'; ref: string }

export type FilingError =
  | { code: 'filing.collision'; rule: 'R12' | 'R13'; until: Date | null; auditCode: string }
  | { code: 'visit.not-protected'; phone: string }
  | { code: 'whatif.other-agency'; name: string }

export type SetupError =
  | { code: 'agency.exists'; name: string }
  /** /agency readmit of an agency that is not dismissed. */
  | { code: 'agency.not-dismissed'; name: string }
  | { code: 'join.invalid' }
  | { code: 'join.in-group'; command: string }
  | { code: 'staff.no-direct'; command: string }
  | { code: 'staff.agency-dismissed'; name: string; agencyName: string; since: Date | null }
  | { code: 'staff.not-found'; name: string }
  | { code: 'staff.ambiguous'; name: string; count: number }
  | { code: 'staff.not-forfeited'; name: string }
  | { code: 'project.not-found'; name: string }
  | { code: 'group.direct-only' }
  | { code: 'group.only' }
  | { code: 'settings.unknown'; path: string }
  | { code: 'settings.invalid'; path: string; input: string }
  /** A limit below what is on site now (R1): `active` agencies, or agents of `agencyName`. */
  | { code: 'settings.conflict'; path: string; value: number; active: number; agencyName: string | null }
