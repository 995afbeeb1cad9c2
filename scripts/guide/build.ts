import { COMMANDS } from '../../src/chat/commands/index.ts'
import { DAY } from './day.ts'
import { cardFile, commandOf, ROLE_ORDER, renderCard, renderGuide } from './render.ts'
import { runDay } from './run-day.ts'

/** The guide's files (name under docs/ → content), and the commands the day never shows. */
export async function buildGuide(): Promise<{ files: Map<string, string>; missing: string[] }> {
  const day = await runDay(DAY)
  const files = new Map<string, string>([['使用手册.md', renderGuide(day)]])
  for (const role of ROLE_ORDER) files.set(cardFile(role), renderCard(role, day))
  const shown = new Set(day.map((e) => commandOf(e.step.text)))
  const missing = COMMANDS.filter((c) => !shown.has(c)).map((c) => c.names[0] as string)
  return { files, missing }
}
