import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../src/db/store.ts'
import { databaseKinds, freshDatabaseUrl } from '../test/support/databases.ts'
import { unitsImport } from './units-import.ts'

const dir = mkdtempSync(join(tmpdir(), 'anchang-units-'))
const csv = (name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}
const base = { defaultProject: '案场', timezone: 'Asia/Shanghai', now: new Date('2026-12-01T08:00:00Z') }

describe.each(databaseKinds())('npm run units:import (%s)', (kind) => {
  it('imports every row of a good file in one go, header, BOM, CRLF, quoted thousands and basements included', async () => {
    const url = await freshDatabaseUrl(kind)
    const file = csv(
      `good-${kind}.csv`,
      '\uFEFF房号,面积,总价,底价,地下室\r\n3-1-1201,89.5,1680000,1600000\r\n3-1-1202,89.5,"1,690,000",160万\r\n\r\n1-1-B101,20,200000,180000,地下室\r\n',
    )
    const report = await unitsImport({ ...base, databaseUrl: url, file })
    expect(report).toEqual({ ok: true, project: '案场', count: 3, auditCode: 'A1' })
    const store = await openStore(url)
    const units = await store.db.unit.findMany({ orderBy: { id: 'asc' } })
    expect(units.map((u) => [u.code, u.areaCm2, u.listPriceFen, u.floorPriceFen, u.basement, u.status])).toEqual([
      ['3-1-1201', 8950, 168_000_000n, 160_000_000n, false, 'available'],
      ['3-1-1202', 8950, 169_000_000n, 160_000_000n, false, 'available'],
      ['1-1-B101', 2000, 20_000_000n, 18_000_000n, true, 'available'],
    ])
    const entry = await store.db.auditEntry.findFirstOrThrow()
    expect([entry.action, entry.actor, entry.sourceMessageId]).toEqual([
      'unit.import',
      'cli:units-import',
      `cli:units-import:good-${kind}.csv`,
    ])
    await store.close()
  })

  it('imports nothing when a line is bad, naming every bad line, including codes the project already has', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    const project = await store.transaction((tx) => tx.projects.create('香公馆', 'Asia/Shanghai', base.now))
    await store.transaction((tx) =>
      tx.units.add(
        project.id,
        [{ code: '3-1-901', areaCm2: 9000, listPriceFen: 1, floorPriceFen: 1, basement: false }],
        base.now,
      ),
    )
    const file = csv(
      `bad-${kind}.csv`,
      [
        '3-1-1201,89.5,1680000,1600000',
        '3-1-1203,abc,1680000,1600000',
        '3-1-901,90,1580000,1500000',
        '3-1-1201,89.5,1680000,1600000',
        '3-1-1204,89.5,1680000,1700000',
      ].join('\n'),
    )
    const report = await unitsImport({ ...base, databaseUrl: url, file, projectName: '香公馆' })
    expect(report).toEqual({
      ok: false,
      problems: [
        '第 2 行：面积“abc”无效。例如：/房源 添加 3-1-1201 89.5 1680000 1600000 [地下室]',
        '第 3 行：房源 3-1-901 已存在，未重复添加。发送“房源 3-1-901”查看。',
        '第 4 行：房号 3-1-1201 重复（第 1 行已有）。',
        '第 5 行：底价 ¥1,700,000.00 高于总价 ¥1,680,000.00，请核对。',
      ],
    })
    expect(await store.db.unit.count()).toBe(1)
    expect(await store.db.auditEntry.count()).toBe(0)
    await store.close()
  })

  it('refuses an unknown project, a database of several projects without --project, and a missing file', async () => {
    const url = await freshDatabaseUrl(kind)
    const store = await openStore(url)
    await store.transaction(async (tx) => {
      await tx.projects.create('香公馆', 'Asia/Shanghai', base.now)
      await tx.projects.create('翠湖', 'Asia/Shanghai', base.now)
    })
    const file = csv(`one-${kind}.csv`, '3-1-1201,89.5,1680000,1600000\n')
    expect(await unitsImport({ ...base, databaseUrl: url, file, projectName: '金茂' })).toEqual({
      ok: false,
      problems: ['找不到项目“金茂”。已有项目：香公馆、翠湖'],
    })
    expect(await unitsImport({ ...base, databaseUrl: url, file })).toEqual({
      ok: false,
      problems: ['数据库里有多个项目（香公馆、翠湖），请用 --project <名称> 指明导入哪一个。'],
    })
    expect(await unitsImport({ ...base, databaseUrl: url, file: join(dir, 'missing.csv') })).toEqual({
      ok: false,
      problems: [`读不到文件：${join(dir, 'missing.csv')}`],
    })
    expect(await store.db.unit.count()).toBe(0)
    expect(await unitsImport({ ...base, databaseUrl: url, file, projectName: '翠湖' })).toMatchObject({
      ok: true,
      project: '翠湖',
      count: 1,
    })
    await store.close()
  })
})

describe('npm run units:import on a new database', () => {
  it('applies the migrations first and creates the default project', async () => {
    const url = `file:${join(dir, 'new.db')}`
    const file = csv('new.csv', '3-1-1201,89.5,1680000,1600000\n')
    expect(await unitsImport({ ...base, databaseUrl: url, file })).toEqual({
      ok: true,
      project: '案场',
      count: 1,
      auditCode: 'A1',
    })
  })
})
