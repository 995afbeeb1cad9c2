import type { ConfirmationRecord, ConfirmationRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

const toConfirmation = (r: {
  id: number
  projectId: number
  actor: string
  actorStaffId: number | null
  actorName: string
  action: string
  input: string
  command: string
  createdAt: Date
  expiresAt: Date
  usedAt: Date | null
  outcome: string | null
  auditCode: string | null
}): ConfirmationRecord => ({
  ...r,
  action: r.action as ConfirmationRecord['action'],
  outcome: r.outcome as ConfirmationRecord['outcome'],
})

export function confirmationRepo(db: DbTx): ConfirmationRepo {
  return {
    async add(c) {
      return toConfirmation(await db.confirmation.create({ data: c }))
    },
    async byId(id) {
      const r = await db.confirmation.findUnique({ where: { id } })
      return r && toConfirmation(r)
    },
    // Compare-and-set on usedAt: PostgreSQL makes a second UPDATE of the row wait for the first transaction and then
    // re-check the condition (now false); SQLite runs transactions one at a time. Either way one 确认 takes it.
    async take(id, at) {
      const taken = await db.confirmation.updateMany({
        where: { id, usedAt: null, expiresAt: { gt: at } },
        data: { usedAt: at },
      })
      return taken.count === 1
    },
    async settle(id, outcome, auditCode) {
      await db.confirmation.update({ where: { id }, data: { outcome, auditCode } })
    },
  }
}
