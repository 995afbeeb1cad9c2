import { isHoldLive } from '../domain/deposit.ts'
import type { Ownership } from '../domain/filing.ts'
import { code } from './codes.ts'
import type { CustomerRecord, Tx } from './ports.ts'

/** The deal that locks a customer to its agency (rule 5): a contract, else an approved subscription, else a live hold. */
export interface DealLock {
  code: string
  agencyId: number
}

const RANK = { C: 3, S: 2, D: 1 } as const

/**
 * Rule 5, derived from the customer's deals at `now`: a contract beats an approved subscription beats a live deposit
 * (pending or approved, now < heldUntil); among equals the earliest keeps the lock. Null when no deal is alive — a
 * hold that ended at `now` no longer locks, whether or not the sweep has marked it.
 */
export async function dealLockOf(tx: Tx, customerId: number, now: Date): Promise<DealLock | null> {
  let best: (DealLock & { rank: number }) | null = null
  const consider = (letter: keyof typeof RANK, id: number, agencyId: number) => {
    const rank = RANK[letter]
    if (best === null || rank > best.rank) best = { code: code(letter, id), agencyId, rank }
  }
  for (const d of await tx.deposits.openOfCustomer(customerId)) {
    if (d.status === 'subscribed') {
      const sub = (await tx.subscriptions.ofDeposit(d.id)).find((s) => s.status === 'approved' || s.status === 'signed')
      if (!sub) continue
      const contract = sub.status === 'signed' ? await tx.subscriptions.contractOf(sub.id) : null
      if (contract) consider('C', contract.id, contract.agencyId)
      else consider('S', sub.id, sub.agencyId)
    } else if (isHoldLive(d, now)) consider('D', d.id, d.agencyId)
    // a hold past its end that the sweep has not marked yet still locks while its 认购 waits for the manager
    else if (d.status === 'approved' && (await tx.subscriptions.ofDeposit(d.id)).some((s) => s.status === 'pending'))
      consider('D', d.id, d.agencyId)
  }
  const found = best as (DealLock & { rank: number }) | null
  return found && { code: found.code, agencyId: found.agencyId }
}

/** The customer's ownership with the deal lock as it stands at `now` (what the filing and deposit rules must see). */
export async function currentOwnership(tx: Tx, customer: CustomerRecord, now: Date): Promise<Ownership | null> {
  const o = customer.ownership
  if (o === null) return null
  const lock = o.dealCode === null ? null : await dealLockOf(tx, customer.id, now)
  return withLock(o, lock)
}

function withLock(o: Ownership, lock: DealLock | null): Ownership {
  return lock ? { ...o, agencyId: lock.agencyId, dealCode: lock.code } : { ...o, dealCode: null }
}

/**
 * After a deal changed (rejected, refunded, released, subscribed, signed): writes the customer's lock as the deals
 * now say, by compare-and-set on the customer. Returns the lock code, or null when the customer is free of deals.
 */
export async function refreshDealLock(tx: Tx, customerId: number, now: Date): Promise<string | null> {
  const customer = await tx.customers.byId(customerId)
  if (!customer?.ownership) return null
  const lock = await dealLockOf(tx, customerId, now)
  const next = withLock(customer.ownership, lock)
  if (next.dealCode !== customer.ownership.dealCode || next.agencyId !== customer.ownership.agencyId) {
    await tx.customers.setOwnership(customer, next)
  }
  return next.dealCode
}
