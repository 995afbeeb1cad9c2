import type { RecurringAnnouncementRecord, RecurringRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function recurringRepo(db: DbTx): RecurringRepo {
  return {
    async add(r) {
      return (await db.recurringAnnouncement.create({ data: r })) as RecurringAnnouncementRecord
    },
    async byId(id) {
      return db.recurringAnnouncement.findUnique({ where: { id } })
    },
    async active(projectId) {
      return db.recurringAnnouncement.findMany({ where: { projectId, removedAt: null }, orderBy: { id: 'asc' } })
    },
    async activeAll() {
      return db.recurringAnnouncement.findMany({ where: { removedAt: null }, orderBy: { id: 'asc' } })
    },
    async remove(id, at) {
      const changed = await db.recurringAnnouncement.updateMany({
        where: { id, removedAt: null },
        data: { removedAt: at },
      })
      return changed.count === 1
    },
    async markFired(id, at) {
      await db.recurringAnnouncement.updateMany({
        where: { id, OR: [{ firedThrough: null }, { firedThrough: { lt: at } }] },
        data: { firedThrough: at },
      })
    },
  }
}
