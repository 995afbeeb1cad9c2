import type { ChatDeps } from './handle-message.ts'
import { handleMessage } from './handle-message.ts'
import type { IncomingMessage } from './incoming.ts'

/** The console's demo site: agencies, a secretary, a manager and one agent per agency, all console personas. */
const AGENCIES = ['链家', '我爱我家', '麦田']
const PEOPLE: { userId: string; add: string }[] = [
  { userId: 'sec', add: '/staff add 王秘书 secretary' },
  { userId: 'mgr', add: '/staff add 赵经理 manager' },
  { userId: 'lj1', add: '/staff add 李四 agent 链家' },
  { userId: 'wa1', add: '/staff add 周五 agent 我爱我家' },
  { userId: 'mt1', add: '/staff add 孙六 agent 麦田' },
]
const UNITS = [
  '/unit add 3-1-1201 89.5 1680000 1600000',
  '/unit add 3-1-1202 89.5 1650000 1580000',
  '/unit add 5-2-0801 126 2350000 2250000',
  '/unit add B1-017 12 150000 140000 地下室',
]

/**
 * Builds the demo by sending ordinary commands as the console admin, exactly as a person would; running it twice
 * changes nothing the second time (names already taken are refused, people already joined are skipped).
 */
export async function seedDemo(deps: ChatDeps, group: string, known: () => Promise<string[]>): Promise<void> {
  let n = 0
  const say = async (userId: string, text: string, chat: 'group' | 'direct' = 'group') => {
    const msg: IncomingMessage = {
      platform: 'console',
      eventId: `demo-${Date.now().toString(36)}-${++n}`,
      chat: chat === 'group' ? { kind: 'group', id: group } : { kind: 'direct', id: userId },
      sender: { userId, name: userId === 'admin' ? '管理员' : userId },
      text,
      mentionsBot: false,
    }
    return (await handleMessage(deps, msg)).replies[0] ?? ''
  }
  // The admin's direct-chat commands below must land in the project of the group the demo is for, whatever else the
  // deployment holds: choose it first (with one project this changes nothing).
  const binding = await deps.store.transaction((tx) => tx.groups.find('console', group))
  const project = binding && (await deps.store.transaction((tx) => tx.projects.byId(binding.projectId)))
  if (project) await say('admin', `/项目 使用 ${project.name}`, 'direct')
  for (const a of AGENCIES) await say('admin', `/agency add ${a}`)
  const joined = new Set(await known())
  for (const p of PEOPLE) {
    if (joined.has(p.userId)) continue
    const code = /\/join ([A-Z0-9]+)/.exec(await say('admin', p.add, 'direct'))?.[1]
    if (code) await say(p.userId, `/join ${code}`, 'direct')
  }
  for (const u of UNITS) await say('admin', u, 'direct')
}
