/**
 * 待审批: what waits for the manager's 批准/驳回 (R15 deposits and refunds, R21 subscriptions), oldest first. Each
 * runs against its deposit's hold (R14): once the hold has ended (now ≥ heldUntil) it can no longer be approved, so it
 * is no longer waiting; one whose hold ends within `urgentHours` is flagged.
 */
export interface PendingApproval {
  kind: 'deposit' | 'refund' | 'subscription'
  id: number
  /** D3, R1, S2 */
  code: string
  unitCode: string
  agencyName: string
  /** The deposit's amount (deposits, refunds) or the subscription's price. */
  amountFen: number
  /** When it was asked for. */
  since: Date
  /** The end of the hold it runs against. */
  heldUntil: Date
}

export interface QueuedApproval extends PendingApproval {
  urgent: boolean
}

export function approvalQueue(items: readonly PendingApproval[], now: Date, urgentHours: number): QueuedApproval[] {
  const t = now.getTime()
  return items
    .filter((i) => t < i.heldUntil.getTime())
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.code.localeCompare(b.code))
    .map((i) => ({ ...i, urgent: i.heldUntil.getTime() - t <= urgentHours * 3_600_000 }))
}
