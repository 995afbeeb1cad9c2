import type { InboundRepo } from '../../app/ports.ts'
import type { RawSql } from '../raw-sql.ts'

export function inboundRepo(sql: RawSql): InboundRepo {
  return {
    // ON CONFLICT DO NOTHING instead of catching a duplicate-key error: on PostgreSQL an error would abort the
    // surrounding transaction, and a concurrent redelivery waits on the index and then sees the first one's row.
    async claim(platform, eventId, at) {
      const inserted = await sql.run(
        'INSERT INTO inbound_event ("platform", "eventId", "receivedAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        platform,
        eventId,
        at,
      )
      return inserted === 1
    },
  }
}
