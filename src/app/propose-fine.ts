import { localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { ok, type Result } from '../domain/result.ts'
import { agentsStopped, askConfirmation, type ConfirmationAsked } from './ask-confirmation.ts'
import { type IssuedFine, type IssueFineInput, issueFine, planFine } from './issue-fine.ts'
import type { CommandContext, Tx } from './ports.ts'

export type FineOutcome = { kind: 'issued'; fine: IssuedFine } | { kind: 'confirm'; asked: ConfirmationAsked }

/**
 * `罚款 …` (manager): a fine that would dismiss its agency (R13 捣乱, R6 serious 不配合, the escalating R11 派单) is not
 * issued but described — the agency, its agents who lose their qualification, the month's commission forfeited or
 * confiscated — and waits for `确认 <码>`; every other fine is issued at once. Invalid fines are refused either way.
 */
export async function proposeFine(
  tx: Tx,
  ctx: CommandContext,
  input: IssueFineInput,
  command: string,
): Promise<Result<FineOutcome, DomainError>> {
  const plan = await planFine(tx, ctx, input)
  if (!plan.ok) return plan
  const { agency, staff, decision } = plan.value
  if (decision.escalation?.kind !== 'agency-dismissed') {
    const issued = await issueFine(tx, ctx, input)
    return issued.ok ? ok({ kind: 'issued', fine: issued.value }) : issued
  }
  const how = decision.escalation.commission
  const asked = await askConfirmation(tx, ctx, 'fine', input, command, {
    kind: 'fine',
    agencyName: agency.name,
    staffName: staff?.name ?? null,
    fineCode: decision.code,
    rule: decision.rule,
    quantity: decision.quantity,
    amountFen: decision.amountFen,
    severe: input.severe,
    agents: await agentsStopped(tx, ctx, agency.id),
    commission: how === null ? null : { month: localMonthOf(ctx.now, ctx.project.timezone), how },
  })
  return ok({ kind: 'confirm', asked })
}
