import type { InboundRepo } from '../../app/ports.ts'
import type { RawSql } from '../raw-sql.ts'
import { sql } from '../sql.ts'

// Data path: raw SQL (raw-sql.ts): every platform event is claimed here before anything else runs.

export function inboundRepo(db: RawSql): InboundRepo {
  return {
    // ON CONFLICT DO NOTHING instead of catching a duplicate-key error: on PostgreSQL an error would abort the
    // surrounding transaction, and a concurrent redelivery waits on the index and then sees the first one's row.
    async claim(platform, eventId, at) {
      const inserted = await db.run(
        sql`INSERT INTO inbound_event ("platform", "eventId", "receivedAt") VALUES (${platform}, ${eventId}, ${at})
            ON CONFLICT DO NOTHING`,
      )
      return inserted === 1
    },
  }
}
