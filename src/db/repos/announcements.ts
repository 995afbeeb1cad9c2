import type { AnnouncementRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function announcementRepo(db: DbTx): AnnouncementRepo {
  return {
    async add(a) {
      return (await db.announcement.create({ data: a, select: { id: true } })).id
    },
  }
}
