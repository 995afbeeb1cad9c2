import {
  Conflict,
  type DepositRecord,
  type DepositRepo,
  type HoldRecord,
  type RefundRecord,
  type StatusChange,
} from '../../app/ports.ts'
import type { DepositStatus, RefundStatus } from '../../domain/deposit.ts'
import type { DepositKind } from '../../domain/settings.ts'
import type { DbTx } from '../client.ts'

interface DepositRow {
  id: number
  projectId: number
  unitId: number
  customerId: number
  agencyId: number
  requestedBy: number
  requesterAgencyId: number | null
  attribution: string
  kind: string
  amountFen: bigint
  status: string
  recordedAt: Date
  heldUntil: Date
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
  closedAt: Date | null
}

const toDeposit = (r: DepositRow): DepositRecord => ({
  ...r,
  attribution: r.attribution as DepositRecord['attribution'],
  kind: r.kind as DepositKind,
  amountFen: Number(r.amountFen),
  status: r.status as DepositStatus,
})

const toRefund = (r: {
  id: number
  projectId: number
  depositId: number
  status: string
  requestedBy: number
  requestedAt: Date
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
}): RefundRecord => ({ ...r, status: r.status as RefundStatus })

/** A hold that still holds (or held until its end): the scheduler's view, with the unit's code. */
const LIVE: DepositStatus[] = ['pending', 'approved']

const holdSelect = {
  id: true,
  unitId: true,
  agencyId: true,
  requestedBy: true,
  status: true,
  recordedAt: true,
  heldUntil: true,
} as const

async function withUnitCodes(
  db: DbTx,
  rows: {
    id: number
    unitId: number
    agencyId: number
    requestedBy: number
    status: string
    recordedAt: Date
    heldUntil: Date
  }[],
): Promise<HoldRecord[]> {
  if (rows.length === 0) return []
  const units = await db.unit.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.unitId))] } },
    select: { id: true, code: true },
  })
  const codes = new Map(units.map((u) => [u.id, u.code]))
  return rows.map((r) => ({
    depositId: r.id,
    unitId: r.unitId,
    unitCode: codes.get(r.unitId) ?? '',
    agencyId: r.agencyId,
    requestedBy: r.requestedBy,
    status: r.status as DepositStatus,
    recordedAt: r.recordedAt,
    heldUntil: r.heldUntil,
  }))
}

export const changeData = (c: StatusChange) => ({
  ...(c.decidedBy !== undefined ? { decidedBy: c.decidedBy, decidedAt: c.at } : {}),
  ...(c.reason !== undefined ? { reason: c.reason } : {}),
})

export function depositRepo(db: DbTx): DepositRepo {
  return {
    async add(d) {
      const row = await db.deposit.create({ data: { ...d, amountFen: BigInt(d.amountFen) } })
      return toDeposit(row)
    },
    async byId(id) {
      const r = await db.deposit.findUnique({ where: { id } })
      return r && toDeposit(r)
    },
    async openOfCustomer(customerId) {
      const rows = await db.deposit.findMany({
        where: { customerId, status: { in: [...LIVE, 'awaiting', 'subscribed'] } },
        orderBy: { id: 'asc' },
      })
      return rows.map(toDeposit)
    },
    async setStatus(id, from, to, change) {
      const changed = await db.deposit.updateMany({
        where: { id, status: from },
        data: { status: to, ...changeData(change), ...(change.closed ? { closedAt: change.at } : {}) },
      })
      if (changed.count !== 1) throw new Conflict(`deposit ${id} is no longer ${from}`)
    },
    async dueExpiries(projectId, now, limit) {
      const rows = await db.deposit.findMany({
        where: { projectId, status: { in: LIVE }, heldUntil: { lte: now } },
        orderBy: [{ heldUntil: 'asc' }, { id: 'asc' }],
        take: limit,
        select: holdSelect,
      })
      return withUnitCodes(db, rows)
    },
    async endingBetween(projectId, from, to, afterId, limit) {
      const rows = await db.deposit.findMany({
        where: { projectId, status: { in: LIVE }, heldUntil: { gt: from, lte: to }, id: { gt: afterId } },
        orderBy: { id: 'asc' },
        take: limit,
        select: holdSelect,
      })
      return withUnitCodes(db, rows)
    },
    async addRefund(r) {
      return toRefund(await db.refund.create({ data: r }))
    },
    async refundById(id) {
      const r = await db.refund.findUnique({ where: { id } })
      return r && toRefund(r)
    },
    async refundsOf(depositId) {
      return (await db.refund.findMany({ where: { depositId }, orderBy: { id: 'asc' } })).map(toRefund)
    },
    async setRefundStatus(id, from, to, change) {
      const changed = await db.refund.updateMany({
        where: { id, status: from },
        data: { status: to, ...changeData(change) },
      })
      if (changed.count !== 1) throw new Conflict(`refund ${id} is no longer ${from}`)
    },
  }
}
