import type {
  CommissionRepo,
  DismissalRecord,
  DismissalRepo,
  FineRecord,
  FineRepo,
  SignedContractRecord,
} from '../../app/ports.ts'
import type { FineCode } from '../../domain/fines.ts'
import type { BatchLocks } from '../batch-locks.ts'
import type { DbTx } from '../client.ts'

interface FineRow {
  id: number
  projectId: number
  agencyId: number
  staffId: number | null
  type: string
  quantity: number
  amountFen: bigint
  note: string | null
  issuedBy: number
  issuedAt: Date
  localMonth: string
  severe: boolean
  reversesId: number | null
}

const toFine = (r: FineRow): FineRecord => ({
  id: r.id,
  projectId: r.projectId,
  agencyId: r.agencyId,
  staffId: r.staffId,
  code: r.type as FineCode,
  quantity: r.quantity,
  amountFen: Number(r.amountFen),
  note: r.note,
  issuedBy: r.issuedBy,
  issuedAt: r.issuedAt,
  localMonth: r.localMonth,
  severe: r.severe,
  reversesId: r.reversesId,
})

const LEDGER_ORDER = [{ issuedAt: 'asc' as const }, { id: 'asc' as const }]

export function fineRepo(db: DbTx, locks: BatchLocks): FineRepo {
  return {
    // A no-op update takes the row lock in PostgreSQL until commit; SQLite already runs write transactions one at a time.
    async lockAgency(agencyId) {
      locks.take(`agency:${agencyId}`)
      await db.$executeRaw`UPDATE agency SET seq = seq WHERE id = ${agencyId}`
    },
    async add(f) {
      const row = await db.fine.create({
        data: {
          projectId: f.projectId,
          agencyId: f.agencyId,
          staffId: f.staffId,
          type: f.code,
          quantity: f.quantity,
          amountFen: BigInt(f.amountFen),
          note: f.note,
          issuedBy: f.issuedBy,
          issuedAt: f.issuedAt,
          localMonth: f.localMonth,
          severe: f.severe,
          reversesId: f.reversesId,
        },
      })
      return toFine(row)
    },
    async byId(id) {
      const r = await db.fine.findUnique({ where: { id } })
      return r && toFine(r)
    },
    async ofAgency(agencyId) {
      return (await db.fine.findMany({ where: { agencyId }, orderBy: LEDGER_ORDER })).map(toFine)
    },
    async ofProject(projectId) {
      return (await db.fine.findMany({ where: { projectId }, orderBy: LEDGER_ORDER })).map(toFine)
    },
  }
}

export function dismissalRepo(db: DbTx): DismissalRepo {
  return {
    async add(d) {
      return (await db.dismissal.create({ data: d })) as DismissalRecord
    },
    async byReason(agencyId, reason) {
      return (await db.dismissal.findFirst({
        where: { agencyId, reason },
        orderBy: { id: 'asc' },
      })) as DismissalRecord | null
    },
    async pending(projectId, agencyId) {
      return (await db.dismissal.findMany({
        where: { projectId, agencyId, confirmedAt: null },
        orderBy: { id: 'asc' },
      })) as DismissalRecord[]
    },
    async confirmedOf(agencyId) {
      return (await db.dismissal.findFirst({
        where: { agencyId, confirmedAt: { not: null } },
        orderBy: { confirmedAt: 'desc' },
      })) as DismissalRecord | null
    },
    async confirm(ids, by, at) {
      if (ids.length === 0) return
      await db.dismissal.updateMany({
        where: { id: { in: [...ids] }, confirmedAt: null },
        data: { confirmedAt: at, confirmedBy: by },
      })
    },
    async lift(agencyId, by, at, reason) {
      const lifted = await db.dismissal.updateMany({
        where: { agencyId, confirmedAt: { not: null }, liftedAt: null },
        data: { liftedAt: at, liftedBy: by, liftReason: reason },
      })
      return lifted.count
    },
    async lastLifted(agencyId) {
      const r = await db.dismissal.findFirst({
        where: { agencyId, liftedAt: { not: null } },
        orderBy: { liftedAt: 'desc' },
        select: { liftedAt: true },
      })
      return r?.liftedAt ?? null
    },
  }
}

export function commissionRepo(db: DbTx): CommissionRepo {
  return {
    async signedContracts(projectId, agencyId) {
      const rows = await db.contract.findMany({
        where: { projectId, agencyId },
        orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
        select: { id: true, agencyId: true, priceFen: true, basement: true, signedAt: true, unitId: true },
      })
      const units = await db.unit.findMany({
        where: { id: { in: rows.map((r) => r.unitId) } },
        select: { id: true, code: true },
      })
      const codes = new Map(units.map((u) => [u.id, u.code]))
      return rows.map(
        (r): SignedContractRecord => ({
          id: r.id,
          agencyId: r.agencyId,
          priceFen: Number(r.priceFen),
          basement: r.basement,
          signedAt: r.signedAt,
          unitCode: codes.get(r.unitId) ?? null,
        }),
      )
    },
    async listPricesForSale(projectId) {
      const rows = await db.unit.findMany({
        where: { projectId, basement: false, status: 'available' },
        select: { listPriceFen: true },
      })
      return rows.map((r) => Number(r.listPriceFen))
    },
  }
}
