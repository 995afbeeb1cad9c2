import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'
import { runJob, schedulerFor } from './support.ts'

const DAY = 86_400_000

describe.each(databaseKinds())('the prune job (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('drops event ids after 7 days, finished runs after 90 (never a month close), sent messages and idle chats after 30, expired download links', async () => {
    const now = h.clock.now().getTime()
    const at = (days: number) => new Date(now - days * DAY)
    const db = h.store.db
    await db.inboundEvent.createMany({
      data: [
        { platform: 'onebot', eventId: 'old', receivedAt: at(7.001) },
        { platform: 'onebot', eventId: 'recent', receivedAt: at(6.999) },
      ],
    })
    const run = (key: string, kind: string, days: number) => ({
      key,
      projectId: 1,
      kind,
      dueAt: at(days),
      doneAt: at(days),
      doneBy: 't',
      outcome: 'sent',
    })
    await db.scheduledRun.createMany({
      data: [run('r-old', 'hold-reminder', 91), run('r-new', 'hold-reminder', 89), run('m-old', 'month-close', 400)],
    })
    const row = (text: string, days: number, sent: boolean) => ({
      platform: 'console',
      targetKind: 'group',
      targetId: 'g1',
      text,
      createdAt: at(days),
      availableAt: at(days),
      sentAt: sent ? at(days) : null,
    })
    await db.outbox.createMany({
      data: [row('sent-old', 31, true), row('sent-new', 29, true), row('stuck-old', 31, false)],
    })
    const chat = (key: string, days: number, attempts = 0) => ({ key, platform: 'console', nextAt: at(days), attempts })
    await db.outboxChat.createMany({
      data: [chat('idle-old', 31), chat('idle-new', 29), chat('failing-old', 31, 5)],
    })
    const download = (tokenHash: string, expiresAt: Date) => ({
      projectId: 1,
      tokenHash,
      fileName: `${tokenHash}.xlsx`,
      mime: 'application/octet-stream',
      content: 'AA==',
      forIdentity: 'console:mgr',
      createdAt: new Date(expiresAt.getTime() - DAY),
      expiresAt,
    })
    // expired a millisecond ago, expiring this instant (refused from it on), valid for one more millisecond
    await db.download.createMany({
      data: [
        download('expired', new Date(now - 1)),
        download('edge', new Date(now)),
        download('valid', new Date(now + 1)),
      ],
    })
    const events = await db.inboundEvent.count()

    await runJob(schedulerFor(h), h, 'prune')

    expect(await db.inboundEvent.findFirst({ where: { eventId: 'old' } })).toBeNull()
    expect(await db.inboundEvent.findFirst({ where: { eventId: 'recent' } })).not.toBeNull()
    expect(await db.inboundEvent.count()).toBe(events - 1)
    expect((await db.scheduledRun.findMany({ orderBy: { key: 'asc' } })).map((r) => r.key)).toEqual(['m-old', 'r-new'])
    const texts = (await db.outbox.findMany({ where: { text: { in: ['sent-old', 'sent-new', 'stuck-old'] } } })).map(
      (r) => r.text,
    )
    expect(texts.sort()).toEqual(['sent-new', 'stuck-old'])
    // a chat's pacing row goes when idle for as long; one still failing stays
    const chats = await db.outboxChat.findMany({ where: { key: { in: ['idle-old', 'idle-new', 'failing-old'] } } })
    expect(chats.map((c) => c.key).sort()).toEqual(['failing-old', 'idle-new'])
    // a download link goes once expired, with its file
    const links = await db.download.findMany({ orderBy: { tokenHash: 'asc' } })
    expect(links.map((d) => d.tokenHash)).toEqual(['valid'])
  })
})
