import { createConnection, createServer, type Socket } from 'node:net'

/**
 * A TCP proxy in front of PostgreSQL that counts network round trips: each burst the client sends after the server
 * last spoke (or first on a connection) is one — what a command waits for, however many statements a burst carries.
 * It also reads the statements' text off the client's protocol messages (Query, and Parse and Bind for named
 * statements, which travel as their name after the first Parse), so a failing count can say what each round trip sent.
 */
export async function roundTripProxy(target: { host: string; port: number }) {
  let roundTrips = 0
  let log: string[][] = []
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection(target)
    sockets.add(client).add(upstream)
    let serverSpoke = true
    let pending = Buffer.alloc(0)
    let started = false
    const named = new Map<string, string>()
    const statements = (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk])
      for (;;) {
        const typed = started ? 1 : 0
        if (pending.length < typed + 4) return
        const length = pending.readInt32BE(typed)
        if (pending.length < typed + length) return
        const type = started ? String.fromCharCode(pending[0] as number) : ''
        const body = pending.subarray(typed + 4, typed + length)
        pending = pending.subarray(typed + length)
        if (!started) {
          // an SSL request (80877103) is answered with one byte and followed by the real startup message
          started = body.length < 4 || body.readInt32BE(0) !== 80877103
          continue
        }
        const cString = (at: number) => body.subarray(at, body.indexOf(0, at)).toString()
        if (type === 'Q') log[log.length - 1]?.push(cString(0))
        else if (type === 'P') {
          // Parse: statement name, then its text; a named statement is parsed once per connection
          const name = cString(0)
          const text = cString(name.length + 1)
          if (name) named.set(name, text)
          else log[log.length - 1]?.push(text)
        } else if (type === 'B') {
          // Bind: portal name, then statement name — how a named statement runs again with only its name on the wire
          const portal = cString(0)
          const name = cString(portal.length + 1)
          if (name) log[log.length - 1]?.push(named.get(name) ?? name)
        }
      }
    }
    client.on('data', (chunk) => {
      if (serverSpoke) {
        roundTrips++
        log.push([])
      }
      serverSpoke = false
      statements(chunk)
      upstream.write(chunk)
    })
    upstream.on('data', (chunk) => {
      serverSpoke = true
      client.write(chunk)
    })
    const close = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('close', close).on('error', close)
    upstream.on('close', close).on('error', close)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('proxy has no port')
  return {
    port: address.port,
    /** Round trips since the last call, and the statements sent in each (first 60 characters). */
    take(): { count: number; statements: string[][] } {
      const out = { count: roundTrips, statements: log.map((l) => l.map((s) => s.replace(/\s+/g, ' ').slice(0, 60))) }
      roundTrips = 0
      log = []
      return out
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
