import { localMonthOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import { decideFine, type Escalation, type FineCode, type FineDecision, type FineWarning } from '../domain/fines.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { applyDismissal } from './dismiss-agency.ts'
import type { EscalationFacts, FineFacts, WarningFacts } from './money-notices.ts'
import type { AgencyRecord, CommandContext, FineRecord, StaffRecord, Tx } from './ports.ts'

export interface IssueFineInput {
  /** An agent's name (the fine counts for the agent, out of the agency's commission) or an agency's name. */
  who: string
  fineCode: FineCode
  /** Customers received (派单) or pages (复印). */
  quantity?: number
  /** The manager's amount (R6 不配合). */
  amountFen?: number
  /** R6 情节严重. */
  severe: boolean
  note: string | null
}

export interface IssuedFine {
  fineId: number
  fine: FineFacts
  escalation: EscalationFacts | null
  warning: WarningFacts | null
  auditCode: string
}

/** An agency by name, else the one agent of that name (their agency with them). */
async function resolveTarget(
  tx: Tx,
  ctx: CommandContext,
  who: string,
): Promise<Result<{ agency: AgencyRecord; staff: StaffRecord | null }, DomainError>> {
  const agency = await tx.agencies.byName(ctx.project.id, who)
  if (agency) return ok({ agency, staff: null })
  const agents = (await tx.people.staffByName(ctx.project.id, who)).filter(
    (s) => s.role === 'agent' && s.agencyId !== null,
  )
  const [staff] = agents
  if (!staff) return err({ code: 'fine.target-not-found', name: who })
  if (agents.length > 1) return err({ code: 'staff.ambiguous', name: who, count: agents.length })
  const own = await tx.agencies.byId(staff.agencyId as number)
  return own ? ok({ agency: own, staff }) : err({ code: 'fine.target-not-found', name: who })
}

export function fineFacts(
  f: FineRecord,
  d: Pick<FineDecision, 'rule' | 'occurrence' | 'warningOnly'>,
  names: { agencyName: string; staffName: string | null; issuedBy: string },
  unitFen: number | null,
): FineFacts {
  return {
    code: code('P', f.id),
    fineCode: f.code,
    rule: d.rule,
    agencyName: names.agencyName,
    staffName: names.staffName,
    quantity: f.quantity,
    amountFen: f.amountFen,
    unitFen,
    severe: f.severe,
    warningOnly: d.warningOnly,
    occurrence: d.occurrence,
    note: f.note,
    issuedAt: f.issuedAt,
    issuedBy: names.issuedBy,
    month: f.localMonth,
  }
}

function warningFacts(w: FineWarning, agencyName: string, staffName: string | null): WarningFacts {
  return w.code === '态度'
    ? { code: '态度', staffName: staffName ?? '', agencyName, count: w.count, at: w.at }
    : { code: '派单', agencyName, count: w.count, at: w.at }
}

/** What a fine would be, decided under the agency's lock: the agency, the agent named (if any), the decision. */
export interface FinePlan {
  agency: AgencyRecord
  staff: StaffRecord | null
  decision: FineDecision
}

/**
 * Decides a fine without writing it: the target, the agency's lock (held to the end of the transaction), the agency
 * still in place, and the catalogue's decision against its ledger. issueFine applies it; the confirmation step reads
 * it to say what an escalating fine would do.
 */
export async function planFine(
  tx: Tx,
  ctx: CommandContext,
  input: IssueFineInput,
): Promise<Result<FinePlan, DomainError>> {
  const target = await resolveTarget(tx, ctx, input.who)
  if (!target.ok) return target
  await tx.fines.lockAgency(target.value.agency.id)
  const agency = (await tx.agencies.byId(target.value.agency.id)) as AgencyRecord
  if (agency.status === 'dismissed') {
    const since = (await tx.dismissals.confirmedOf(agency.id))?.confirmedAt ?? null
    return err({ code: 'agency.dismissed', name: agency.name, since })
  }
  const staff = target.value.staff
  const ledger = await tx.fines.ofAgency(agency.id)
  const decided = decideFine(
    {
      code: input.fineCode,
      agencyId: agency.id,
      staffId: staff?.id ?? null,
      quantity: input.quantity,
      amountFen: input.amountFen,
      severe: input.severe,
    },
    ledger,
    ctx.project.settings,
  )
  if (!decided.ok) return decided
  return ok({ agency, staff, decision: decided.value })
}

/**
 * `罚款 <姓名或分销> <类型> [数量] [备注]` (manager): a fine row P<n> out of the agency's commission, decided by the
 * catalogue against the agency's ledger (R5–R7, R9, R11, R13, R16, R18–R20), with its escalation applied in the same
 * transaction — R7 3rd 态度: the agent's qualification cancelled; R11 2nd 派单, R13 捣乱, R6 serious 不配合: the agency
 * dismissed (its month's commission forfeit follows from the ledger). One step before, the agency's agents are warned.
 */
export async function issueFine(
  tx: Tx,
  ctx: CommandContext,
  input: IssueFineInput,
): Promise<Result<IssuedFine, DomainError>> {
  const { project, now } = ctx
  const tz = project.timezone
  const plan = await planFine(tx, ctx, input)
  if (!plan.ok) return plan
  const { agency, staff } = plan.value
  const d = plan.value.decision
  const month = localMonthOf(now, tz)
  const fine = await tx.fines.add({
    projectId: project.id,
    agencyId: agency.id,
    staffId: d.staffId,
    code: d.code,
    quantity: d.quantity,
    amountFen: d.amountFen,
    note: input.note,
    issuedBy: ctx.actor.staffId ?? 0,
    issuedAt: now,
    localMonth: month,
    severe: input.severe,
    reversesId: null,
  })
  const fineCode = code('P', fine.id)

  const escalation = d.escalation && (await escalate(tx, ctx, d.escalation, agency, staff, fineCode, month))
  const facts = fineFacts(
    fine,
    d,
    { agencyName: agency.name, staffName: staff?.name ?? null, issuedBy: ctx.actor.name },
    project.settings.fines.unitFen[d.code],
  )
  const warning = d.warning && warningFacts(d.warning, agency.name, staff?.name ?? null)

  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'fine.issue',
    subject: fineCode,
    data: {
      agencyId: agency.id,
      staffId: d.staffId,
      code: d.code,
      rule: d.rule,
      quantity: d.quantity,
      amountFen: d.amountFen,
      severe: input.severe,
      occurrence: d.occurrence,
      note: input.note,
      escalation: d.escalation,
      warning: d.warning,
    },
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: { kind: 'fine-issued', fine: facts, escalation, warning, auditCode },
  })
  if (warning) {
    ctx.notify({
      audience: [{ to: 'agency', agencyId: agency.id }],
      event: { kind: 'fine-warning', fine: facts, warning },
    })
  }
  return ok({ fineId: fine.id, fine: facts, escalation, warning, auditCode })
}

async function escalate(
  tx: Tx,
  ctx: CommandContext,
  e: Escalation,
  agency: AgencyRecord,
  staff: StaffRecord | null,
  fineCode: string,
  month: string,
): Promise<EscalationFacts> {
  if (e.kind === 'agent-disqualified') {
    const agent = staff ?? (await tx.people.staffById(e.staffId))
    if (agent && agent.status !== 'inactive') await tx.people.setStatus(agent.id, 'inactive', ctx.now)
    return { kind: 'agent-disqualified', rule: e.rule, staffName: agent?.name ?? '', agencyName: agency.name, month }
  }
  const { stoppedAgents } = await applyDismissal(tx, ctx, agency, { kind: 'fine', rule: e.rule, fineCode })
  return {
    kind: 'agency-dismissed',
    rule: e.rule,
    agencyName: agency.name,
    commission: e.commission,
    month,
    stoppedAgents,
  }
}
