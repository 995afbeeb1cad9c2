import { describe, expect, it } from 'vitest'
import { Conflict } from '../app/ports.ts'
import { batchLockTable, DATABASE_LOCKS } from './batch-locks.ts'

describe('batch lock table', () => {
  it('a lock held by one command of the batch is a Conflict for another, and free for its holder', () => {
    const table = batchLockTable()
    const first = table.member(0)
    const second = table.member(1)
    first.take('mask:1:1385678')
    expect(() => first.take('mask:1:1385678')).not.toThrow()
    expect(() => second.take('mask:1:1385678')).toThrow(Conflict)
    expect(() => second.take('mask:1:1395678')).not.toThrow()
    expect(() => first.take('mask:1:1395678')).toThrow(/held by another command of the batch/)
  })

  it('each interleaved run has its own table; outside a batch the database locks alone', () => {
    batchLockTable().member(0).take('agency:7')
    expect(() => batchLockTable().member(1).take('agency:7')).not.toThrow()
    expect(() => DATABASE_LOCKS.take('agency:7')).not.toThrow()
  })
})
