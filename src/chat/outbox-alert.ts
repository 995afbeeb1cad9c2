import type { OutboundMessage, Store } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import { PLATFORM_DOWN } from './reply/outbox.ts'

export interface AlertDeps {
  store: Store
  /** Bootstrap admins (ANCHANG_ADMINS) as `platform:userId`. */
  admins: ReadonlySet<string>
  /** Platforms that can write to one person. */
  directCapable: ReadonlySet<Platform>
  timezone: string
}

/**
 * Tells every admin directly that `platform` has been failing since `since`, on the platforms still working (the
 * failing one could not carry the news). The outbox worker calls it once per failure run.
 */
export async function tellAdminsPlatformDown(deps: AlertDeps, platform: Platform, since: Date, reason: string) {
  const text = PLATFORM_DOWN(platform, since, reason, deps.timezone)
  await deps.store.transaction(async (tx) => {
    const targets = new Set<string>(deps.admins)
    for (const project of await tx.projects.list()) {
      const staff = await tx.people.listStaff(project.id, { role: 'admin', status: 'active' })
      for (const i of await tx.people.identitiesOf(staff.map((s) => s.id))) targets.add(`${i.platform}:${i.userId}`)
    }
    const out: OutboundMessage[] = []
    for (const identity of targets) {
      const at = identity.indexOf(':')
      const on = identity.slice(0, at) as Platform
      if (on === platform || !deps.directCapable.has(on)) continue
      out.push({ platform: on, target: { kind: 'direct', id: identity.slice(at + 1) }, text })
    }
    await tx.outbox.enqueue(null, out, since)
  })
}
