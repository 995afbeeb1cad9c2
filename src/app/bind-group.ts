import type { DomainError } from '../domain/errors.ts'
import type { Platform } from '../domain/platform.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { Actor, ProjectInfo, Tx } from './ports.ts'

/**
 * /group bind <项目>: binds a group chat to a project (created on first use), so its commands act on that project and
 * its broadcasts reach the group. Re-binding moves the group. Audited in the project it is bound to.
 */
export async function bindGroup(
  tx: Tx,
  input: {
    platform: Platform
    chatId: string
    title: string | null
    projectName: string
    timezone: string
    actor: Actor
    now: Date
    source: string | null
  },
): Promise<Result<{ project: ProjectInfo; created: boolean; auditCode: string }, DomainError>> {
  let project = await tx.projects.byName(input.projectName)
  const created = project === null
  project ??= await tx.projects.create(input.projectName, input.timezone, input.now)
  await tx.groups.bind(
    { platform: input.platform, chatId: input.chatId, projectId: project.id, title: input.title },
    input.actor.identity,
    input.now,
  )
  const auditCode = await tx.audit.append({
    projectId: project.id,
    at: input.now,
    actor: input.actor.identity,
    actorStaffId: input.actor.staffId,
    action: 'group.bind',
    subject: `${input.platform}:${input.chatId}`,
    data: { title: input.title, created },
    source: input.source,
  })
  return ok({ project, created, auditCode })
}

/** /group wecom-key <key>: the WeCom group's push robot (群机器人) key, used to send to that group. */
export async function setWecomKey(
  tx: Tx,
  input: { platform: Platform; chatId: string; key: string; actor: Actor; now: Date; source: string | null },
): Promise<Result<{ auditCode: string }, DomainError>> {
  const binding = await tx.groups.find(input.platform, input.chatId)
  if (!binding) return err({ code: 'project.unbound' })
  await tx.groups.setWecomKey(input.platform, input.chatId, input.key)
  const auditCode = await tx.audit.append({
    projectId: binding.projectId,
    at: input.now,
    actor: input.actor.identity,
    actorStaffId: input.actor.staffId,
    action: 'group.wecom-key',
    subject: `${input.platform}:${input.chatId}`,
    // the key itself is a credential: only its tail goes into the evidence log
    data: { keyTail: input.key.slice(-4) },
    source: input.source,
  })
  return ok({ auditCode })
}
