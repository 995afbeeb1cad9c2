import { maskText } from '../domain/phone-mask.ts'
import { auditBase } from './audit.ts'
import { code } from './codes.ts'
import type { CommandContext, TimedRun, Tx } from './ports.ts'
import { AlreadyDone, runKey } from './timed.ts'

/**
 * 隐号报备 lapse: a masked filing not completed by its lapse instant is marked lapsed and its agency told, once under
 * (filing, lapse instant). The mark is a compare-and-set on the row (live → lapsed), so of two instances only one
 * gets here; the key recorded after it makes a rerun roll back. Protection already ended at the instant itself.
 */
export async function lapseMasked(
  tx: Tx,
  ctx: CommandContext,
  input: { id: number; lapsesAt: Date; lateAfterMs: number },
): Promise<TimedRun | null> {
  const { project, now } = ctx
  const m = await tx.masked.byId(input.id)
  if (!m || m.projectId !== project.id) return null
  if (!(await tx.masked.markLapsed(m.id, now))) return null
  const maskedCode = code('M', m.id)
  const run: TimedRun = {
    key: runKey('masked-lapse', maskedCode, m.lapsesAt),
    projectId: project.id,
    kind: 'masked-lapse',
    dueAt: m.lapsesAt,
    // the notice is news as long as it comes: it is never dropped, only marked late
    outcome: now.getTime() - m.lapsesAt.getTime() > input.lateAfterMs ? 'late' : 'sent',
  }
  if (!(await tx.schedule.claim(run, now, ctx.actor.identity))) throw new AlreadyDone(run)
  await tx.audit.append({
    ...auditBase(ctx),
    action: 'filing.masked-lapse',
    subject: maskedCode,
    data: { mask: maskText(m.mask), name: m.name, agencyId: m.agencyId, lapsesAt: m.lapsesAt },
  })
  const agency = await tx.agencies.byId(m.agencyId)
  ctx.notify({
    audience: [{ to: 'agency', agencyId: m.agencyId }],
    directOnly: true,
    event: {
      kind: 'masked-lapsed',
      maskedCode,
      mask: maskText(m.mask),
      name: m.name,
      agencyName: agency?.name ?? '',
      lapsedAt: m.lapsesAt,
    },
  })
  return run
}
