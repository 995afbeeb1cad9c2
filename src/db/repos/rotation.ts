import { Conflict, type RotationRepo, type RotationTurnRecord } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function rotationRepo(db: DbTx): RotationRepo {
  return {
    async state(projectId) {
      const s = await db.rotationState.upsert({ where: { projectId }, create: { projectId }, update: {} })
      return { lastSeq: s.lastSeq, version: s.version }
    },
    async advance(projectId, version, lastSeq) {
      const moved = await db.rotationState.updateMany({
        where: { projectId, version },
        data: { lastSeq, version: { increment: 1 } },
      })
      if (moved.count !== 1) throw new Conflict('the rotation moved concurrently')
    },
    async addTurn(t) {
      return (await db.rotationTurn.create({ data: t, select: { id: true } })).id
    },
    async setTurnFiling(turnId, customerId, filingId) {
      await db.rotationTurn.update({ where: { id: turnId }, data: { customerId, filingId } })
    },
    async turnsOn(projectId, localDate) {
      const rows = await db.rotationTurn.findMany({ where: { projectId, localDate }, orderBy: { id: 'asc' } })
      return rows.map((r) => ({
        id: r.id,
        localDate: r.localDate,
        at: r.at,
        agencyId: r.agencyId,
        outcome: r.outcome as RotationTurnRecord['outcome'],
        reason: r.reason,
        leadKind: r.leadKind as RotationTurnRecord['leadKind'],
        leadName: r.leadName,
        customerId: r.customerId,
        filingId: r.filingId,
      }))
    },
  }
}
