import type { DownloadRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'

export function downloadRepo(db: DbTx): DownloadRepo {
  return {
    async add(d) {
      return (await db.download.create({ data: d, select: { id: true } })).id
    },
    async take(tokenHash, now) {
      // The conditional update decides "once": of two clicks at the same moment, one updates the row, one finds none.
      const taken = await db.download.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      })
      if (taken.count !== 1) return null
      const r = await db.download.findUniqueOrThrow({ where: { tokenHash } })
      const { tokenHash: _hash, usedAt: _used, ...record } = r
      return record
    },
  }
}
