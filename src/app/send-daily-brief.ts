import { approvalQueue } from '../domain/approvals.ts'
import { briefDueAt, briefTiming } from '../domain/brief.ts'
import { addDays, type LocalDate, startOfDay } from '../domain/calendar.ts'
import { isFrozenBy } from '../domain/deposit.ts'
import { periodTotals } from '../domain/report.ts'
import { auditHeadOf } from './audit.ts'
import type { DailyBrief } from './desk-notices.ts'
import { holdsEndingOn } from './holds.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/**
 * 每日简报 at settings.dailyBriefTime (09:00) of `date`, to each manager by direct message only, once per project and
 * day (key `daily-brief:project-<id>:<date>`): yesterday's filings, visits, collisions, deposits, subscriptions and
 * signings; today's check-ins so far; holds and protections whose last day is today; approvals waiting; the audit
 * chain's head. Late (补发) while its day lasts, dropped after, like every reminder. Null when another instance did it.
 */
export async function sendDailyBrief(
  tx: Tx,
  ctx: CommandContext,
  input: { date: LocalDate; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const tz = project.timezone
  const { date } = input
  const dueAt = briefDueAt(date, project.settings, tz)
  if (now.getTime() < dueAt.getTime()) return null
  const run: TimedRun = {
    key: runKey('daily-brief', `project-${project.id}`, date),
    projectId: project.id,
    kind: 'daily-brief',
    dueAt,
    outcome: briefTiming(date, now, project.settings, tz, input.lateAfterMs),
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  if (run.outcome === 'dropped') return run
  ctx.notify({
    audience: [{ to: 'role', role: 'manager' }],
    directOnly: true,
    event: { kind: 'daily-brief', brief: await gather(tx, ctx, date) },
  })
  return run
}

async function gather(tx: Tx, ctx: CommandContext, date: LocalDate): Promise<DailyBrief> {
  const { project, now } = ctx
  const tz = project.timezone
  const yesterday = addDays(date, -1)
  const dayStart = startOfDay(date, tz)
  const dayEnd = startOfDay(addDays(date, 1), tz)
  const records = await tx.desk.periodRecords(project.id, startOfDay(yesterday, tz), dayStart)

  const agencies = await tx.agencies.list(project.id, { status: 'active' })
  const agents = await tx.people.listStaff(project.id, { role: 'agent', status: 'active' })
  const checkedIn = new Set(
    (await tx.desk.checkInsOn(project.id, date)).filter((c) => c.at <= now).map((c) => c.staffId),
  )
  const checkIns = agencies.map((a) => {
    const mine = agents.filter((s) => s.agencyId === a.id)
    return { agencyName: a.name, checkedIn: mine.filter((s) => checkedIn.has(s.id)).length, agents: mine.length }
  })

  const ending = await holdsEndingOn(tx, project.id, date, 1000)
  // a hold whose 认购 waits for the manager does not end tonight: it is on the approvals line instead
  const holds = []
  for (const h of ending) {
    const unit = await tx.units.byId(h.unitId)
    if (!unit || !isFrozenBy(unit, h.depositId)) holds.push(h)
  }
  // SPEC.md "Audit": the day's keyed head, remembered outside the database, anchors the chain (/audit verify <seq> <hash>).
  const head = await auditHeadOf(tx, project.id)
  return {
    projectName: project.name,
    date,
    asOf: now,
    yesterday,
    dayEnd,
    counts: periodTotals(records),
    checkIns,
    holdsEnding: holds.map((h) => ({
      depositCode: h.depositCode,
      unitCode: h.unitCode,
      agencyName: h.agencyName,
      status: h.status as 'pending' | 'approved',
      heldUntil: h.heldUntil,
    })),
    protectionsEnding: await tx.desk.protectionsEnding(project.id, dayStart, dayEnd),
    approvals: approvalQueue(await tx.desk.pendingApprovals(project.id), now, project.settings.approvalUrgentHours),
    audit: { seq: head.seq, hash: head.shortHash, entryCode: head.code },
  }
}
