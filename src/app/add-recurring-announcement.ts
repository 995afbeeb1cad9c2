import { nextFiring, parseCron } from '../domain/cron.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { describeCron } from '../domain/schedule-words.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import type { CommandContext, RecurringAnnouncementRecord, Tx } from './ports.ts'

/**
 * `/schedule add "<cron>" <内容>` or `/schedule add 每天 8:00 <内容>` (R10 shuttle bus, R17 meetings; the words are
 * read into cron by the chat layer): a recurring announcement, fired by the scheduler
 * in the project's time zone from the next matching minute on. An expression that is not five valid fields, or that
 * never fires, is refused.
 */
export async function addRecurringAnnouncement(
  tx: Tx,
  ctx: CommandContext,
  input: { cron: string; text: string },
): Promise<
  Result<
    { record: RecurringAnnouncementRecord; code: string; words: string | null; next: Date; auditCode: string },
    DomainError
  >
> {
  const spec = parseCron(input.cron)
  if (!spec.ok) return spec
  const next = nextFiring(spec.value, ctx.now, ctx.project.timezone)
  if (!next) return err({ code: 'cron.never', input: spec.value.source })
  const record = await tx.recurring.add({
    projectId: ctx.project.id,
    cron: spec.value.source,
    text: input.text,
    createdBy: ctx.actor.staffId ?? 0,
    createdAt: ctx.now,
  })
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'schedule.add',
    subject: code('T', record.id),
    data: { cron: record.cron, text: record.text },
  })
  return ok({ record, code: code('T', record.id), words: describeCron(spec.value), next, auditCode })
}
