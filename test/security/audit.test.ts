import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { entryHash, GENESIS_HASH, verifyAuditChain } from '../../src/app/audit.ts'
import type { AuditEntry } from '../../src/app/ports.ts'
import type { DbStore } from '../../src/db/store.ts'
import { openStore } from '../../src/db/store.ts'
import { runJob, schedulerFor } from '../scheduler/support.ts'
import { ADMIN, chatHarness, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds, freshDatabaseUrl, TEST_AUDIT_KEY } from '../support/databases.ts'

/**
 * What someone with write access to the database (and no key) does: edits an entry, then recomputes every hash of
 * the chain after it with the published algorithm, and the head. `key` null: plain SHA-256 (all they can do).
 */
async function rewriteChain(store: DbStore, key: string | null, edit: (e: AuditEntry) => AuditEntry = (e) => e) {
  const rows = await store.db.auditEntry.findMany({ where: { projectId: 1 }, orderBy: { seq: 'asc' } })
  let prevHash = GENESIS_HASH
  for (const r of rows) {
    const e = edit({ ...r, seq: r.seq ?? 0, source: r.sourceMessageId, prevHash, hash: '' })
    const hash = entryHash(e, key)
    await store.db.auditEntry.update({ where: { id: r.id }, data: { data: e.data, prevHash, hash } })
    prevHash = hash
  }
  await store.db.auditHead.update({ where: { projectId: 1 }, data: { hash: prevHash } })
}

const forgeFiling = (e: AuditEntry): AuditEntry =>
  e.action === 'filing.claim' ? { ...e, data: e.data.replace('13812345678', '13900000000') } : e

describe.each(databaseKinds())('the audit chain is keyed (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    await h.say('lj1', '报备 张三 13812345678')
  })
  afterEach(() => h.close())

  it('a chain recomputed without the key fails /audit verify, however the attacker treats the keying mark', async () => {
    expect(await h.say(ADMIN, '/audit verify')).toMatch(/^审计日志完整：共 \d+ 条/)
    const head = await h.store.db.auditHead.findFirstOrThrow()
    expect(head.keyedFrom).toBe(1)

    // 1. recompute everything with SHA-256 and leave the mark: the first entry no longer verifies
    await rewriteChain(h.store, null, forgeFiling)
    expect(await h.say(ADMIN, '/audit verify')).toMatch(/^⚠️ 审计日志校验失败：A\d+ 处内容被修改。此前 0 条完好。/)

    // 2. remove the mark too, claiming the chain was never keyed
    await h.store.db.auditHead.update({ where: { projectId: 1 }, data: { keyedFrom: null, keyedTag: null } })
    expect(await h.say(ADMIN, '/audit verify')).toBe(
      '⚠️ 审计日志校验失败：哈希链没有用审计密钥签名（被人重新计算过）。此前 0 条完好。请立即保留数据库备份并联系管理员。',
    )

    // 3. move the mark past the forged part (keyed from the next entry on), keeping the tag: the tag does not verify
    const now = await h.store.db.auditHead.findFirstOrThrow()
    await h.store.db.auditHead.update({
      where: { projectId: 1 },
      data: { keyedFrom: now.seq + 1, keyedTag: head.keyedTag },
    })
    expect(await h.say(ADMIN, '/audit verify')).toMatch(/^⚠️ 审计日志校验失败：A\d+ 处审计密钥的起始标记对不上/)
  })

  it('a store opened with another key refuses to start; one without a key refuses to write to a keyed chain', async () => {
    const url = h.url
    await expect(openStore(url, { auditKey: 'another-key-0123456789-0123456789-0123' })).rejects.toThrow(
      /is not the key the audit chain of project 1 is keyed with/,
    )
    const unkeyed = await openStore(url)
    await expect(
      unkeyed.transaction((tx) =>
        tx.audit.append({
          projectId: 1,
          at: new Date(),
          actor: 'tool',
          actorStaffId: null,
          action: 'x',
          subject: null,
          data: {},
          source: null,
        }),
      ),
    ).rejects.toThrow(/is keyed: open the store with its audit key/)
    await unkeyed.close()
    expect(await h.say(ADMIN, '/audit verify')).toMatch(/^审计日志完整/)
  })

  it('the day’s head reaches the manager in the 09:00 brief, and nowhere else', async () => {
    const briefs = async () => (await h.outbox()).filter((m) => m.text.startsWith('【每日简报'))
    h.clock.set('2026-12-02T09:00:00+08:00')
    await runJob(schedulerFor(h), h, 'daily-brief')
    await runJob(schedulerFor(h, 'other'), h, 'daily-brief')
    const sent = await briefs()
    expect(sent.map((m) => `${m.targetKind}:${m.targetId}`)).toEqual(['direct:mgr'])
    const head = await h.store.db.auditHead.findFirstOrThrow()
    expect(sent[0]?.text).toContain(`审计链头：第 ${head.seq} 条`)
    expect(sent[0]?.text).toContain(`/审计 校验 ${head.seq} ${head.hash.slice(0, 12)}`)
    expect((await h.outbox()).filter((m) => m.targetKind === 'group' && m.text.includes('审计链头'))).toEqual([])
  })

  it('/audit verify <seq> <hash> confirms a remembered head, and catches a rewrite even by someone with the key', async () => {
    // The day's head reaches the manager in the 09:00 brief (a scheduler run, once).
    h.clock.set('2026-12-02T09:00:00+08:00')
    await runJob(schedulerFor(h), h, 'daily-brief')
    await runJob(schedulerFor(h, 'other'), h, 'daily-brief')
    const heads = (await h.outbox()).filter((m) => m.text.startsWith('【每日简报'))
    expect(heads.map((m) => `${m.targetKind}:${m.targetId}`)).toEqual(['direct:mgr'])
    const m = /第 (\d+) 条 ([0-9a-f]{12})/.exec(heads[0]?.text ?? '')
    const [seq, hash] = [m?.[1] as string, m?.[2] as string]
    const row = await h.store.db.auditEntry.findFirstOrThrow({ where: { seq: Number(seq) } })
    expect(heads[0]?.text.split('\n').at(-1)).toBe(
      `审计链头：第 ${seq} 条（A${row.id}），哈希 ${hash}。请把“第 ${seq} 条 ${hash}”记在数据库以外（如手机备忘录）；日后发送 /审计 校验 ${seq} ${hash} 可确认这段记录未被改动。`,
    )
    await h.say('wa1', '报备 李五 13912345678')
    expect(await h.say('mgr', `/审计 校验 ${seq} ${hash}`)).toMatch(
      new RegExp(`哈希链校验通过。记下的链头第 ${seq} 条（A${row.id}）仍在链中，未被改动。$`),
    )
    expect(await h.say('mgr', `/审计 校验 ${seq} ${hash.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`)).toMatch(
      /^⚠️ 记下的链头第 \d+ 条与现在的审计日志不符/,
    )
    // an insider holding the key rewrites history consistently: only the remembered head shows it
    await rewriteChain(h.store, TEST_AUDIT_KEY, forgeFiling)
    expect(await h.say('mgr', '/audit verify')).toMatch(/^审计日志完整/)
    expect(await h.say('mgr', `/审计 校验 ${seq} ${hash}`)).toMatch(/^⚠️ 记下的链头第 \d+ 条与现在的审计日志不符/)
    expect(await h.say('mgr', '/audit verify 12 xyz')).toMatch(/^序号是正整数，哈希是记下的十六进制数字（至少 8 位）。/)
  })
})

describe.each(databaseKinds())('a chain written before it was keyed (%s)', (kind) => {
  it('is marked keyed from its next entry on open, keeps verifying, and its old part cannot be recomputed', async () => {
    const url = await freshDatabaseUrl(kind)
    // an existing deployment: entries chained with plain SHA-256
    const old = await openStore(url)
    const project = await old.transaction((tx) => tx.projects.create('香公馆', 'Asia/Shanghai', new Date()))
    for (let i = 0; i < 3; i++) {
      await old.transaction((tx) =>
        tx.audit.append({
          projectId: project.id,
          at: new Date(),
          actor: 'onebot:1',
          actorStaffId: null,
          action: 'filing.claim',
          subject: `F${i}`,
          data: { phone: i === 0 ? '13812345678' : `1390000000${i}` },
          source: null,
        }),
      )
    }
    expect((await old.transaction((tx) => verifyAuditChain(tx, project.id))).ok).toBe(true)
    await old.close()

    // the upgraded server opens it with a key: marked keyed from seq 4, and everything still verifies
    const keyed = await openStore(url, { auditKey: TEST_AUDIT_KEY })
    expect(await keyed.db.auditHead.findFirstOrThrow()).toMatchObject({ seq: 3, keyedFrom: 4 })
    expect(await keyed.transaction((tx) => verifyAuditChain(tx, project.id))).toMatchObject({ ok: true, entries: 3 })
    await keyed.transaction((tx) =>
      tx.audit.append({
        projectId: project.id,
        at: new Date(),
        actor: 'onebot:1',
        actorStaffId: null,
        action: 'filing.claim',
        subject: 'F3',
        data: {},
        source: null,
      }),
    )
    expect(await keyed.transaction((tx) => verifyAuditChain(tx, project.id))).toMatchObject({ ok: true, entries: 4 })
    // reopening finds the mark and checks it against the key
    await keyed.close()
    const again = await openStore(url, { auditKey: TEST_AUDIT_KEY })
    expect(await again.db.auditHead.findFirstOrThrow()).toMatchObject({ seq: 4, keyedFrom: 4 })

    // rewrite the unkeyed part (SHA-256, as it was made) and relink: the mark's tag pins it
    const rows = await again.db.auditEntry.findMany({ orderBy: { seq: 'asc' } })
    let prevHash = GENESIS_HASH
    for (const r of rows.slice(0, 3)) {
      const data = r.data.replace('13812345678', '13900000000')
      const hash = entryHash({ ...r, seq: r.seq ?? 0, data, source: r.sourceMessageId, prevHash }, null)
      await again.db.auditEntry.update({ where: { id: r.id }, data: { data, prevHash, hash } })
      prevHash = hash
    }
    await again.db.auditEntry.update({ where: { id: rows[3]?.id }, data: { prevHash } })
    expect(await again.transaction((tx) => verifyAuditChain(tx, project.id))).toMatchObject({
      ok: false,
      reason: 'mark',
    })
    await again.close()
  })
})
