import type { PaymentRecord, SettlementRepo } from '../../app/ports-settlement.ts'
import type { DbTx } from '../client.ts'

type Row = Awaited<ReturnType<DbTx['commissionPayment']['findFirstOrThrow']>>

const toPayment = (r: Row): PaymentRecord => ({
  id: r.id,
  projectId: r.projectId,
  agencyId: r.agencyId,
  month: r.localMonth,
  amountFen: Number(r.amountFen),
  note: r.note,
  paidBy: r.paidBy,
  paidAt: r.paidAt,
  reversesId: r.reversesId,
})

export function settlementRepo(db: DbTx): SettlementRepo {
  return {
    async payments(projectId) {
      return (await db.commissionPayment.findMany({ where: { projectId }, orderBy: { id: 'asc' } })).map(toPayment)
    },
    async paymentById(id) {
      const r = await db.commissionPayment.findUnique({ where: { id } })
      return r && toPayment(r)
    },
    async reversalOf(id) {
      const r = await db.commissionPayment.findUnique({ where: { reversesId: id } })
      return r && toPayment(r)
    },
    async addPayment(p) {
      const r = await db.commissionPayment.create({
        data: {
          projectId: p.projectId,
          agencyId: p.agencyId,
          localMonth: p.month,
          amountFen: BigInt(p.amountFen),
          note: p.note,
          paidBy: p.paidBy,
          paidAt: p.paidAt,
          reversesId: p.reversesId,
        },
      })
      return toPayment(r)
    },
    async acks(projectId) {
      const rows = await db.statementAck.findMany({ where: { projectId }, orderBy: { id: 'asc' } })
      return rows.map((r) => ({
        agencyId: r.agencyId,
        month: r.localMonth,
        staffId: r.staffId,
        at: r.at,
        payableFen: Number(r.payableFen),
        paidFen: Number(r.paidFen),
      }))
    },
    async addAck(projectId, a) {
      const existing = await db.statementAck.findUnique({
        where: { agencyId_localMonth: { agencyId: a.agencyId, localMonth: a.month } },
      })
      if (existing) return false
      await db.statementAck.create({
        data: {
          projectId,
          agencyId: a.agencyId,
          localMonth: a.month,
          staffId: a.staffId,
          at: a.at,
          payableFen: BigInt(a.payableFen),
          paidFen: BigInt(a.paidFen),
        },
      })
      return true
    },
  }
}
