import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { agentsStopped, askConfirmation, type ConfirmationAsked } from './ask-confirmation.ts'
import { parseDismissalReason } from './dismiss-agency.ts'
import type { AgencyRecord, CommandContext, Tx } from './ports.ts'

export interface DismissalInput {
  name: string
  reason: string | null
}

/**
 * `劝退 <分销> [原因]` (manager): says what the dismissal will do — which agency, the proposals it confirms (R4) or
 * the manager's reason, the agents who lose their qualification — and waits for `确认 <码>`. Refused at once, with
 * nothing stored, when the agency does not exist or is already dismissed.
 */
export async function proposeDismissal(
  tx: Tx,
  ctx: CommandContext,
  input: DismissalInput,
  command: string,
): Promise<Result<ConfirmationAsked, DomainError>> {
  const agency = (await tx.agencies.byName(ctx.project.id, input.name)) as AgencyRecord | null
  if (!agency) return err({ code: 'agency.not-found', name: input.name })
  if (agency.status === 'dismissed') {
    const since = (await tx.dismissals.confirmedOf(agency.id))?.confirmedAt ?? null
    return err({ code: 'agency.dismissed', name: agency.name, since })
  }
  const pending = await tx.dismissals.pending(ctx.project.id, agency.id)
  const reasons =
    pending.length > 0
      ? pending.map((d) => parseDismissalReason(d.reason))
      : [{ kind: 'manual' as const, text: input.reason ?? '' }]
  const agents = await agentsStopped(tx, ctx, agency.id)
  return ok(
    await askConfirmation(tx, ctx, 'dismiss', input, command, {
      kind: 'dismiss',
      agencyName: agency.name,
      reasons,
      agents,
    }),
  )
}
