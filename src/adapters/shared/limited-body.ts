import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

/**
 * A webhook's body of at most `max` bytes, or null when it is larger (the route answers 413). hono's bodyLimit
 * middleware reads `c.req.raw.body`, and that makes @hono/node-server build a whole web Request with a stream for
 * every request — measured the dearest part of a webhook's HTTP handling. Here a declared length over the limit is
 * refused before anything is read and a declared one within it is read on the server's fast path; a body without a
 * length (chunked) is read from Node's request (`c.env.incoming`, @hono/node-server's HttpBindings) and cut off at
 * the limit, the rest discarded unread. Off that server (`app.request` in tests) the body is read whole, then measured.
 */
export async function limitedBody(c: Context, max: number): Promise<Uint8Array | null> {
  const declared = c.req.header('content-length')
  if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
    if (!/^\d+$/.test(declared) || Number(declared) > max) return null
    return new Uint8Array(await c.req.arrayBuffer())
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (!incoming) {
    const whole = new Uint8Array(await c.req.arrayBuffer())
    return whole.length > max ? null : whole
  }
  return readAtMost(incoming, max)
}

function readAtMost(incoming: IncomingMessage, max: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= max) return void chunks.push(chunk)
      stop()
      incoming.resume() // the rest is drained and dropped, so the 413 can still be answered on this connection
      resolve(null)
    }
    const onEnd = () => {
      stop()
      resolve(new Uint8Array(Buffer.concat(chunks, size)))
    }
    const onError = (e: Error) => {
      stop()
      reject(e)
    }
    incoming.on('data', onData).on('end', onEnd).on('error', onError)
  })
}
