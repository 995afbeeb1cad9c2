import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkFile, cyclesInTree, findCycles } from './check-layers.ts'

const src = resolve(import.meta.dirname, '..', 'src')
const at = (name: string) => resolve(src, name)
const tree = (files: Record<string, string>) => new Map(Object.entries(files).map(([f, s]) => [at(f), s]))

describe('the layer check', () => {
  it('finds a cycle of two files, type-only imports included', () => {
    const cycles = findCycles(
      tree({
        'domain/a.ts': "import type { B } from './b.ts'\nexport type A = B",
        'domain/b.ts': "import type { A } from './a.ts'\nexport type B = A",
        'domain/c.ts': "import type { A } from './a.ts'",
      }),
    )
    expect(cycles).toEqual([[at('domain/a.ts'), at('domain/b.ts')]])
  })

  it('finds a longer cycle through a folder index and a self-import, and no cycle in a chain', () => {
    expect(
      findCycles(
        tree({
          'app/x.ts': "import { y } from './y.ts'",
          'app/y.ts': "export { z } from './lib'",
          'app/lib/index.ts': "import { x } from '../x.ts'",
          'app/self.ts': "import { s } from './self.ts'",
        }),
      ),
    ).toEqual([[at('app/lib/index.ts'), at('app/x.ts'), at('app/y.ts')], [at('app/self.ts')]])
    expect(
      findCycles(tree({ 'a.ts': "import './b.ts'", 'b.ts': "import './c.ts'", 'c.ts': "import 'node:fs'" })),
    ).toEqual([])
  })

  it('leaves tests out: a test importing the module it tests is no cycle', () => {
    expect(
      findCycles(
        tree({ 'domain/a.ts': "import { t } from './a.test.ts'", 'domain/a.test.ts': "import { a } from './a.ts'" }),
      ),
    ).toEqual([])
  })

  it('lets main.ts reach a layer only through its index.ts', () => {
    expect(
      checkFile(
        at('main.ts'),
        "import { a } from './app/index.ts'\nimport { t } from './adapters/telegram/index.ts'",
        src,
      ),
    ).toEqual([])
    expect(checkFile(at('main.ts'), "import { openStore } from './db/store.ts'", src)).toEqual([
      { file: at('main.ts'), spec: './db/store.ts', why: 'main imports db through its index.ts' },
    ])
  })

  it('src/ has no import cycle and no wrong-way import', () => {
    expect(cyclesInTree(src)).toEqual([])
    expect(checkFile(at('domain/x.ts'), "import { y } from '../app/y.ts'", src)).toEqual([
      { file: at('domain/x.ts'), spec: '../app/y.ts', why: 'domain may not import app' },
    ])
  })
})
