import { Hono } from 'hono'
import type { Log } from '../app/log.ts'
import type { DownloadRecord } from '../app/ports.ts'
import { DOWNLOAD_GONE } from '../chat/reply/exports.ts'

export interface DownloadRoutesDeps {
  /** Takes the file once (app/downloads.ts takeDownload, in a transaction); null: unknown, used or expired. */
  take: (token: string, client: string | null) => Promise<DownloadRecord | null>
  log: Log
}

/**
 * `GET /files/<token>`: a one-time download link of an export. The token is the only key (192 random bits, stored as
 * its hash); the first request takes the file, every later one gets the same "gone" page as an unknown token.
 */
export function downloadRoutes(deps: DownloadRoutesDeps): Hono {
  const app = new Hono()
  app.get('/:token', async (c) => {
    const client = c.req.header('user-agent')?.slice(0, 120) ?? null
    const d = await deps.take(c.req.param('token'), client)
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    if (!d) {
      deps.log('download.refused', {}, 'info')
      return c.text(DOWNLOAD_GONE, 404)
    }
    deps.log('download.taken', { id: d.id, fileName: d.fileName }, 'info')
    // An ASCII fallback name for old clients, the real (Chinese) name as RFC 5987 UTF-8.
    const disposition = `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(d.fileName)}`
    return c.body(new Uint8Array(Buffer.from(d.content, 'base64')), 200, {
      'Content-Type': d.mime,
      'Content-Disposition': disposition,
    })
  })
  return app
}
