import { daysBetween, localDateOf } from '../domain/calendar.ts'
import { protectionReminderAt } from '../domain/filing.ts'
import { reminderTiming } from '../domain/reminders.ts'
import { code } from './codes.ts'
import { agencyPhoneOf } from './file-masked.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { runKey } from './timed.ts'

/**
 * R12 "2 days before protection ends" (settings.protectionReminderDays at protectionReminderTime): tells the owning
 * agency's agents (the group, number masked, when none is active), once per protection end. A protection renewed since the sweep read it (`until` moved), locked by a
 * deal (it does not lapse), or whose reminder instant came before it began, gets none; one already over is recorded
 * as dropped and not sent. Null when there was nothing to do or another instance did it.
 */
export async function remindProtection(
  tx: Tx,
  ctx: CommandContext,
  input: { customerId: number; until: Date; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const customer = await tx.customers.byId(input.customerId)
  const owner = customer?.ownership
  if (!customer || !owner || customer.projectId !== project.id || owner.dealCode !== null) return null
  if (owner.until.getTime() !== input.until.getTime()) return null
  const dueAt = protectionReminderAt(owner.since, owner.until, project.settings, project.timezone)
  if (!dueAt || now.getTime() < dueAt.getTime()) return null
  const run: TimedRun = {
    key: runKey('protection-reminder', `customer-${customer.id}`, dueAt),
    projectId: project.id,
    kind: 'protection-reminder',
    dueAt,
    outcome: reminderTiming(dueAt, owner.until, now, input.lateAfterMs),
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) return null
  if (run.outcome === 'dropped') return run
  const agency = await tx.agencies.byId(owner.agencyId)
  // An agency with no active agent (all gave up, R1) is told in the group, where its people still read.
  const agents = await tx.people.listStaff(project.id, { agencyId: owner.agencyId, role: 'agent', status: 'active' })
  ctx.notify({
    audience: agents.length > 0 ? [{ to: 'agency', agencyId: owner.agencyId }] : [{ to: 'groups' }],
    event: {
      kind: 'protection-ending',
      customer: { name: customer.name, phone: await agencyPhoneOf(tx, customer) },
      agencyName: agency?.name ?? '',
      filingCode: owner.filingId === null ? null : code('F', owner.filingId),
      until: owner.until,
      daysLeft: daysBetween(localDateOf(now, project.timezone), localDateOf(owner.until, project.timezone)),
    },
  })
  return run
}
