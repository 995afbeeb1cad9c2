import { localDateOf } from '../domain/calendar.ts'
import type { DomainError } from '../domain/errors.ts'
import type { Phone } from '../domain/phone.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { nextTurn, type RotationSkip, routeLead } from '../domain/rotation.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import { currentOwnership } from './deal-lock.ts'
import { fileCustomer } from './file-customer.ts'
import type { CommandContext, Tx } from './ports.ts'
import { completeMaskedOnArrival } from './register-visit.ts'

export interface LeadInput {
  kind: 'walk-in' | 'call'
  name: string | null
  /** Parsed once by the command. */
  phone: Phone | null
}

export type LeadOutcome = {
  agencyId: number
  agencyName: string
  /** owner: already protected, went to its agency without using a turn */
  via: 'rotation' | 'owner'
  skipped: (RotationSkip & { agencyName: string })[]
  filingCode: string | null
  phone: string | null
  auditCode: string
}

/**
 * 来访 / 来电 (R3): a lead nobody brought goes to the next agency in the rotation, skipping (轮空) agencies with no
 * agent checked in today; a protected customer goes to the owner without using a turn. With a number, the lead is
 * filed for the assigned agency at once. The pointer moves by compare-and-set, so two leads dealt at the same moment
 * go to two different agencies.
 */
export async function assignLead(
  tx: Tx,
  ctx: CommandContext,
  input: LeadInput,
): Promise<Result<LeadOutcome, DomainError>> {
  const { project, now } = ctx
  const phone = input.phone
  const localDate = localDateOf(now, project.timezone)
  const turnBase = {
    projectId: project.id,
    localDate,
    at: now,
    leadKind: input.kind,
    leadName: input.name,
    staffId: ctx.actor.staffId ?? 0,
    customerId: null,
    filingId: null,
  }

  // 隐号报备: a visitor matching a live masked filing (number and surname) is that agency's, like a protected one —
  // the visit completes the masked filing and uses no turn.
  const completed =
    phone !== null && input.name !== null ? await completeMaskedOnArrival(tx, ctx, phone, input.name) : null
  if (completed?.completed) {
    const agencyId = completed.completed.agencyId
    await tx.rotation.addTurn({ ...turnBase, agencyId, outcome: 'owner', reason: 'protected' })
    const outcome = {
      agencyId,
      agencyName: completed.agencyName,
      via: 'owner' as const,
      skipped: [],
      filingCode: completed.completed.filingCode,
      phone,
      auditCode: completed.auditCode,
    }
    notifyLead(ctx, input, outcome)
    return ok(outcome)
  }

  const customer = phone === null ? null : await tx.customers.byPhone(project.id, phone)
  const route = routeLead(customer ? await currentOwnership(tx, customer, now) : null, now)
  if (route.kind === 'owner' && customer) {
    const agency = await tx.agencies.byId(route.owner.agencyId)
    await tx.rotation.addTurn({
      ...turnBase,
      agencyId: route.owner.agencyId,
      outcome: 'owner',
      reason: 'protected',
      customerId: customer.id,
    })
    const auditCode = await tx.audit.append({
      ...auditBase(ctx),
      action: 'rotation.owner',
      subject: route.owner.filingId === null ? null : code('F', route.owner.filingId),
      data: { kind: input.kind, phone, agencyId: route.owner.agencyId },
    })
    const outcome = {
      agencyId: route.owner.agencyId,
      agencyName: agency?.name ?? '',
      via: 'owner' as const,
      skipped: [],
      filingCode: route.owner.filingId === null ? null : code('F', route.owner.filingId),
      phone,
      auditCode,
    }
    notifyLead(ctx, input, outcome)
    return ok(outcome)
  }

  const agencies = await tx.agencies.list(project.id, { status: 'active' })
  const present = await tx.attendance.agenciesCheckedIn(project.id, localDate)
  const state = await tx.rotation.state(project.id)
  const turn = nextTurn(
    agencies.map((a) => ({ agencyId: a.id, seq: a.seq, checkedInToday: present.has(a.id) })),
    state.lastSeq,
  )
  if (!turn.ok) return turn
  await tx.rotation.advance(project.id, state.version, turn.value.lastSeq)
  const nameOf = (id: number) => agencies.find((a) => a.id === id)?.name ?? `#${id}`
  for (const s of turn.value.skipped) {
    await tx.rotation.addTurn({ ...turnBase, agencyId: s.agencyId, outcome: 'skipped', reason: s.reason })
  }
  const assignedId = turn.value.assigned.agencyId
  const turnId = await tx.rotation.addTurn({ ...turnBase, agencyId: assignedId, outcome: 'assigned', reason: null })

  let filingCode: string | null = null
  if (phone !== null) {
    const filed = await fileCustomer(tx, ctx, {
      agencyId: assignedId,
      name: input.name ?? '来访客户',
      phone,
      note: null,
      source: input.kind,
    })
    if (!filed.ok) return err(filed.error)
    if (filed.value.kind === 'filed') {
      filingCode = filed.value.filingCode
      await tx.rotation.setTurnFiling(turnId, filed.value.customerId, filed.value.filingId)
    }
  }
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'rotation.assign',
    subject: nameOf(assignedId),
    data: {
      kind: input.kind,
      phone,
      agencyId: assignedId,
      skipped: turn.value.skipped.map((s) => ({ agencyId: s.agencyId, reason: s.reason })),
      pointer: { from: state.lastSeq, to: turn.value.lastSeq },
    },
  })
  const outcome: LeadOutcome = {
    agencyId: assignedId,
    agencyName: nameOf(assignedId),
    via: 'rotation',
    skipped: turn.value.skipped.map((s) => ({ ...s, agencyName: nameOf(s.agencyId) })),
    filingCode,
    phone,
    auditCode,
  }
  notifyLead(ctx, input, outcome)
  return ok(outcome)
}

function notifyLead(ctx: CommandContext, input: LeadInput, o: LeadOutcome) {
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: {
      kind: 'lead-assigned',
      leadKind: input.kind,
      agencyName: o.agencyName,
      via: o.via,
      customer: o.phone === null ? null : { name: input.name ?? null, phone: o.phone },
      filingCode: o.filingCode,
    },
  })
}
