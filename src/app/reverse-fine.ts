import { localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { decideReversal, FINE_CATALOGUE } from '../domain/fines.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { fineFacts } from './issue-fine.ts'
import type { EscalationFacts, FineFacts } from './money-notices.ts'
import type { CommandContext, FineRecord, Tx } from './ports.ts'

export interface ReversedFine {
  /** The reversal's own code. */
  code: string
  original: FineFacts
  /** The original amount negated. */
  amountFen: number
  reason: string
  /** Escalations that no longer hold: the manager undoes their effects (re-activation, re-admission) by hand. */
  undoes: { fineCode: string; escalation: EscalationFacts }[]
  auditCode: string
}

/**
 * `冲正 <罚款编号> <原因>` (manager): a new fine row with its own code, the negated amount and `reversesId`; the
 * original is never edited or deleted. A fine is reversed at most once: two reversals at once meet on the unique
 * `reversesId`, the loser re-runs and is told which reversal won.
 */
export async function reverseFine(
  tx: Tx,
  ctx: CommandContext,
  input: { fineId: number; reason: string },
): Promise<Result<ReversedFine, DomainError>> {
  const { project, now } = ctx
  const original = await tx.fines.byId(input.fineId)
  if (!original || original.projectId !== project.id) return err({ code: 'reversal.not-found', fineId: input.fineId })
  const ledger = await tx.fines.ofAgency(original.agencyId)
  const decided = decideReversal(original.id, ledger, project.settings)
  if (!decided.ok) return decided
  const d = decided.value
  const reversal = await tx.fines.add({
    projectId: project.id,
    agencyId: d.agencyId,
    staffId: d.staffId,
    code: d.code,
    quantity: d.quantity,
    amountFen: d.amountFen,
    note: input.reason,
    issuedBy: ctx.actor.staffId ?? 0,
    issuedAt: now,
    localMonth: localMonthOf(now, project.timezone),
    severe: false,
    reversesId: d.reversesId,
  })

  const agency = await tx.agencies.byId(original.agencyId)
  const agencyName = agency?.name ?? `#${original.agencyId}`
  const nameOf = async (id: number | null) => (id === null ? null : ((await tx.people.staffById(id))?.name ?? null))
  const originalFacts = fineFacts(
    original,
    {
      rule: FINE_CATALOGUE[original.code].rule,
      occurrence: 0,
      warningOnly: original.code === '谈判桌' && original.amountFen === 0,
    },
    { agencyName, staffName: await nameOf(original.staffId), issuedBy: (await nameOf(original.issuedBy)) ?? '管理员' },
    project.settings.fines.unitFen[original.code],
  )
  const undoes: ReversedFine['undoes'] = []
  for (const u of d.undoes) {
    const month = ledger.find((f: FineRecord) => f.id === u.fineId)?.localMonth ?? ''
    const e = u.escalation
    undoes.push({
      fineCode: code('P', u.fineId),
      escalation:
        e.kind === 'agent-disqualified'
          ? { kind: e.kind, rule: e.rule, staffName: (await nameOf(e.staffId)) ?? '', agencyName, month }
          : { kind: e.kind, rule: e.rule, agencyName, commission: e.commission, month, stoppedAgents: [] },
    })
  }
  const reversalCode = code('P', reversal.id)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'fine.reverse',
    subject: reversalCode,
    data: {
      reverses: originalFacts.code,
      agencyId: d.agencyId,
      staffId: d.staffId,
      code: d.code,
      amountFen: d.amountFen,
      reason: input.reason,
      undoes: d.undoes,
    },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'fine-reversed',
      code: reversalCode,
      original: originalFacts,
      reason: input.reason,
      at: now,
      by: ctx.actor.name,
      auditCode,
    },
  })
  return ok({
    code: reversalCode,
    original: originalFacts,
    amountFen: d.amountFen,
    reason: input.reason,
    undoes,
    auditCode,
  })
}
