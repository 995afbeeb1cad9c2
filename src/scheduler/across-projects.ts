import type { ProjectInfo, Tx } from '../app/ports.ts'
import { emptyReport, type JobDeps, type JobReport } from './run-timed.ts'

/**
 * One project's pass of a sweep. A calendar sweep (its work comes due by the clock alone, not by rows) returns, once
 * it has handled everything due, the instant before which nothing more can come due while its settings stay as they
 * are.
 */
export type Sweep = (deps: JobDeps, project: ProjectInfo, now: Date, report: JobReport) => Promise<Date | undefined>

/**
 * Finds, in one transaction and a query or two over every project, the projects a sweep may have work in. It may
 * return more than that, never less: a project left out is one whose pass would have read nothing due and changed
 * nothing.
 */
export type Finder = (tx: Tx, deps: JobDeps, projects: readonly ProjectInfo[], now: Date) => Promise<Iterable<number>>

export interface AcrossProjects {
  /** Row sweeps: the projects with rows due, from an index over all projects. Absent: every project not quiet. */
  find?: Finder
  /**
   * Calendar sweeps: the settings a pass's "nothing due before" depends on. While they are unchanged and that instant
   * has not come, the project is skipped without a query.
   */
  quietKey?: (project: ProjectInfo) => string
}

interface Quiet {
  from: number
  until: number
  key: string
}

/** What a calendar job learned: each project's quiet span, and the earliest end of them for the list it was read on. */
interface QuietState {
  projects: Map<number, Quiet>
  /** While the list is this one and the tick is in [from, wakeAt), no project can have anything due. */
  list: readonly ProjectInfo[] | null
  from: number
  wakeAt: number
}

// Per scheduler (its deps) and job. Only ever a shortcut: forgetting it costs one pass per project, and a pass
// re-derives everything from the database.
const quietByDeps = new WeakMap<JobDeps, Map<string, QuietState>>()

function quietOf(deps: JobDeps, job: string): QuietState {
  const jobs = quietByDeps.get(deps) ?? new Map<string, QuietState>()
  quietByDeps.set(deps, jobs)
  const quiet = jobs.get(job) ?? { projects: new Map(), list: null, from: 0, wakeAt: 0 }
  jobs.set(job, quiet)
  return quiet
}

// Per scheduler: the project list as last read, kept while the projects' revision stays the same (one key lookup
// instead of every row and its settings, at every tick of every job). The same list object is handed out
// while it is current, so what is derived from it (see `derived`) is kept with it.
const listByDeps = new WeakMap<JobDeps, { revision: string; projects: readonly ProjectInfo[] }>()

async function projectList(tx: Tx, deps: JobDeps): Promise<readonly ProjectInfo[]> {
  const revision = await tx.projects.revision()
  const kept = listByDeps.get(deps)
  if (kept?.revision === revision) return kept.projects
  const projects = await tx.projects.list()
  listByDeps.set(deps, { revision, projects })
  return projects
}

const derivedByList = new WeakMap<readonly ProjectInfo[], Map<string, unknown>>()

/** `make(projects)` computed once per project list (a new list when a project is created or its settings change). */
export function derived<T>(projects: readonly ProjectInfo[], name: string, make: () => T): T {
  const all = derivedByList.get(projects) ?? new Map<string, unknown>()
  derivedByList.set(projects, all)
  if (!all.has(name)) all.set(name, make())
  return all.get(name) as T
}

/** The projects by id, and grouped by a key of their time zone and settings (each group shares its bounds). */
export const projectsById = (projects: readonly ProjectInfo[]) =>
  derived(projects, 'by-id', () => new Map(projects.map((p) => [p.id, p])))

export interface Grouping {
  groups: ProjectInfo[][]
  /** project id → index in `groups` */
  groupOf: Map<number, number>
}

export function groupedBy(projects: readonly ProjectInfo[], name: string, key: (p: ProjectInfo) => string): Grouping {
  return derived(projects, `group:${name}`, () => {
    const index = new Map<string, number>()
    const groups: ProjectInfo[][] = []
    const groupOf = new Map<number, number>()
    for (const p of projects) {
      const k = key(p)
      let i = index.get(k)
      if (i === undefined) {
        i = groups.push([]) - 1
        index.set(k, i)
      }
      groups[i]?.push(p)
      groupOf.set(p.id, i)
    }
    return { groups, groupOf }
  })
}

/**
 * A job that runs `sweep` only in the projects that may have something due, so an idle tick costs about the same
 * with a thousand projects as with one: the project list and the finder's query in one transaction, then
 * per-project work where something is due. One project's failure is logged and does not stop the others; the
 * first is rethrown after all have run.
 */
export function acrossProjects(
  name: string,
  sweep: Sweep,
  how: AcrossProjects = {},
): (deps: JobDeps, now: Date) => Promise<JobReport> {
  return async (deps, now) => {
    const report = emptyReport()
    const t = now.getTime()
    const { projects, due } = await deps.store.transaction(async (tx) => {
      const projects = await projectList(tx, deps)
      const due = how.find ? await how.find(tx, deps, projects, now) : null
      return { projects, due }
    })
    const quiet = how.quietKey ? quietOf(deps, name) : null
    if (quiet && quiet.list === projects && t >= quiet.from && t < quiet.wakeAt) return report
    const byId = projectsById(projects)
    const visit = due ? [...new Set(due)].sort((a, b) => a - b).flatMap((id) => byId.get(id) ?? []) : projects
    const failures: unknown[] = []
    for (const project of visit) {
      const key = quiet && how.quietKey ? how.quietKey(project) : ''
      const q = quiet?.projects.get(project.id)
      if (q && q.key === key && t >= q.from && t < q.until) continue
      try {
        const until = await sweep(deps, project, now, report)
        if (quiet && until) quiet.projects.set(project.id, { from: t, until: until.getTime(), key })
        else quiet?.projects.delete(project.id)
      } catch (e) {
        quiet?.projects.delete(project.id)
        deps.log('scheduler.failed', { job: name, project: project.id, error: e }, 'error')
        failures.push(e)
      }
    }
    if (quiet && how.quietKey) {
      // The earliest instant any project can have something due again; a project without a quiet span wakes now.
      let wakeAt = Number.POSITIVE_INFINITY
      for (const p of projects) {
        const q = quiet.projects.get(p.id)
        wakeAt = Math.min(wakeAt, q && q.key === how.quietKey(p) && t >= q.from ? q.until : t)
      }
      Object.assign(quiet, { list: projects, from: t, wakeAt })
    }
    if (failures.length > 0) throw failures[0]
    return report
  }
}
