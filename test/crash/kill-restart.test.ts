import { describe, expect, it } from 'vitest'
import { freshDatabaseUrl } from '../support/databases.ts'
import { killRestartRun } from './kill-restart.ts'

describe('SIGKILL at random moments, restarted each time', () => {
  it('loses no acknowledged command, applies none twice, leaves nothing half-done, loses no message and sends none twice', async () => {
    const run = await killRestartRun({ url: await freshDatabaseUrl('sqlite'), kills: 3, commands: 150, senders: 6 })
    expect(run.kills).toBe(3)
    expect(run.acknowledged).toBe(run.commands)
    expect(run.problems).toEqual([])
    expect(run.outbox.sent).toBeGreaterThan(0)
    console.log(`kill-restart: ${JSON.stringify(run)}`)
  }, 240_000)
})
