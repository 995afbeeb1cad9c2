import type { DomainError } from '../domain/errors.ts'
import type { Platform } from '../domain/platform.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { Actor, ProjectInfo, Tx } from './ports.ts'

/**
 * The project a bootstrap admin's direct-chat command acts on: the deployment's only project; with several, the one
 * the admin chose with `/project use`. Null with the names to choose from when there are several and no choice.
 */
export async function directProject(
  tx: Tx,
  platform: Platform,
  userId: string,
): Promise<{ project: ProjectInfo | null; choices: string[] }> {
  const projects = await tx.projects.list()
  if (projects.length <= 1) return { project: projects[0] ?? null, choices: [] }
  const chosen = await tx.projects.choiceOf(platform, userId)
  const project = projects.find((p) => p.id === chosen) ?? null
  return { project, choices: project ? [] : projects.map((p) => p.name) }
}

/** `/project use <名称>`: remembers the project for this person's direct-chat commands; audited in that project. */
export async function chooseProject(
  tx: Tx,
  input: { platform: Platform; userId: string; name: string; actor: Actor; now: Date; source: string | null },
): Promise<Result<{ project: ProjectInfo; auditCode: string }, DomainError>> {
  const project = await tx.projects.byName(input.name)
  if (!project) return err({ code: 'project.not-found', name: input.name })
  await tx.projects.choose(input.platform, input.userId, project.id, input.now)
  const auditCode = await tx.audit.append({
    projectId: project.id,
    at: input.now,
    actor: input.actor.identity,
    actorStaffId: input.actor.staffId,
    action: 'project.use',
    subject: input.actor.identity,
    data: {},
    source: input.source,
  })
  return ok({ project, auditCode })
}

/** `/group bind` with no name: the deployment's only project; with none or several, which names to choose from. */
export async function onlyProject(tx: Tx): Promise<Result<ProjectInfo, DomainError>> {
  const projects = await tx.projects.list()
  if (projects.length === 1 && projects[0]) return ok(projects[0])
  return err({ code: 'project.choose', names: projects.map((p) => p.name), command: '/群 绑定 <项目名称>' })
}
