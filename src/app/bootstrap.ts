import type { Platform } from '../domain/platform.ts'
import type { ProjectInfo, Store } from './ports.ts'

/**
 * First start: a database with no project gets one (ANCHANG_PROJECT), so a newcomer can use the bot at once; the
 * console's group is bound to the first project when the console is on.
 */
export async function bootstrap(
  store: Store,
  input: { projectName: string; timezone: string; now: Date; consoleGroup?: { platform: Platform; chatId: string } },
): Promise<ProjectInfo> {
  return store.transaction(async (tx) => {
    const project =
      (await tx.projects.list())[0] ?? (await tx.projects.create(input.projectName, input.timezone, input.now))
    if (input.consoleGroup && !(await tx.groups.find(input.consoleGroup.platform, input.consoleGroup.chatId))) {
      await tx.groups.bind(
        {
          platform: input.consoleGroup.platform,
          chatId: input.consoleGroup.chatId,
          projectId: project.id,
          title: '控制台演示群',
        },
        'system',
        input.now,
      )
    }
    return project
  })
}
