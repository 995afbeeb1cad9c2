// npm run docs — writes docs/使用手册.md and the role cards from the command registry and the answers the bot gives
// on a scratch database (scripts/guide/). A test fails when the committed files differ from what this writes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildGuide } from './guide/build.ts'

const { files, missing } = await buildGuide()
if (missing.length > 0) {
  console.error(`the guide's day never uses: ${missing.join(', ')} — add a step for each to scripts/guide/day.ts`)
  process.exit(1)
}
for (const [name, text] of files) {
  writeFileSync(join(import.meta.dirname, '..', 'docs', name), text)
  console.log(`wrote docs/${name} (${text.split('\n').length} lines)`)
}
