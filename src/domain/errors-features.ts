import type { DepositStatus, RefundStatus } from './deposit.ts'
import type { FineCode } from './fines.ts'
import type { SubscriptionStatus } from './subscription.ts'
import type { UnitStatus } from './unit.ts'

/**
 * Errors of the rule modules (money, rotation, limits, units, deposits, subscriptions, fines). Ids are row ids; the
 * chat layer shows them as record codes (D3, S2, P7). `rule` names the seed rule that refuses, where one does.
 */
export type FeatureError =
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

export type MoneyError =
  | { code: 'money.invalid'; input: string }
  | { code: 'money.negative'; input: string }
  | { code: 'money.zero'; input: string }
  | { code: 'money.too-precise'; input: string; maxDecimals: number }
  | { code: 'money.too-large'; input: string }

export type AreaError =
  | { code: 'area.invalid'; input: string }
  | { code: 'area.too-precise'; input: string; maxDecimals: number }

export type MonthError =
  | { code: 'month.invalid'; input: string }
  /** A statement of a month that has not begun. */
  | { code: 'month.future'; month: string; current: string }

export type RotationError =
  /** No active agency at all. */
  | { code: 'rotation.no-agency'; rule: 'R3' }
  /** Every active agency was skipped: none has an agent checked in today. */
  | { code: 'rotation.nobody-checked-in'; rule: 'R3'; agencies: number }

export type LimitError =
  | { code: 'limit.agencies'; rule: 'R1'; max: number }
  | { code: 'limit.agents'; rule: 'R1'; max: number }

export type UnitField = 'code' | 'area' | 'listPrice' | 'floorPrice' | 'basement'

export type UnitError =
  | { code: 'unit.code-invalid'; input: string }
  /** A field of `/unit add` or of a CSV row; `reason` is the money/area code, or 'invalid'. */
  | {
      code: 'unit.field-invalid'
      field: UnitField
      input: string
      reason: MoneyError['code'] | AreaError['code'] | 'invalid'
    }
  | { code: 'unit.fields-count'; expected: readonly number[]; got: number }
  | { code: 'unit.floor-above-list'; floorPriceFen: number; listPriceFen: number }
  | { code: 'unit.duplicate'; unitCode: string; firstLine: number }
  | { code: 'unit.csv-empty' }
  /**
   * R14 "无定金不封房" and no second hold: the unit is not (effectively) available. A unit the secretary locked is
   * refused under R18 (销控以现场秘书为主), the rule that locked it.
   */
  | { code: 'unit.not-available'; rule: 'R14' | 'R18'; unitCode: string; status: UnitStatus; heldUntil: Date | null }
  /** Any other illegal status move (sign a unit that is not subscribed, unlock one that is not locked…). */
  | { code: 'unit.transition'; unitCode: string; from: UnitStatus; to: UnitStatus }
  | { code: 'unit.not-found'; unitCode: string }
  /** `/unit add` or a CSV import of a code the project already has. */
  | { code: 'unit.exists'; unitCode: string }

export type DepositError =
  | { code: 'deposit.kind-invalid'; input: string }
  | { code: 'deposit.not-pending'; depositId: number; status: DepositStatus }
  /** R14: the hold has ended (the deposit day as day 1); it can no longer be approved, refunded or subscribed. */
  | { code: 'deposit.hold-ended'; rule: 'R14'; depositId: number; heldUntil: Date }
  | { code: 'refund.not-refundable'; depositId: number; status: DepositStatus }
  | { code: 'refund.subscription-exists'; depositId: number; subscriptionId: number; status: SubscriptionStatus }
  | { code: 'refund.already-requested'; depositId: number; refundId: number }
  | { code: 'refund.not-pending'; refundId: number; status: RefundStatus }
  /** An agent acting on a deal (退定, 认购) of another agency than their own. */
  | { code: 'deposit.other-agency'; depositId: number }

export type SubscriptionError =
  | { code: 'subscription.deposit-not-approved'; depositId: number; status: DepositStatus }
  | { code: 'subscription.unit-not-held'; depositId: number; unitCode: string; status: UnitStatus }
  | { code: 'subscription.exists'; depositId: number; subscriptionId: number; status: SubscriptionStatus }
  /** R8: nobody may promise below the signing floor. */
  | { code: 'subscription.below-floor'; rule: 'R8'; priceFen: number; floorPriceFen: number }
  | { code: 'subscription.not-pending'; subscriptionId: number; status: SubscriptionStatus }
  | { code: 'signing.not-approved'; subscriptionId: number; status: SubscriptionStatus }
  /** `签约 S…` again after it was signed: the contract that already holds it. */
  | { code: 'signing.already-signed'; subscriptionId: number; contractId: number; signedAt: Date }

export type FineError =
  | { code: 'fine.unknown-code'; input: string }
  /** The manager sets this fine's amount (R6 不配合) and gave none. */
  | { code: 'fine.amount-required'; fineCode: FineCode }
  /** An amount was given for a fine whose amount comes from the catalogue. */
  | { code: 'fine.amount-not-allowed'; fineCode: FineCode }
  /** A quantity was given for a fine counted once per occurrence. */
  | { code: 'fine.quantity-not-allowed'; fineCode: FineCode }
  /** Pages or customers must be a whole number from 1 to `max`. */
  | { code: 'fine.quantity-invalid'; fineCode: FineCode; max: number }
  /** "Serious" (R6 情节严重) applies to 不配合 only. */
  | { code: 'fine.severe-not-allowed'; fineCode: FineCode }
  /** The fine counts per agent (态度, 工服): an agent must be named, not only the agency. */
  | { code: 'fine.agent-required'; fineCode: FineCode }
  /** R20: the uniform fee is charged once per agent. */
  | { code: 'fine.uniform-already-charged'; rule: 'R20'; staffId: number; fineId: number }
  /** `罚款 <姓名或分销>`: neither an agency nor an agent of this project has that name. */
  | { code: 'fine.target-not-found'; name: string }
  | { code: 'reversal.not-found'; fineId: number }
  | { code: 'reversal.of-reversal'; fineId: number }
  | { code: 'reversal.already-reversed'; fineId: number; reversalId: number }

/** 劝退 (R4, R11, R13, R6): a dismissed agency takes no more fines and cannot be dismissed again. */
export type DismissalError =
  | { code: 'agency.dismissed'; name: string; since: Date | null }
  /** Anything but a fine or 劝退 asked of a dismissed agency (报备 for it, its statement). */
  | { code: 'agency.not-active'; name: string; since: Date | null }
