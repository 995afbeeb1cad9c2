import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '../../src/app/audit.ts'
import { backupSqlite } from '../../src/db/backup.ts'
import { openStore } from '../../src/db/store.ts'
import { chatHarness, standardSite } from '../support/chat.ts'
import { TEST_AUDIT_KEY } from '../support/databases.ts'

describe('db:backup', () => {
  it('copies a live database consistently; the restored copy has every change and its audit chain verifies', async () => {
    const h = await chatHarness('sqlite', '2026-12-01T09:00:00+08:00')
    await standardSite(h)
    const url = (
      await h.store.db.$queryRawUnsafe<{ file: string }[]>("SELECT file FROM pragma_database_list WHERE name = 'main'")
    )[0]?.file
    const live = `file:${url}`
    // Commands keep arriving while the copy is made.
    const typing = Promise.all(
      Array.from({ length: 30 }, (_, i) => h.say('lj1', `报备 客户${i} 1381234${String(i).padStart(4, '0')}`)),
    )
    const to = join(mkdtempSync(join(tmpdir(), 'anchang-backup-')), 'copy.db')
    const { bytes } = backupSqlite(live, to)
    await typing
    expect(bytes).toBeGreaterThan(0)

    const restored = await openStore(`file:${to}`, { auditKey: TEST_AUDIT_KEY })
    const project = await restored.db.project.findFirstOrThrow()
    const verdict = await restored.transaction((tx) => verifyAuditChain(tx, project.id))
    expect(verdict.ok).toBe(true)
    // every filing in the copy has its audit entry, and the head matches the entries
    const filings = await restored.db.filing.count()
    const claims = await restored.db.auditEntry.count({ where: { action: 'filing.claim' } })
    expect(claims).toBe(filings)
    await restored.close()
    await h.close()
  })

  it('refuses PostgreSQL and an existing target with a clear message', () => {
    expect(() => backupSqlite('postgresql://x@127.0.0.1/db', '/tmp/x.db')).toThrow(/pg_dump/)
    const dir = mkdtempSync(join(tmpdir(), 'anchang-backup-'))
    writeFileSync(join(dir, 'taken.db'), '')
    expect(() => backupSqlite(`file:${inject('sqliteTemplate')}`, join(dir, 'taken.db'))).toThrow(/exists/)
    expect(() => backupSqlite(`file:${join(dir, 'missing.db')}`, join(dir, 'copy.db'))).toThrow(/no database at/)
  })
})
