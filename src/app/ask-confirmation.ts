import type { LocalMonth } from '../domain/calendar.ts'
import { confirmationExpiry } from '../domain/confirmation.ts'
import type { FineCode, SeedRule } from '../domain/fines.ts'
import { code } from './codes.ts'
import type { DismissalReason } from './money-notices.ts'
import type { CommandContext, ConfirmationRecord, Tx } from './ports.ts'

/** What an irreversible command will do once confirmed: told to the person before anything changes. */
export type IrreversibleEffect =
  /** 劝退: the reasons it settles (R4 proposals, or the manager's own), the agents who lose their qualification. */
  | { kind: 'dismiss'; agencyName: string; reasons: DismissalReason[]; agents: string[] }
  /** A fine that dismisses its agency (R13 捣乱, R6 serious 不配合, the R11 派单 that escalates). */
  | {
      kind: 'fine'
      agencyName: string
      staffName: string | null
      fineCode: FineCode
      rule: SeedRule
      quantity: number
      amountFen: number
      severe: boolean
      agents: string[]
      /** The month whose commission goes with it, and how; null: the commission is kept (R13). */
      commission: { month: LocalMonth; how: 'forfeited' | 'confiscated' } | null
    }

export interface ConfirmationAsked {
  /** Q3: what to send as `确认 Q3` */
  code: string
  expiresAt: Date
  minutes: number
  effect: IrreversibleEffect
}

/**
 * Stores the command to apply on `确认 <码>` (by the same person, within settings.confirmMinutes). Nothing else
 * changes: this is not an audited change, the confirmed action is.
 */
export async function askConfirmation(
  tx: Tx,
  ctx: CommandContext,
  action: ConfirmationRecord['action'],
  input: unknown,
  command: string,
  effect: IrreversibleEffect,
): Promise<ConfirmationAsked> {
  const minutes = ctx.project.settings.confirmMinutes
  const row = await tx.confirmations.add({
    projectId: ctx.project.id,
    actor: ctx.actor.identity,
    actorStaffId: ctx.actor.staffId,
    actorName: ctx.actor.name,
    action,
    input: JSON.stringify(input),
    command: command.slice(0, 200),
    createdAt: ctx.now,
    expiresAt: confirmationExpiry(ctx.now, minutes),
  })
  return { code: code('Q', row.id), expiresAt: row.expiresAt, minutes, effect }
}

/** The agents whose qualification ends when `agencyId` is dismissed (applyDismissal stops every one not inactive). */
export async function agentsStopped(tx: Tx, ctx: CommandContext, agencyId: number): Promise<string[]> {
  const agents = await tx.people.listStaff(ctx.project.id, { agencyId, role: 'agent' })
  return agents.filter((s) => s.status !== 'inactive').map((s) => s.name)
}
