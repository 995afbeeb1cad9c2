import type { GroupBinding, GroupRepo } from '../../app/ports.ts'
import type { Platform } from '../../domain/platform.ts'
import type { DbTx } from '../client.ts'

const toBinding = (r: {
  platform: string
  chatId: string
  projectId: number
  title: string | null
  wecomKey: string | null
}): GroupBinding => ({ ...r, platform: r.platform as Platform })

export function groupRepo(db: DbTx): GroupRepo {
  return {
    async find(platform, chatId) {
      const r = await db.groupBinding.findUnique({ where: { platform_chatId: { platform, chatId } } })
      return r && toBinding(r)
    },
    async bind(b, by, at) {
      await db.groupBinding.upsert({
        where: { platform_chatId: { platform: b.platform, chatId: b.chatId } },
        create: { ...b, boundAt: at, boundBy: by },
        update: { projectId: b.projectId, title: b.title, boundAt: at, boundBy: by },
      })
    },
    async setWecomKey(platform, chatId, key) {
      await db.groupBinding.update({ where: { platform_chatId: { platform, chatId } }, data: { wecomKey: key } })
    },
    async ofProject(projectId) {
      return (await db.groupBinding.findMany({ where: { projectId }, orderBy: { id: 'asc' } })).map(toBinding)
    },
  }
}
