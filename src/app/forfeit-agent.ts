import { type AttendanceRecord, forfeitsDue } from '../domain/attendance.ts'
import { localDateOf } from '../domain/calendar.ts'
import { auditBase } from './audit.ts'
import { outageDays } from './outage-days.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/**
 * R1 "连续三天没有签到,视为自动放弃", applied at the start of the day after the last missed one (or on catch-up):
 * the agent is marked forfeited from that instant, the group and the agent are told who gave up and why. Only
 * check-ins before today count: one made today, after the forfeit instant, cannot undo it. Null when the agent is
 * not due (checked in, re-activated, already forfeited) or another instance did it.
 */
export async function forfeitAgent(tx: Tx, ctx: CommandContext, staffId: number): Promise<TimedRun | null> {
  const { project, now } = ctx
  const tz = project.timezone
  const staff = await tx.people.staffById(staffId)
  if (!staff || staff.projectId !== project.id || staff.role !== 'agent' || staff.status !== 'active') return null
  const today = localDateOf(now, tz)
  const last = (await tx.schedule.lastCheckInsBefore([staffId], today)).get(staffId) ?? null
  const record: AttendanceRecord = { staffId, lastCheckIn: last, activeSince: localDateOf(staff.statusSince, tz) }
  const due = forfeitsDue([record], now, project.settings, tz, await outageDays(tx, project.id, today))[0]
  if (!due) return null
  const run: TimedRun = {
    key: runKey('forfeit', `staff-${staffId}`, due.forfeitAt),
    projectId: project.id,
    kind: 'forfeit',
    dueAt: due.forfeitAt,
    outcome: 'applied',
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  await tx.people.setStatus(staffId, 'forfeited', due.forfeitAt)
  const agency = staff.agencyId === null ? null : await tx.agencies.byId(staff.agencyId)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'staff.forfeit',
    subject: staff.name,
    data: {
      staffId,
      agencyId: staff.agencyId,
      rule: 'R1',
      lastCheckIn: last,
      firstMissed: due.firstMissed,
      lastMissed: due.lastMissed,
      forfeitAt: due.forfeitAt,
    },
  })
  ctx.notify({
    audience: [{ to: 'groups' }, { to: 'staff', staffId }],
    event: {
      kind: 'agent-forfeited',
      staffName: staff.name,
      agencyName: agency?.name ?? null,
      firstMissed: due.firstMissed,
      lastMissed: due.lastMissed,
      days: project.settings.forfeitAfterDays,
      forfeitAt: due.forfeitAt,
      auditCode,
    },
  })
  return run
}
