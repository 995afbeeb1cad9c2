import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BOARD_LABELS } from '../../src/chat/reply/board-labels.ts'
import { EXPORT_WORDS } from '../../src/chat/reply/export-labels.ts'

/**
 * `npm start` runs dist/main.js, where spreadsheets, pictures and the Telegram and WeCom adapters are chunks loaded at
 * first use (scripts/build.ts). A chunk that does not load would fail only when someone first asks for an export or
 * a picture, so each dynamic import of the bundle is loaded here as the bundle would, and the two features run from it.
 * (The office test starts the bundle with Telegram and WeCom configured.)
 */
const DIST = join(import.meta.dirname, '..', '..', 'dist')
const lazy = [...readFileSync(join(DIST, 'main.js'), 'utf8').matchAll(/import\("(\.\/chunks\/[^"]+)"\)/g)].map(
  (m) => m[1] as string,
)
const load = (name: string) => {
  const file = lazy.find((f) => f.startsWith(`./chunks/${name}-`))
  if (!file) throw new Error(`dist/main.js loads no ${name} chunk: ${lazy.join(', ')}`)
  return import(pathToFileURL(join(DIST, file)).href)
}

describe('the bundle’s chunks loaded at first use', () => {
  it('are the four expected ones, and each loads', async () => {
    expect(lazy.map((f) => f.replace(/^\.\/chunks\/|-[A-Z0-9]+\.js$/g, '')).sort()).toEqual([
      'files',
      'pictures',
      'telegram',
      'wecom',
    ])
    for (const f of lazy) await expect(import(pathToFileURL(join(DIST, f)).href)).resolves.toBeTruthy()
  })

  it('draws a board as a PNG and writes a workbook as xlsx from their chunks', async () => {
    const pictures = await load('pictures')
    const png: Buffer = await pictures.renderBoardPng(
      {
        projectName: '香公馆',
        drawnAt: new Date('2026-12-01T02:00:00Z'),
        tz: 'Asia/Shanghai',
        building: null,
        units: [],
      },
      BOARD_LABELS,
    )
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    const files = await load('files')
    const xlsx: Buffer = await files.finesWorkbook(
      { projectName: '香公馆', tz: 'Asia/Shanghai', exportedAt: new Date(), month: '2026-12', fines: [] },
      EXPORT_WORDS,
    )
    expect(xlsx.subarray(0, 2).toString()).toBe('PK')
  })
})
