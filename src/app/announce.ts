import type { DomainError } from '../domain/errors.ts'
import { ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/**
 * 公告 (R17): stored, audited and broadcast to every group bound to the project, on every platform. Recurring
 * announcements (R10 shuttle bus) come through here too, with the recurring record's code.
 */
export async function announce(
  tx: Tx,
  ctx: CommandContext,
  input: { text: string; recurring?: { id: number; code: string } },
): Promise<Result<{ id: number; auditCode: string }, DomainError>> {
  const id = await tx.announcements.add({
    projectId: ctx.project.id,
    text: input.text,
    by: ctx.actor.staffId ?? 0,
    at: ctx.now,
    recurringId: input.recurring?.id ?? null,
  })
  ctx.notify({
    audience: [{ to: 'groups' }],
    event: { kind: 'announcement', text: input.text, by: ctx.actor.name, recurringCode: input.recurring?.code ?? null },
  })
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'announcement',
    subject: input.recurring?.code ?? null,
    data: { announcementId: id, text: input.text },
  })
  return ok({ id, auditCode })
}
