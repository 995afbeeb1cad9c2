import type { CommandContext, ProjectInfo, Tx } from '../../src/app/ports.ts'
import type { DbStore } from '../../src/db/store.ts'

export const SITE_GROUP = 880000001

/** The context a use case gets when an active agent of `agencyId` runs it now (tests that call use cases directly). */
export const agentContext = (project: ProjectInfo, staffId: number, agencyId: number | null): CommandContext => ({
  project,
  actor: {
    identity: `test:${staffId}`,
    staffId,
    name: `s${staffId}`,
    role: 'agent',
    agencyId,
    agencyName: null,
    status: 'active',
  },
  now: new Date(),
  source: null,
  notify: () => {},
})
/** QQ numbers of the seeded agents: two per agency, 20 agencies. */
export const SITE_AGENTS = Array.from({ length: 40 }, (_, i) => 20001 + i)
export const SITE_SECRETARY = 20900
export const SITE_MANAGER = 20901

/**
 * A project with one OneBot group, 20 agencies, 40 agents, a secretary and a manager bound to QQ numbers — what a
 * site looks like after its set-up commands, written directly for benchmarks and load tests.
 */
export async function seedOneBotSite(store: DbStore, now = new Date()): Promise<{ projectId: number }> {
  return store.transaction(async (tx) => {
    const p = (await tx.projects.byName('香公馆')) ?? (await tx.projects.create('香公馆', 'Asia/Shanghai', now))
    await tx.groups.bind(
      { platform: 'onebot', chatId: String(SITE_GROUP), projectId: p.id, title: 'site' },
      'seed',
      now,
    )
    const bind = async (
      name: string,
      role: 'agent' | 'secretary' | 'manager',
      agencyId: number | null,
      userId: number,
    ) => {
      const s = await tx.people.addStaff({
        projectId: p.id,
        name,
        role,
        agencyId,
        status: 'active',
        statusSince: now,
        createdAt: now,
      })
      await tx.people.createJoinCode(`SEED${userId}`, s.id, now, new Date(now.getTime() + 3_600_000))
      await tx.people.redeemJoinCode(`SEED${userId}`, 'onebot', String(userId), now)
    }
    for (let i = 0; i < 20; i++) {
      const a = await tx.agencies.add(p.id, `分销${i + 1}`, now)
      for (const userId of SITE_AGENTS.slice(i * 2, i * 2 + 2)) await bind(`销售${userId}`, 'agent', a.id, userId)
    }
    await bind('王秘书', 'secretary', null, SITE_SECRETARY)
    await bind('赵经理', 'manager', null, SITE_MANAGER)
    return { projectId: p.id }
  })
}

/** `count` agencies 分销1…, each with one active agent 销售1…, in a project; for race tests. */
export async function addAgenciesWithAgents(
  tx: Tx,
  projectId: number,
  count: number,
  now: Date,
): Promise<{ agencyId: number; staffId: number }[]> {
  const list = []
  for (let i = 1; i <= count; i++) {
    const a = await tx.agencies.add(projectId, `分销${i}`, now)
    const s = await tx.people.addStaff({
      projectId,
      name: `销售${i}`,
      role: 'agent',
      agencyId: a.id,
      status: 'active',
      statusSince: now,
      createdAt: now,
    })
    list.push({ agencyId: a.id, staffId: s.id })
  }
  return list
}
