import { decideCheckIn } from '../domain/attendance.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

export type CheckInOutcome =
  | { kind: 'checked-in'; localDate: string; auditCode: string }
  | { kind: 'already'; localDate: string }

/** 签到 (R1): once per local day per agent; a second one the same day changes nothing. */
export async function checkIn(tx: Tx, ctx: CommandContext): Promise<Result<CheckInOutcome, DomainError>> {
  const staffId = ctx.actor.staffId
  if (staffId === null) return err({ code: 'staff.unknown' })
  const verdict = decideCheckIn(await tx.attendance.lastCheckIn(staffId), ctx.now, ctx.project.timezone)
  if (verdict.kind === 'already' || !(await tx.attendance.add(ctx.project.id, staffId, verdict.localDate, ctx.now))) {
    return ok({ kind: 'already', localDate: verdict.localDate })
  }
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'attendance.check-in',
    subject: ctx.actor.name,
    data: { staffId, agencyId: ctx.actor.agencyId, localDate: verdict.localDate },
  })
  return ok({ kind: 'checked-in', localDate: verdict.localDate, auditCode })
}
