import type { ProjectInfo, RecurringAnnouncementRecord, Tx } from '../app/ports.ts'
import { addDays, localDateOf, startOfDay } from '../domain/calendar.ts'
import { firingsBetween, parseCron } from '../domain/cron.ts'
import { remindedEndsBefore } from '../domain/reminders.ts'
import { derived, type Finder, type Grouping, groupedBy, projectsById } from './across-projects.ts'

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

const latest = (xs: readonly number[]) => xs.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY)
const earliest = (xs: readonly number[]) => xs.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY)

/**
 * Each group of projects sharing a key with its bound at this tick (null: cannot be computed, visit them all);
 * `of(id)` looks a project's up through the group index kept with the list, without a pass over the projects.
 */
function boundsOf<T>(grouping: Grouping, bound: (p: ProjectInfo) => T) {
  const byGroup = grouping.groups.map((g) => (g[0] ? attempt(() => bound(g[0] as ProjectInfo)) : null))
  const known = byGroup.filter((b): b is T => b !== null)
  const unknown = grouping.groups.flatMap((g, i) => (byGroup[i] === null ? g.map((p) => p.id) : []))
  const of = (id: number): T | null => {
    const i = grouping.groupOf.get(id)
    return i === undefined ? null : (byGroup[i] ?? null)
  }
  return { of, known, unknown }
}

/**
 * Whether every project has a cursor of the sweep: counted until it is so, then known for as long as the list is
 * the same (cursors are never removed; a new project makes a new list).
 */
async function everyProjectHasCursor(tx: Tx, projects: readonly ProjectInfo[], sweep: string): Promise<boolean> {
  const known = derived(projects, `all-cursors:${sweep}`, () => ({ all: false }))
  if (!known.all) known.all = (await tx.schedule.cursorCount(sweep)) >= projects.length
  return known.all
}

/**
 * The protection-reminder sweep reads rows after its cursor and before the bound only, and leaves its cursor at the
 * bound when it has read them all; the bound moves once a day (at 09:00). So a project whose cursor is at or past
 * its bound has nothing to read: the cursors standing before the latest bound tell which projects to visit, with
 * those that have no cursor yet (all cursors are read while some project has none).
 */
export const protectionsDue: Finder = async (tx, _deps, projects, now) => {
  const sweep = 'protection-reminder'
  const { of, known, unknown } = boundsOf(groupedBy(projects, sweep, protectionKey), (p) =>
    protectionBound(p, now).getTime(),
  )
  if (known.length === 0) return unknown
  const due = [...unknown]
  if (!(await everyProjectHasCursor(tx, projects, sweep))) {
    const all = await tx.schedule.cursors(sweep)
    due.push(...projects.filter((p) => !all.has(p.id)).map((p) => p.id))
  }
  for (const [id, c] of await tx.schedule.cursorsBefore(sweep, new Date(latest(known)))) {
    const bound = of(id)
    if (bound !== null && c.at.getTime() < bound) due.push(id)
  }
  return due
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
 * one); before that, it has nothing to do.
 */
export const holdRemindersDue: Finder = async (tx, _deps, projects, now) => {
  const sweep = 'hold-reminder'
  const grouping = groupedBy(projects, sweep, holdKey)
  const { of, known, unknown } = boundsOf(grouping, (p): DayWindow => {
    const day = lastHoldDayDue(p, now)
    return { from: startOfDay(day, p.timezone).getTime(), to: startOfDay(addDays(day, 1), p.timezone).getTime() }
  })
  if (known.length === 0) return unknown
  const due = new Set(unknown)
  // The last day due is today (its reminder time has come): a project without a cursor starts on it.
  const open = grouping.groups.filter((g) => {
    const w = g[0] ? of(g[0].id) : null
    return w !== null && now.getTime() < w.to
  })
  if (open.length > 0 && !(await everyProjectHasCursor(tx, projects, sweep))) {
    const ids = open.flat().map((p) => p.id)
    const standing = await tx.schedule.cursors(sweep, ids)
    for (const id of ids) if (!standing.has(id)) due.add(id)
  }
  for (const [id, c] of await tx.schedule.cursorsBefore(sweep, new Date(latest(known.map((w) => w.from))))) {
    const w = of(id)
    if (w !== null && c.at.getTime() < w.from) due.add(id)
  }
  const holds = (
    await tx.schedule.holdsEndingWithin(
      new Date(earliest(known.map((w) => w.from))),
      new Date(latest(known.map((w) => w.to))),
    )
  ).filter((h) => {
    const w = of(h.projectId)
    return w !== null && !due.has(h.projectId) && h.heldUntil.getTime() > w.from && h.heldUntil.getTime() <= w.to
  })
  if (holds.length === 0) return due
  const standing = await tx.schedule.cursors(sweep, [...new Set(holds.map((h) => h.projectId))])
  for (const h of holds) {
    const c = standing.get(h.projectId)
    const w = of(h.projectId)
    // No cursor: already visited if its first day is open, else nothing to do yet.
    if (c && w !== null && c.at.getTime() === w.from && h.depositId > c.id) due.add(h.projectId)
  }
  return due
}

/** Holds ended and still holding, over all projects (the (status, heldUntil) index). */
export const holdEndsDue: Finder = (tx, _deps, _projects, now) => tx.schedule.projectsWithHoldsEnded(now)

/** Live masked filings whose lapse has come, over all projects (the (status, lapsesAt) index). */
export const maskedLapsesDue: Finder = (tx, _deps, _projects, now) => tx.schedule.projectsWithMaskedLapsed(now)

/** Every active announcement in one read; the projects with a firing due since it last fired. */
export const announcementsDue: Finder = async (tx, deps, projects, now) => {
  const byId = projectsById(projects)
  const due = new Set<number>()
  for (const r of await tx.recurring.activeAll()) {
    const zone = byId.get(r.projectId)?.timezone
    if (zone && !due.has(r.projectId) && (attempt(() => firingDue(r, zone, now, deps.announcementLookbackMs)) ?? true))
      due.add(r.projectId)
  }
  return due
}
