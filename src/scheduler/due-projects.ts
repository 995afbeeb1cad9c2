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

/** A project's bound, or null when it cannot be computed (say a time zone this machine does not know): such a
 * project is visited, to fail alone. */
function attempt<T>(f: () => T): T | null {
  try {
    return f()
  } catch {
    return null
  }
}

const latest = (xs: Iterable<number | null>) => Math.max(...[...xs].filter((x): x is number => x !== null))

/**
 * The protection-reminder sweep reads rows after its cursor and before the bound only, and leaves its cursor at the
 * bound when it has read them all; the bound moves once a day (at 09:00). So a project whose cursor is at or past
 * its bound has nothing to read: the cursors standing before the latest bound tell which projects to visit (all of
 * them, read once, while some project has no cursor yet).
 */
export const protectionsDue: Finder = async (tx, _deps, projects, now) => {
  const boundOf = byKey((p) => protectionBound(p, now).getTime(), protectionKey)
  const bounds = new Map(projects.map((p) => [p.id, attempt(() => boundOf(p))]))
  if (![...bounds.values()].some((b) => b !== null)) return projects.map((p) => p.id)
  const sweep = 'protection-reminder'
  const { count, behind } = await tx.schedule.cursorsBefore(sweep, new Date(latest(bounds.values())))
  const all = count < projects.length ? await tx.schedule.cursors(sweep) : null
  return projects
    .filter((p) => {
      const bound = bounds.get(p.id) ?? null
      const c = (all ?? behind).get(p.id)
      if (bound === null || (all && !c)) return true
      return c !== undefined && c.at.getTime() < bound
    })
    .map((p) => p.id)
}

interface DayWindow {
  from: number
  to: number
}

/**
 * The hold-reminder cursor stands at the start of a local day, with a deposit id. Before the last day due it has
 * days to page; on it, only a hold of that day with a larger id (recorded since) is new — found with one read of the
 * live holds ending within those days, over all projects, then the cursors of the projects they belong to. Past it,
 * nothing is due. A project without a cursor is visited once its first day's reminders are due (that pass stores
 * one).
 */
export const holdRemindersDue: Finder = async (tx, _deps, projects, now) => {
  const sweep = 'hold-reminder'
  const windowOf = byKey((p): DayWindow => {
    const day = lastHoldDayDue(p, now)
    return { from: startOfDay(day, p.timezone).getTime(), to: startOfDay(addDays(day, 1), p.timezone).getTime() }
  }, holdKey)
  const windows = new Map(projects.map((p) => [p.id, attempt(() => windowOf(p))]))
  const known = [...windows.values()].filter((w): w is DayWindow => w !== null)
  if (known.length === 0) return projects.map((p) => p.id)
  const { count, behind } = await tx.schedule.cursorsBefore(sweep, new Date(latest(known.map((w) => w.from))))
  const all = count < projects.length ? await tx.schedule.cursors(sweep) : null
  const due = new Set<number>()
  for (const p of projects) {
    const w = windows.get(p.id) ?? null
    const c = (all ?? behind).get(p.id)
    if (w === null) due.add(p.id)
    else if (all && !c) {
      if (now.getTime() < w.to) due.add(p.id) // the last day due is today: the first pass starts on it
    } else if (c && c.at.getTime() < w.from) due.add(p.id)
  }
  const from = new Date(Math.min(...known.map((w) => w.from)))
  const to = new Date(latest(known.map((w) => w.to)))
  const holds = (await tx.schedule.holdsEndingWithin(from, to)).filter((h) => {
    const w = windows.get(h.projectId)
    return w && !due.has(h.projectId) && h.heldUntil.getTime() > w.from && h.heldUntil.getTime() <= w.to
  })
  if (holds.length === 0) return due
  const standing = all ?? (await tx.schedule.cursors(sweep, [...new Set(holds.map((h) => h.projectId))]))
  for (const h of holds) {
    const c = standing.get(h.projectId)
    const w = windows.get(h.projectId)
    if (!c || !w) continue // no cursor and not yet due: see above
    if (c.at.getTime() === w.from && h.depositId > c.id) due.add(h.projectId)
  }
  return due
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
    if (zone && !due.has(r.projectId) && (attempt(() => firingDue(r, zone, now, deps.announcementLookbackMs)) ?? true))
      due.add(r.projectId)
  }
  return due
}
