import type { LocalMonth } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import type { SeedRule } from '../domain/fines.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { DismissalReason } from './money-notices.ts'
import type { AgencyRecord, CommandContext, DismissalRecord, Tx } from './ports.ts'

/** `Dismissal.reason` as stored: `R4:2026-11`, `R11:P5`, `manual:<text>`. */
export function encodeDismissalReason(r: DismissalReason): string {
  if (r.kind === 'target') return `R4:${r.month}`
  if (r.kind === 'fine') return `${r.rule}:${r.fineCode}`
  return `manual:${r.text}`
}

export function parseDismissalReason(stored: string): DismissalReason {
  const target = /^R4:(\d{4}-\d{2})$/.exec(stored)
  if (target) return { kind: 'target', rule: 'R4', month: target[1] as LocalMonth }
  const fine = /^(R\d+):(P\d+)$/.exec(stored)
  if (fine) return { kind: 'fine', rule: fine[1] as SeedRule, fineCode: fine[2] as string }
  return { kind: 'manual', text: stored.replace(/^manual:/, '') }
}

/**
 * Dismisses an agency (劝退) inside the caller's transaction, which holds the agency's lock: the agency leaves the
 * rotation and the agency count, its agents' qualification ends (inactive), every pending proposal is confirmed, and
 * `reason` is recorded as confirmed when no pending proposal carries it.
 */
export async function applyDismissal(
  tx: Tx,
  ctx: CommandContext,
  agency: AgencyRecord,
  reason: DismissalReason | null,
): Promise<{ confirmed: DismissalRecord[]; stoppedAgents: string[] }> {
  const { project, now, actor } = ctx
  await tx.agencies.setStatus(agency.id, 'dismissed', now)
  const agents = await tx.people.listStaff(project.id, { agencyId: agency.id, role: 'agent' })
  const stopped = agents.filter((s) => s.status !== 'inactive')
  for (const s of stopped) await tx.people.setStatus(s.id, 'inactive', now)
  const pending = await tx.dismissals.pending(project.id, agency.id)
  await tx.dismissals.confirm(
    pending.map((d) => d.id),
    actor.staffId,
    now,
  )
  const confirmed: DismissalRecord[] = pending.map((d) => ({ ...d, confirmedAt: now, confirmedBy: actor.staffId }))
  const stored = reason && encodeDismissalReason(reason)
  if (stored !== null && !pending.some((d) => d.reason === stored)) {
    confirmed.push(
      await tx.dismissals.add({
        projectId: project.id,
        agencyId: agency.id,
        reason: stored,
        proposedAt: now,
        confirmedAt: now,
        confirmedBy: actor.staffId,
      }),
    )
  }
  return { confirmed, stoppedAgents: stopped.map((s) => s.name) }
}

export interface Dismissed {
  agencyName: string
  /** The proposals confirmed (R4, oldest first) or the manager's own reason. */
  reasons: DismissalReason[]
  stoppedAgents: string[]
  activeAgencies: number
  maxAgencies: number
  auditCode: string
}

/**
 * `劝退 <分销> [原因]` (manager): confirms the agency's pending dismissal proposals (R4 two months under target), or
 * dismisses it directly with the manager's reason; the agency leaves the rotation and the agency count (R1) and its
 * agents stop. A dismissed agency is refused.
 */
export async function dismissAgency(
  tx: Tx,
  ctx: CommandContext,
  input: { name: string; reason: string | null },
): Promise<Result<Dismissed, DomainError>> {
  const { project } = ctx
  const named = await tx.agencies.byName(project.id, input.name)
  if (!named) return err({ code: 'agency.not-found', name: input.name })
  await tx.fines.lockAgency(named.id)
  const agency = (await tx.agencies.byId(named.id)) as AgencyRecord
  if (agency.status === 'dismissed') {
    const since = (await tx.dismissals.confirmedOf(agency.id))?.confirmedAt ?? null
    return err({ code: 'agency.dismissed', name: agency.name, since })
  }
  const pending = await tx.dismissals.pending(project.id, agency.id)
  const manual: DismissalReason | null = pending.length === 0 ? { kind: 'manual', text: input.reason ?? '' } : null
  const { confirmed, stoppedAgents } = await applyDismissal(tx, ctx, agency, manual)
  const reasons = confirmed.map((d) => parseDismissalReason(d.reason))
  const activeAgencies = (await tx.agencies.list(project.id, { status: 'active' })).length
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'agency.dismiss',
    subject: agency.name,
    data: {
      agencyId: agency.id,
      dismissals: confirmed.map((d) => ({ id: d.id, reason: d.reason, proposedAt: d.proposedAt })),
      note: input.reason,
      stoppedAgents,
    },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'agency-dismissed',
      agencyName: agency.name,
      reasons,
      stoppedAgents,
      by: ctx.actor.name,
      at: ctx.now,
      auditCode,
    },
  })
  return ok({
    agencyName: agency.name,
    reasons,
    stoppedAgents,
    activeAgencies,
    maxAgencies: project.settings.maxAgencies,
    auditCode,
  })
}
