import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { auditBase } from './audit.ts'
import { code, parseCode } from './codes.ts'
import type { CommandContext, Tx } from './ports.ts'

/** `/schedule remove T3`: the announcement stops firing (the row stays, marked removed, as the record). */
export async function removeRecurringAnnouncement(
  tx: Tx,
  ctx: CommandContext,
  ref: string,
): Promise<Result<{ code: string; cron: string; text: string; auditCode: string }, DomainError>> {
  const id = parseCode(ref, 'T')
  const record = id === null ? null : await tx.recurring.byId(id)
  if (!record || record.projectId !== ctx.project.id || record.removedAt !== null)
    return err({ code: 'schedule.not-found', ref })
  if (!(await tx.recurring.remove(record.id, ctx.now))) return err({ code: 'schedule.not-found', ref })
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'schedule.remove',
    subject: code('T', record.id),
    data: { cron: record.cron, text: record.text },
  })
  return ok({ code: code('T', record.id), cron: record.cron, text: record.text, auditCode })
}
