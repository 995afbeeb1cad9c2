import { Conflict, type ContractRecord, type SubscriptionRecord, type SubscriptionRepo } from '../../app/ports.ts'
import type { SubscriptionStatus } from '../../domain/subscription.ts'
import type { DbTx } from '../client.ts'
import { changeData } from './deposits.ts'

const toSubscription = (r: {
  id: number
  projectId: number
  depositId: number
  unitId: number
  customerId: number
  agencyId: number
  priceFen: bigint
  status: string
  requestedBy: number
  requestedAt: Date
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
}): SubscriptionRecord => ({ ...r, priceFen: Number(r.priceFen), status: r.status as SubscriptionStatus })

const toContract = (r: Omit<ContractRecord, 'priceFen'> & { priceFen: bigint }): ContractRecord => ({
  ...r,
  priceFen: Number(r.priceFen),
})

export function subscriptionRepo(db: DbTx): SubscriptionRepo {
  return {
    async add(s) {
      return toSubscription(await db.subscription.create({ data: { ...s, priceFen: BigInt(s.priceFen) } }))
    },
    async byId(id) {
      const r = await db.subscription.findUnique({ where: { id } })
      return r && toSubscription(r)
    },
    async ofDeposit(depositId) {
      return (await db.subscription.findMany({ where: { depositId }, orderBy: { id: 'asc' } })).map(toSubscription)
    },
    async setStatus(id, from, to, change) {
      const changed = await db.subscription.updateMany({
        where: { id, status: from },
        data: { status: to, ...changeData(change) },
      })
      if (changed.count !== 1) throw new Conflict(`subscription ${id} is no longer ${from}`)
    },
    async addContract(c) {
      return toContract(await db.contract.create({ data: { ...c, priceFen: BigInt(c.priceFen) } }))
    },
    async contractOf(subscriptionId) {
      const r = await db.contract.findUnique({ where: { subscriptionId } })
      return r && toContract(r)
    },
  }
}
