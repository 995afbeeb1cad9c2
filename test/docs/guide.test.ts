import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildGuide } from '../../scripts/guide/build.ts'

const docs = join(import.meta.dirname, '..', '..', 'docs')

describe('the user guide (docs/使用手册.md and the role cards)', () => {
  it('is what `npm run docs` writes today, and its day uses every command', async () => {
    const { files, missing } = await buildGuide()
    expect(missing, 'commands the guide never shows: add a step to scripts/guide/day.ts').toEqual([])
    for (const [name, text] of files) {
      const committed = readFileSync(join(docs, name), 'utf8')
      expect(committed, `docs/${name} is out of date: run npm run docs and commit it`).toBe(text)
    }
    // The guide shows real answers: a filing gets its code and evidence, a collision its notice to the manager.
    const guide = files.get('使用手册.md') ?? ''
    expect(guide).toMatch(/报备成功 F1：张三 13812345678 归 链家，保护期至 12-16/)
    expect(guide).toContain('赵经理（现场经理） 私聊收到：')
  }, 120_000)
})
