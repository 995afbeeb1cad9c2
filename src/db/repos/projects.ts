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
      return toInfo(r)
    },
    async revision() {
      const [r] = await db.$queryRaw<{ n: number | bigint; sum: number | bigint | null }[]>`
        SELECT count(*) AS n, sum(revision) AS sum FROM project`
      return `${r?.n ?? 0}:${r?.sum ?? 0}`
    },
    async saveSettings(id, overrides) {
      await db.project.update({ where: { id }, data: { settings: overrides, revision: { increment: 1 } } })
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
