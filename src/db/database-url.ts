import { userInfo } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import type { PoolConfig } from 'pg'

/** Which database a `DATABASE_URL` names. SQLite paths are resolved against the working directory. */
export type DatabaseTarget =
  | { provider: 'sqlite'; url: string; file: string }
  | { provider: 'postgresql'; url: string; pool: PoolConfig & { database: string } }

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] ?? ''
    if (path === '') throw new Error('the SQLite path after "file:" is empty')
    const file = path === ':memory:' ? path : isAbsolute(path) ? path : resolve(cwd, path)
    return { provider: 'sqlite', url, file }
  }
  if (url.startsWith('postgresql://') || url.startsWith('postgres://')) {
    const u = new URL(url)
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
    if (database === '') throw new Error('the PostgreSQL URL names no database (…/<database>)')
    // Discrete fields, not a connection string: the schema engine's shadow database must not land on the real one.
    return {
      provider: 'postgresql',
      url,
      pool: {
        host: decodeURIComponent(u.hostname) || '127.0.0.1',
        port: u.port ? Number(u.port) : 5432,
        user: u.username ? decodeURIComponent(u.username) : userInfo().username,
        password: u.password ? decodeURIComponent(u.password) : undefined,
        database,
        ssl: sslFrom(u.searchParams.get('sslmode')),
      },
    }
  }
  throw new Error('expected "file:<path>" (SQLite) or "postgresql://user@host:5432/db" (PostgreSQL)')
}

function sslFrom(mode: string | null): PoolConfig['ssl'] {
  if (mode === null || mode === 'disable' || mode === 'prefer' || mode === 'allow') return undefined
  return mode === 'no-verify' ? { rejectUnauthorized: false } : true
}
