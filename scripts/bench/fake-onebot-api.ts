// A OneBot HTTP API that accepts every send at once, so the bot's outbox has somewhere to deliver during a benchmark.
import { createServer } from 'node:http'

let sent = 0
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    sent++
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(`{"status":"ok","retcode":0,"data":{"message_id":${sent}}}`)
  })
})
server.listen(Number(process.env.PORT ?? 3998), '127.0.0.1', () => process.stdout.write('READY\n'))
process.on('SIGTERM', () => {
  process.stdout.write(`SENT ${sent}\n`)
  process.exit(0)
})
