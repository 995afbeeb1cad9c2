import { createServer } from 'node:net'
import { portInUse } from '../app/startup-error.ts'

/**
 * Fails with a clear StartupError when `host:port` cannot be listened on, before anything else starts (migrations
 * would otherwise run first and the bind fail afterwards with Node's raw EADDRINUSE stack trace).
 */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? portInUse(host, port) : e))
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()))
  })
}
