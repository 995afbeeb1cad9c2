// npm run golden:board — redraws the golden images of the 销控 picture (src/chat/pictures/golden/*.png) that
// render-board.test.ts compares against. Run it only after a deliberate change of the picture, look at the new
// images, and commit them with the change.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderBoardPng } from '../src/chat/pictures/render-board.ts'
import { BOARD_LABELS } from '../src/chat/reply/board-labels.ts'
import { GOLDEN_BOARDS } from '../test/support/boards.ts'

const dir = join(import.meta.dirname, '..', 'src', 'chat', 'pictures', 'golden')
mkdirSync(dir, { recursive: true })
for (const g of GOLDEN_BOARDS) {
  const png = await renderBoardPng(g.input(), BOARD_LABELS)
  writeFileSync(join(dir, `${g.name}.png`), png)
  console.log(`wrote ${join('src/chat/pictures/golden', `${g.name}.png`)} (${png.length} bytes)`)
}
