import { GENESIS_HASH } from '../../app/audit.ts'
import type { ProjectInfo, ProjectRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { parseSettings } from '../settings.ts'

interface Row {
  id: number
  name: string
  timezone: string
  settings: string
}

// Projects mostly share their settings text ('{}'): parse each text once. The parsed settings are never mutated.
const parsed = new Map<string, ProjectInfo['settings']>()
function settingsOf(text: string): ProjectInfo['settings'] {
  let s = parsed.get(text)
  if (!s) {
    if (parsed.size > 1000) parsed.clear()
    s = parseSettings(text)
    parsed.set(text, s)
  }
  return s
}

const toInfo = (r: Row): ProjectInfo => ({
  id: r.id,
  name: r.name,
  timezone: r.timezone,
  settings: settingsOf(r.settings),
})

// The row lock serialises two changes at once, so each one moves the number on.
const bumpRevision = (db: DbTx) =>
  db.$executeRaw`
    INSERT INTO project_revision (id, revision) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET revision = project_revision.revision + 1`

export function projectRepo(db: DbTx): ProjectRepo {
  return {
    async byId(id) {
      const r = await db.project.findUnique({ where: { id } })
      return r && toInfo(r)
    },
    async byName(name) {
      const r = await db.project.findUnique({ where: { name } })
      return r && toInfo(r)
    },
    async list() {
      return (await db.project.findMany({ orderBy: { id: 'asc' } })).map(toInfo)
    },
    async create(name, timezone, at) {
      const r = await db.project.create({ data: { name, timezone, createdAt: at } })
      await db.auditHead.create({ data: { projectId: r.id, seq: 0, hash: GENESIS_HASH } })
      await db.rotationState.create({ data: { projectId: r.id } })
      await bumpRevision(db)
      return toInfo(r)
    },
    async revision() {
      const r = await db.projectRevision.findUnique({ where: { id: 1 } })
      return String(r?.revision ?? 0)
    },
    async saveSettings(id, overrides) {
      await db.project.update({ where: { id }, data: { settings: overrides } })
      await bumpRevision(db)
    },
    async choiceOf(platform, userId) {
      const r = await db.projectChoice.findUnique({ where: { platform_userId: { platform, userId } } })
      return r?.projectId ?? null
    },
    async choose(platform, userId, projectId, at) {
      await db.projectChoice.upsert({
        where: { platform_userId: { platform, userId } },
        create: { platform, userId, projectId, chosenAt: at },
        update: { projectId, chosenAt: at },
      })
    },
  }
}
