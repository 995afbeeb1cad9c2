// The statuses of a deal's records, apart from the rules that move them, so deposits and subscriptions can each
// name the other's without importing each other.

/**
 * pending (awaiting the manager, R15) → approved → subscribed (an approved subscription) | refunded (退定 approved);
 * pending → rejected (驳回); pending or approved → released when the hold ends without a subscription (自动开封);
 * approved → awaiting when the hold ends while a 认购 waits for the manager (the unit stays held until the decision:
 * approved → subscribed, rejected → released).
 */
export const DEPOSIT_STATUSES = [
  'pending',
  'approved',
  'awaiting',
  'rejected',
  'refunded',
  'released',
  'subscribed',
] as const
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number]

export const REFUND_STATUSES = ['pending', 'approved', 'rejected'] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

/** pending (R21: the manager checks the form first) → approved → signed (签约); pending → rejected. */
export const SUBSCRIPTION_STATUSES = ['pending', 'approved', 'rejected', 'signed'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]
