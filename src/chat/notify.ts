import type { Notice } from '../app/notices.ts'
import type { OutboundMessage, ProjectInfo, Tx } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import { maskPhonesInText } from './privacy.ts'
import { approvalButtons } from './reply/buttons.ts'
import { noticeText } from './reply/notices.ts'

/** Platforms where the bot can write to one person; WeCom's callback robot cannot (its long connection can). */
export const DIRECT_CAPABLE: ReadonlySet<Platform> = new Set(['telegram', 'onebot', 'console'])

/**
 * Resolves each notice's audience to chats and renders it for each: direct messages (full detail) to every person
 * reachable directly, and the group version (masked) to every bound group when the audience includes the groups or
 * someone could not be reached directly (unless the notice is for direct messages only).
 */
export async function renderNotices(
  tx: Tx,
  project: ProjectInfo,
  notices: Notice[],
  directCapable: ReadonlySet<Platform> = DIRECT_CAPABLE,
): Promise<OutboundMessage[]> {
  const out: OutboundMessage[] = []
  for (const notice of notices) {
    const staffIds = new Set<number>()
    let toGroups = false
    for (const a of notice.audience) {
      if (a.to === 'groups') toGroups = true
      else if (a.to === 'staff') staffIds.add(a.staffId)
      else {
        const staff =
          a.to === 'role'
            ? await tx.people.listStaff(project.id, { role: a.role, status: 'active' })
            : await tx.people.listStaff(project.id, { agencyId: a.agencyId, role: 'agent', status: 'active' })
        for (const s of staff) staffIds.add(s.id)
      }
    }
    const identities = await tx.people.identitiesOf([...staffIds])
    const reached = new Set<number>()
    const direct = noticeText(notice.event, { tz: project.timezone, group: false, settings: project.settings })
    const buttons = decisionOf(notice)
    for (const i of identities) {
      if (!directCapable.has(i.platform)) continue
      reached.add(i.staffId)
      out.push({
        platform: i.platform,
        target: { kind: 'direct', id: i.userId },
        text: direct,
        ...(buttons ? { parts: [approvalButtons(buttons)] } : {}),
      })
    }
    if (toGroups || (reached.size < staffIds.size && !notice.directOnly)) {
      const text = maskPhonesInText(
        noticeText(notice.event, { tz: project.timezone, group: true, settings: project.settings }),
      )
      for (const g of await tx.groups.ofProject(project.id)) {
        out.push({ platform: g.platform, target: { kind: 'group', id: g.chatId }, text })
      }
    }
  }
  return out
}

/**
 * The record a 【待审批】 notice asks the manager to decide (its direct messages carry 批准/驳回 buttons); null for
 * every other notice. Only the managers are sent these requests, and a press is checked like the typed command.
 */
function decisionOf(notice: Notice): string | null {
  const e = notice.event
  if (e.kind === 'deposit-requested') return e.depositCode
  if (e.kind === 'subscription-requested') return e.subscriptionCode
  if (e.kind === 'refund-requested') return e.refundCode
  return null
}
