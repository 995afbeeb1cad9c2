import { err, ok, type Result } from './result.ts'
import type { RuleSettings } from './settings.ts'

/**
 * R1 "现场暂时只招20家分销": adding or re-activating an agency when `activeAgencies` are already active. At the limit it
 * is refused; `remaining` is how many may still join after this one.
 */
export function checkAgencyLimit(
  activeAgencies: number,
  settings: Pick<RuleSettings, 'maxAgencies'>,
): Result<{ remaining: number }, LimitError> {
  if (activeAgencies >= settings.maxAgencies)
    return err({ code: 'limit.agencies', rule: 'R1', max: settings.maxAgencies })
  return ok({ remaining: settings.maxAgencies - activeAgencies - 1 })
}

/**
 * R1 "每家分销配1-2个销售": adding or re-activating an agent of an agency that has `activeAgents` active agents
 * (forfeited and inactive ones do not count). At the limit it is refused.
 */
export function checkAgentLimit(
  activeAgents: number,
  settings: Pick<RuleSettings, 'maxAgentsPerAgency'>,
): Result<{ remaining: number }, LimitError> {
  if (activeAgents >= settings.maxAgentsPerAgency)
    return err({ code: 'limit.agents', rule: 'R1', max: settings.maxAgentsPerAgency })
  return ok({ remaining: settings.maxAgentsPerAgency - activeAgents - 1 })
}

export type LimitError =
  | { code: 'limit.agencies'; rule: 'R1'; max: number }
  | { code: 'limit.agents'; rule: 'R1'; max: number }
