import type { PeopleRepo } from '../../app/ports.ts'
import type { Role, StaffStatus } from '../../domain/roles.ts'
import { asDate, asInt, type RawSql } from '../raw-sql.ts'
import { parseSettings } from '../settings.ts'
import { type Sql, sql } from '../sql.ts'
import type { SeenAgencies } from './agencies.ts'

// Data path: raw SQL (raw-sql.ts). Every command starts here — the group's project, the sender's staff record and
// agency in one statement — and the agency row it reads is remembered for the rest of the transaction.

/** Settings rows rarely change: parse each distinct text once. */
const settingsCache = new Map<string, ReturnType<typeof parseSettings>>()
function cachedSettings(text: string) {
  let s = settingsCache.get(text)
  if (!s) {
    if (settingsCache.size > 100) settingsCache.clear()
    s = parseSettings(text)
    settingsCache.set(text, s)
  }
  return s
}

const COLUMNS = sql`SELECT s.id AS "staffId", s."projectId" AS "staffProject", s.name, s.role, s."agencyId", s.status,
  a.name AS "agencyName", a."projectId" AS "agencyProject", a.status AS "agencyStatus", a.seq AS "agencySeq",
  a."createdAt" AS "agencyCreatedAt", p.id AS "projectId", p.name AS "projectName", p.timezone, p.settings`

const inGroup = (platform: string, chatId: string, userId: string): Sql => sql`${COLUMNS}
  FROM (SELECT 1 AS one) x
  LEFT JOIN group_binding g ON g.platform = ${platform} AND g."chatId" = ${chatId}
  LEFT JOIN identity i ON i.platform = ${platform} AND i."userId" = ${userId}
  LEFT JOIN staff s ON s.id = i."staffId"
  LEFT JOIN agency a ON a.id = s."agencyId"
  LEFT JOIN project p ON p.id = g."projectId"`

const direct = (platform: string, userId: string): Sql => sql`${COLUMNS}
  FROM (SELECT 1 AS one) x
  LEFT JOIN identity i ON i.platform = ${platform} AND i."userId" = ${userId}
  LEFT JOIN staff s ON s.id = i."staffId"
  LEFT JOIN agency a ON a.id = s."agencyId"
  LEFT JOIN project p ON p.id = s."projectId"`

export function senderContext(db: RawSql, seen: SeenAgencies): PeopleRepo['senderContext'] {
  return async (platform, userId, groupChatId) => {
    const [r] = await db.all(groupChatId === null ? direct(platform, userId) : inGroup(platform, groupChatId, userId))
    if (!r) return { actor: null, project: null }
    if (r.agencyId !== null && r.agencyId !== undefined && r.agencyStatus !== null) {
      seen.set(asInt(r.agencyId), {
        id: asInt(r.agencyId),
        projectId: asInt(r.agencyProject),
        name: String(r.agencyName),
        status: String(r.agencyStatus) as 'active' | 'dismissed',
        seq: asInt(r.agencySeq),
        createdAt: asDate(r.agencyCreatedAt),
      })
    }
    const actor =
      r.staffId === null || r.staffProject === null
        ? null
        : {
            projectId: asInt(r.staffProject),
            identity: `${platform}:${userId}`,
            staffId: asInt(r.staffId),
            name: r.name as string,
            role: r.role as Role,
            agencyId: r.agencyId === null ? null : asInt(r.agencyId),
            agencyName: (r.agencyName as string | null) ?? null,
            status: r.status as StaffStatus,
          }
    const project =
      r.projectId === null
        ? null
        : {
            id: asInt(r.projectId),
            name: r.projectName as string,
            timezone: r.timezone as string,
            settings: cachedSettings(r.settings as string),
          }
    return { actor, project }
  }
}
