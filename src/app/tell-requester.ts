import type { NoticeEvent } from './notices.ts'
import type { CommandContext } from './ports.ts'

/** Tells whoever asked for a record about its outcome, unless they decided it themselves or have no staff record. */
export function tellRequester(ctx: CommandContext, requestedBy: number, event: NoticeEvent): void {
  if (requestedBy === 0 || requestedBy === ctx.actor.staffId) return
  ctx.notify({ audience: [{ to: 'staff', staffId: requestedBy }], event })
}
