import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export interface AuditKey {
  key: string
  /** env: ANCHANG_AUDIT_KEY; file: read from `file`; generated: just made and written to `file`. */
  source: 'env' | 'file' | 'generated'
  file: string
}

/**
 * The audit chain's HMAC key (SPEC.md "Audit"): ANCHANG_AUDIT_KEY when set, else the key kept in `file`, made on the
 * first start (32 random bytes as 64 hex digits, readable by the owner only). Two processes starting at once on one
 * machine agree: the file is created exclusively, and the loser reads the winner's key.
 */
export function loadAuditKey(value: string | undefined, file: string): AuditKey {
  if (value !== undefined) return { key: value, source: 'env', file }
  const existing = readKey(file)
  if (existing !== null) return { key: existing, source: 'file', file }
  mkdirSync(dirname(file), { recursive: true })
  const key = randomBytes(32).toString('hex')
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  } catch (e) {
    const raced = (e as NodeJS.ErrnoException).code === 'EEXIST' ? readKey(file) : null
    if (raced === null) throw e
    return { key: raced, source: 'file', file }
  }
  return { key, source: 'generated', file }
}

function readKey(file: string): string | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const key = text.trim()
  if (key.length < 32) throw new Error(`${file} does not hold an audit key (at least 32 characters)`)
  return key
}
