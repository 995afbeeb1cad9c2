/**
 * 待审批: what waits for the manager's 批准/驳回 (R15 deposits and refunds, R21 subscriptions), oldest first. Each
 * runs against its deposit's hold (R14): once the hold has ended (now ≥ heldUntil) it can no longer be approved, so it
 * is no longer waiting; one whose hold ends within `urgentHours` is flagged. A subscription (认购) keeps its unit held
 * until it is decided, so it waits past the deposit's end and is never "about to be released".
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
  /** A subscription: the unit stays held until the manager decides, whatever the deposit's end. */
  keepsHold: boolean
}

export function approvalQueue(items: readonly PendingApproval[], now: Date, urgentHours: number): QueuedApproval[] {
  const t = now.getTime()
  return items
    .filter((i) => i.kind === 'subscription' || t < i.heldUntil.getTime())
    .sort((a, b) => a.since.getTime() - b.since.getTime() || a.code.localeCompare(b.code))
    .map((i) => {
      const keepsHold = i.kind === 'subscription'
      return { ...i, keepsHold, urgent: !keepsHold && i.heldUntil.getTime() - t <= urgentHours * 3_600_000 }
    })
}
