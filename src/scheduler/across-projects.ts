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

// Per scheduler (its deps) and job: what each calendar sweep learned. Only ever a shortcut: forgetting it costs one
// pass per project, and a pass re-derives everything from the database.
const quietByDeps = new WeakMap<JobDeps, Map<string, Map<number, Quiet>>>()

function quietOf(deps: JobDeps, job: string): Map<number, Quiet> {
  const jobs = quietByDeps.get(deps) ?? new Map<string, Map<number, Quiet>>()
  quietByDeps.set(deps, jobs)
  const quiet = jobs.get(job) ?? new Map<number, Quiet>()
  jobs.set(job, quiet)
  return quiet
}

// Per scheduler: the project list as last read, kept while the projects' revision stays the same (one small
// aggregate instead of every row and its settings, at every tick of every job).
const listByDeps = new WeakMap<JobDeps, { revision: string; projects: readonly ProjectInfo[] }>()

async function projectList(tx: Tx, deps: JobDeps): Promise<readonly ProjectInfo[]> {
  const revision = await tx.projects.revision()
  const kept = listByDeps.get(deps)
  if (kept?.revision === revision) return kept.projects
  const projects = await tx.projects.list()
  listByDeps.set(deps, { revision, projects })
  return projects
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
    const quiet = how.quietKey ? quietOf(deps, name) : null
    const { projects, due } = await deps.store.transaction(async (tx) => {
      const projects = await projectList(tx, deps)
      const due = how.find ? new Set(await how.find(tx, deps, projects, now)) : null
      return { projects, due }
    })
    const failures: unknown[] = []
    for (const project of projects) {
      if (due && !due.has(project.id)) continue
      const key = quiet && how.quietKey ? how.quietKey(project) : ''
      const q = quiet?.get(project.id)
      if (q && q.key === key && t >= q.from && t < q.until) continue
      try {
        const until = await sweep(deps, project, now, report)
        if (quiet && until) quiet.set(project.id, { from: t, until: until.getTime(), key })
        else quiet?.delete(project.id)
      } catch (e) {
        quiet?.delete(project.id)
        deps.log('scheduler.failed', { job: name, project: project.id, error: e }, 'error')
        failures.push(e)
      }
    }
    if (failures.length > 0) throw failures[0]
    return report
  }
}

/** Memoises `f` by a string key for one tick: projects sharing a time zone and settings share one computation. */
export function byKey<T>(f: (project: ProjectInfo) => T, key: (project: ProjectInfo) => string) {
  const seen = new Map<string, T>()
  return (project: ProjectInfo): T => {
    const k = key(project)
    let v = seen.get(k)
    if (v === undefined) {
      v = f(project)
      seen.set(k, v)
    }
    return v
  }
}
