import { approvalQueue, type QueuedApproval } from '../domain/approvals.ts'
import type { CommandContext, Tx } from './ports.ts'

/** `待审批` (manager): every deposit, refund and subscription waiting for 批准/驳回, oldest first, urgent ones flagged. */
export async function listApprovals(tx: Tx, ctx: CommandContext): Promise<QueuedApproval[]> {
  const items = await tx.desk.pendingApprovals(ctx.project.id)
  return approvalQueue(items, ctx.now, ctx.project.settings.approvalUrgentHours)
}
