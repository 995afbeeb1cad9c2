import { code } from '../../app/codes.ts'
import type { CollisionRecord, DeskRepo } from '../../app/ports.ts'
import type { PendingApproval } from '../../domain/approvals.ts'
import type { DepositStatus } from '../../domain/deposit.ts'
import type { PeriodRecords } from '../../domain/report.ts'
import type { SubscriptionStatus } from '../../domain/subscription.ts'
import type { DbTx } from '../client.ts'

/** Names of the given ids, one query per table. */
async function names(db: DbTx, ids: { agencies?: number[]; staff?: number[]; units?: number[] }) {
  const only = (xs?: number[]) => [...new Set(xs ?? [])]
  const [agencies, staff, units] = await Promise.all([
    ids.agencies?.length ? db.agency.findMany({ where: { id: { in: only(ids.agencies) } } }) : [],
    ids.staff?.length ? db.staff.findMany({ where: { id: { in: only(ids.staff) } } }) : [],
    ids.units?.length ? db.unit.findMany({ where: { id: { in: only(ids.units) } } }) : [],
  ])
  return {
    agency: (id: number) => agencies.find((a) => a.id === id)?.name ?? `#${id}`,
    staff: (id: number | null) => (id === null ? null : (staff.find((s) => s.id === id)?.name ?? null)),
    unit: (id: number) => units.find((u) => u.id === id)?.code ?? '',
  }
}

export function deskRepo(db: DbTx): DeskRepo {
  return {
    async pendingApprovals(projectId) {
      const [deposits, refunds, subscriptions] = await Promise.all([
        db.deposit.findMany({ where: { projectId, status: 'pending' } }),
        db.refund.findMany({ where: { projectId, status: 'pending' } }),
        db.subscription.findMany({ where: { projectId, status: 'pending' } }),
      ])
      const behind = await db.deposit.findMany({
        where: { id: { in: [...refunds.map((r) => r.depositId), ...subscriptions.map((s) => s.depositId)] } },
      })
      const all = [...deposits, ...behind]
      const deposit = (id: number) => all.find((d) => d.id === id)
      const n = await names(db, {
        agencies: [...all.map((d) => d.agencyId), ...subscriptions.map((s) => s.agencyId)],
        units: all.map((d) => d.unitId),
      })
      const out: PendingApproval[] = deposits.map((d) => ({
        kind: 'deposit',
        id: d.id,
        code: code('D', d.id),
        unitCode: n.unit(d.unitId),
        agencyName: n.agency(d.agencyId),
        amountFen: Number(d.amountFen),
        since: d.recordedAt,
        heldUntil: d.heldUntil,
      }))
      for (const r of refunds) {
        const d = deposit(r.depositId)
        if (!d) continue
        out.push({
          kind: 'refund',
          id: r.id,
          code: code('R', r.id),
          unitCode: n.unit(d.unitId),
          agencyName: n.agency(d.agencyId),
          amountFen: Number(d.amountFen),
          since: r.requestedAt,
          heldUntil: d.heldUntil,
        })
      }
      for (const s of subscriptions) {
        const d = deposit(s.depositId)
        if (!d) continue
        out.push({
          kind: 'subscription',
          id: s.id,
          code: code('S', s.id),
          unitCode: n.unit(s.unitId),
          agencyName: n.agency(s.agencyId),
          amountFen: Number(s.priceFen),
          since: s.requestedAt,
          heldUntil: d.heldUntil,
        })
      }
      return out
    },

    async collisions(projectId, from, to) {
      const rows = await db.collision.findMany({
        where: { projectId, attemptedAt: { gte: from, lt: to } },
        orderBy: [{ attemptedAt: 'asc' }, { id: 'asc' }],
      })
      if (rows.length === 0) return []
      const filingIds = rows.flatMap((r) => (r.ownerFilingId === null ? [] : [r.ownerFilingId]))
      const [customers, filings] = await Promise.all([
        db.customer.findMany({
          where: { id: { in: rows.flatMap((r) => (r.customerId === null ? [] : [r.customerId])) } },
        }),
        db.filing.findMany({ where: { id: { in: filingIds } } }),
      ])
      const n = await names(db, {
        agencies: rows.flatMap((r) => [r.ownerAgencyId, r.challengerAgencyId]),
        staff: [...rows.map((r) => r.challengerStaffId), ...filings.map((f) => f.filedBy)],
      })
      return rows.map((r): CollisionRecord => {
        const customer = customers.find((c) => c.id === r.customerId)
        const filing = filings.find((f) => f.id === r.ownerFilingId)
        return {
          id: r.id,
          auditCode: r.auditCode,
          at: r.attemptedAt,
          // addCollision stores no protection end when a deal locked the customer (rule 5 → R13)
          rule: r.ownerUntil === null ? 'R13' : 'R12',
          // a collision of two masked filings (隐号报备) knows only the mask and the name typed
          customer: { name: customer?.name ?? r.maskedName ?? '', phone: customer?.phone ?? r.maskedPhone ?? '' },
          owner: {
            agencyName: n.agency(r.ownerAgencyId),
            filingCode: r.ownerFilingId === null ? null : code('F', r.ownerFilingId),
            staffName: filing ? n.staff(filing.filedBy) : null,
            since: r.ownerSince,
            until: r.ownerUntil,
          },
          challenger: { agencyName: n.agency(r.challengerAgencyId), staffName: n.staff(r.challengerStaffId) },
        }
      })
    },

    async periodRecords(projectId, from, to) {
      const range = { gte: from, lt: to }
      const [filings, visits, deposits, subscriptions, contracts, collisions, turns, fines] = await Promise.all([
        db.filing.findMany({ where: { projectId, filedAt: range }, orderBy: { id: 'asc' } }),
        db.visit.findMany({ where: { projectId, at: range }, orderBy: { id: 'asc' } }),
        db.deposit.findMany({ where: { projectId, recordedAt: range }, orderBy: { id: 'asc' } }),
        db.subscription.findMany({ where: { projectId, decidedAt: range }, orderBy: { id: 'asc' } }),
        db.contract.findMany({ where: { projectId, signedAt: range }, orderBy: { id: 'asc' } }),
        db.collision.findMany({ where: { projectId, attemptedAt: range }, orderBy: { id: 'asc' } }),
        db.rotationTurn.findMany({ where: { projectId, at: range }, orderBy: { id: 'asc' } }),
        db.fine.findMany({ where: { projectId, issuedAt: range }, orderBy: { id: 'asc' } }),
      ])
      // A visit counts for the agency whose filing it renewed.
      const visited = await db.filing.findMany({
        where: { id: { in: [...new Set(visits.map((v) => v.filingId))] } },
        select: { id: true, agencyId: true },
      })
      const filingAgency = new Map(visited.map((f) => [f.id, f.agencyId]))
      const records: PeriodRecords = {
        filings: filings.map((f) => ({ code: code('F', f.id), agencyId: f.agencyId, at: f.filedAt })),
        visits: visits.flatMap((v) => {
          const agencyId = filingAgency.get(v.filingId)
          return agencyId === undefined ? [] : [{ code: `V${v.id}`, agencyId, at: v.at }]
        }),
        deposits: deposits.map((d) => ({
          code: code('D', d.id),
          agencyId: d.agencyId,
          at: d.recordedAt,
          status: d.status as DepositStatus,
        })),
        subscriptions: subscriptions.map((s) => ({
          code: code('S', s.id),
          agencyId: s.agencyId,
          at: s.decidedAt as Date,
          status: s.status as SubscriptionStatus,
        })),
        signings: contracts.map((c) => ({ code: code('C', c.id), agencyId: c.agencyId, at: c.signedAt })),
        collisions: collisions.map((c) => ({
          code: c.auditCode,
          ownerAgencyId: c.ownerAgencyId,
          challengerAgencyId: c.challengerAgencyId,
          at: c.attemptedAt,
        })),
        turns: turns.map((t) => ({
          id: t.id,
          agencyId: t.agencyId,
          outcome: t.outcome as PeriodRecords['turns'][number]['outcome'],
          reason: t.reason,
          leadKind: t.leadKind as PeriodRecords['turns'][number]['leadKind'],
          at: t.at,
        })),
        fines: fines.map((f) => ({
          code: code('P', f.id),
          agencyId: f.agencyId,
          amountFen: Number(f.amountFen),
          reversal: f.reversesId !== null,
          at: f.issuedAt,
        })),
      }
      return records
    },

    async checkInsOn(projectId, localDate) {
      const rows = await db.checkIn.findMany({ where: { projectId, localDate }, orderBy: { at: 'asc' } })
      if (rows.length === 0) return []
      const staff = await db.staff.findMany({ where: { id: { in: rows.map((r) => r.staffId) } } })
      return rows.map((r) => ({
        staffId: r.staffId,
        agencyId: staff.find((s) => s.id === r.staffId)?.agencyId ?? null,
        at: r.at,
      }))
    },

    async protectionsEnding(projectId, from, to) {
      const rows = await db.customer.findMany({
        where: { projectId, dealCode: null, ownerAgencyId: { not: null }, protectedUntil: { gt: from, lte: to } },
        orderBy: [{ protectedUntil: 'asc' }, { id: 'asc' }],
      })
      const n = await names(db, { agencies: rows.map((r) => r.ownerAgencyId as number) })
      return rows.map((r) => ({
        customerId: r.id,
        name: r.name,
        phone: r.phone,
        agencyName: n.agency(r.ownerAgencyId as number),
        until: r.protectedUntil as Date,
      }))
    },
  }
}
