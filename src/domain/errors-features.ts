/**
 * Errors of the rule modules (money, rotation, limits, units, deposits, subscriptions, fines). Ids are row ids; the
 * chat layer shows them as record codes (D3, S2, P7). `rule` names the seed rule that refuses, where one does.
 */
// Joined into FeatureError once every module's codes are settled, so the chat catalog changes once.
export type FeatureError = never

export type MoneyError =
  | { code: 'money.invalid'; input: string }
  | { code: 'money.negative'; input: string }
  | { code: 'money.zero'; input: string }
  | { code: 'money.too-precise'; input: string; maxDecimals: number }
  | { code: 'money.too-large'; input: string }

export type AreaError =
  | { code: 'area.invalid'; input: string }
  | { code: 'area.too-precise'; input: string; maxDecimals: number }

export type MonthError = { code: 'month.invalid'; input: string }

export type RotationError =
  /** No active agency at all. */
  | { code: 'rotation.no-agency'; rule: 'R3' }
  /** Every active agency was skipped: none has an agent checked in today. */
  | { code: 'rotation.nobody-checked-in'; rule: 'R3'; agencies: number }

export type LimitError =
  | { code: 'limit.agencies'; rule: 'R1'; max: number }
  | { code: 'limit.agents'; rule: 'R1'; max: number }
