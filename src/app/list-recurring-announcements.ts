import { nextFiring, parseCron } from '../domain/cron.ts'
import { describeCron } from '../domain/schedule-words.ts'
import { code } from './codes.ts'
import type { CommandContext, Tx } from './ports.ts'

/** `/schedule list`: the project's recurring announcements, in words where cron allows, with their next firing. */
export async function listRecurringAnnouncements(
  tx: Tx,
  ctx: CommandContext,
): Promise<{ code: string; cron: string; words: string | null; text: string; next: Date | null }[]> {
  const rows = await tx.recurring.active(ctx.project.id)
  return rows.map((r) => {
    const spec = parseCron(r.cron)
    return {
      code: code('T', r.id),
      cron: r.cron,
      words: spec.ok ? describeCron(spec.value) : null,
      text: r.text,
      next: spec.ok ? nextFiring(spec.value, ctx.now, ctx.project.timezone) : null,
    }
  })
}
