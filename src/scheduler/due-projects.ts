import type { ProjectInfo, RecurringAnnouncementRecord } from '../app/ports.ts'
import { addDays, localDateOf, startOfDay } from '../domain/calendar.ts'
import { firingsBetween, parseCron } from '../domain/cron.ts'
import { remindedEndsBefore } from '../domain/reminders.ts'
import { byKey, type Finder } from './across-projects.ts'

// The bounds differ per project (time zone, settings), so each finder computes them from the project list it is
// given — one computation per distinct time zone and setting, whatever the number of projects — and compares them
// with what one query over all projects returned. A join on a table of per-project bounds would push the same
// comparison into SQL, but time-zone arithmetic is not portable between SQLite and PostgreSQL, and the comparison
// in code is what the sweeps themselves do.

/** R12: protections ending before this instant have their reminder due at `now`. */
export const protectionBound = (project: ProjectInfo, now: Date): Date => {
  const s = project.settings
  return remindedEndsBefore(now, s.protectionReminderDays, s.protectionReminderTime, project.timezone)
}

/** R14: the last local day whose holds' 09:00 reminder is due at `now`. */
export const lastHoldDayDue = (project: ProjectInfo, now: Date): string => {
  const bound = remindedEndsBefore(now, 1, project.settings.holdReminderTime, project.timezone)
  return addDays(localDateOf(bound, project.timezone), -2)
}

/** A recurring announcement has a firing due at `now` since it last fired (or was created), within the lookback. */
export function firingDue(r: RecurringAnnouncementRecord, tz: string, now: Date, lookbackMs: number): boolean {
  const spec = parseCron(r.cron)
  if (!spec.ok) return false
  const from = Math.max((r.firedThrough ?? r.createdAt).getTime(), now.getTime() - lookbackMs)
  return firingsBetween(spec.value, new Date(from), now, tz, 1).length > 0
}

const at = (t: { hour: number; minute: number }) => `${t.hour}:${t.minute}`
const protectionKey = (p: ProjectInfo) =>
  `${p.timezone}|${p.settings.protectionReminderDays}|${at(p.settings.protectionReminderTime)}`
const holdKey = (p: ProjectInfo) => `${p.timezone}|${at(p.settings.holdReminderTime)}`

/**
 * The protection-reminder sweep reads rows after its cursor and before the bound only, and leaves its cursor at the
 * bound when it has read them all; the bound moves once a day (at 09:00). So a project whose cursor is at or past
 * its bound has nothing to read: the cursors alone tell which projects to visit.
 */
export const protectionsDue: Finder = async (tx, _deps, projects, now) => {
  const cursors = await tx.schedule.cursors('protection-reminder')
  const bound = byKey((p) => protectionBound(p, now).getTime(), protectionKey)
  return projects.filter((p) => visits(() => (cursors.get(p.id)?.at.getTime() ?? -1) < bound(p))).map((p) => p.id)
}

/** A project whose bound cannot be computed (say a time zone this machine does not know) is visited, to fail alone. */
function visits(due: () => boolean): boolean {
  try {
    return due()
  } catch {
    return true
  }
}

interface DayWindow {
  day: string
  from: Date
  to: Date
}

/**
 * The hold-reminder cursor stands on a local day and a deposit id. Before the last day due it has days to page; on
 * it, only a hold of that day with a larger id (recorded since) is new — found with one read of the live holds
 * ending within those days, over all projects. Past it, nothing is due.
 */
export const holdRemindersDue: Finder = async (tx, _deps, projects, now) => {
  const cursors = await tx.schedule.cursors('hold-reminder')
  const lastDue = byKey((p) => lastHoldDayDue(p, now), holdKey)
  const windowOf = byKey(
    (p): DayWindow => {
      const day = localDateOf(cursors.get(p.id)?.at ?? now, p.timezone)
      return { day, from: startOfDay(day, p.timezone), to: startOfDay(addDays(day, 1), p.timezone) }
    },
    (p) => `${p.timezone}|${cursors.get(p.id)?.at.getTime()}`,
  )
  const due: number[] = []
  const onLastDay = new Map<number, DayWindow & { afterId: number }>()
  for (const p of projects) {
    const c = cursors.get(p.id)
    // No cursor: the first pass stores where it stands.
    if (!c || visits(() => windowOf(p).day < lastDue(p))) due.push(p.id)
    else if (windowOf(p).day === lastDue(p)) onLastDay.set(p.id, { ...windowOf(p), afterId: c.id })
  }
  if (onLastDay.size === 0) return due
  const windows = [...onLastDay.values()]
  const from = new Date(Math.min(...windows.map((w) => w.from.getTime())))
  const to = new Date(Math.max(...windows.map((w) => w.to.getTime())))
  const found = new Set<number>()
  for (const h of await tx.schedule.holdsEndingWithin(from, to)) {
    const w = onLastDay.get(h.projectId)
    if (w && h.depositId > w.afterId && h.heldUntil > w.from && h.heldUntil <= w.to) found.add(h.projectId)
  }
  return [...due, ...found]
}

/** Holds ended and still holding, over all projects (the (status, heldUntil) index). */
export const holdEndsDue: Finder = (tx, _deps, _projects, now) => tx.schedule.projectsWithHoldsEnded(now)

/** Live masked filings whose lapse has come, over all projects (the (status, lapsesAt) index). */
export const maskedLapsesDue: Finder = (tx, _deps, _projects, now) => tx.schedule.projectsWithMaskedLapsed(now)

/** Every active announcement in one read; the projects with a firing due since it last fired. */
export const announcementsDue: Finder = async (tx, deps, projects, now) => {
  const tz = new Map(projects.map((p) => [p.id, p.timezone]))
  const due = new Set<number>()
  for (const r of await tx.recurring.activeAll()) {
    const zone = tz.get(r.projectId)
    if (zone && !due.has(r.projectId) && visits(() => firingDue(r, zone, now, deps.announcementLookbackMs)))
      due.add(r.projectId)
  }
  return due
}
