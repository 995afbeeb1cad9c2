// npm run docs:board — draws the README's picture of the 销控 board (docs/board.png) from the demo project in
// test/support/boards.ts with the same renderer and words the bot uses. Rerun after a change to the picture.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderBoardPng } from '../src/chat/pictures/render-board.ts'
import { BOARD_LABELS } from '../src/chat/reply/board-labels.ts'
import { demoProject } from '../test/support/boards.ts'

const out = join(import.meta.dirname, '..', 'docs', 'board.png')
mkdirSync(join(out, '..'), { recursive: true })
const board = demoProject()
const png = await renderBoardPng(board, BOARD_LABELS)
writeFileSync(out, png)
console.log(`wrote docs/board.png: ${board.units.length} units, ${Math.round(png.length / 1024)} KB`)
