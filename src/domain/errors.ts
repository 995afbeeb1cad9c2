import type { MonthError } from './commission.ts'
import type { ConfirmationError } from './confirmation.ts'
import type { ScheduleError } from './cron.ts'
import type { DepositError } from './deposit.ts'
import type { FilingError } from './filing.ts'
import type { DismissalError, FineError } from './fines.ts'
import type { LimitError } from './limits.ts'
import type { MaskedError } from './masked-filing.ts'
import type { AreaError, MoneyError } from './money.ts'
import type { PeriodError } from './report.ts'
import type { RotationError } from './rotation.ts'
import type { ScheduleWordsError } from './schedule-words.ts'
import type { SettlementError } from './settlement.ts'
import type { CommonError, SetupError } from './setup.ts'
import type { SubscriptionError } from './subscription.ts'
import type { UnitError } from './unit.ts'

export type { CommonError, DismissalCause, SetupError } from './setup.ts'

/**
 * Every refusal a rule or use case can give, as a code with data and no text. chat/reply/errors.ts maps each code to
 * Chinese; a missing entry is a compile error. `rule` names the seed rule (R1…R22) that refused, where one did. Each
 * module owns its union; this file only joins them (and no domain module imports it back).
 */
export type DomainError =
  | CommonError
  | SetupError
  | FilingError
  | MoneyError
  | AreaError
  | MonthError
  | RotationError
  | LimitError
  | UnitError
  | DepositError
  | SubscriptionError
  | FineError
  | DismissalError
  | ScheduleError
  | ScheduleWordsError
  | ConfirmationError
  | PeriodError
  | MaskedError
  | SettlementError
