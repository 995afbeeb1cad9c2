import { createHmac } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Sent {
  action: string
  target: string
  text: string
}

/**
 * A OneBot v11 implementation's HTTP API as the bot sees it: records every accepted send_group_msg/send_private_msg.
 * `hold()` makes it keep requests open without answering (a send in flight when the bot is killed).
 */
export async function fakeOneBotApi() {
  const accepted: Sent[] = []
  /** When each accepted message arrived (ms since epoch), parallel to `accepted`. */
  const acceptedAt: number[] = []
  const held: { req: IncomingMessage; res: ServerResponse; sent: Sent }[] = []
  let holding = false
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => {
      body += d
    })
    req.on('end', () => {
      const action = (req.url ?? '').replace(/^\//, '').split('?')[0] ?? ''
      let parsed: { group_id?: number; user_id?: number; message?: unknown } = {}
      try {
        parsed = JSON.parse(body)
      } catch {}
      const text = Array.isArray(parsed.message)
        ? parsed.message.map((s: { data?: { text?: string } }) => s.data?.text ?? '').join('')
        : String(parsed.message ?? '')
      const sent = { action, target: String(parsed.group_id ?? parsed.user_id ?? ''), text }
      if (holding) {
        held.push({ req, res, sent })
        return
      }
      accepted.push(sent)
      acceptedAt.push(Date.now())
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: accepted.length } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    acceptedAt,
    held,
    hold() {
      holding = true
    },
    /** Drops every held request unanswered (the bot never learns whether it went out) and answers from now on. */
    release() {
      holding = false
      for (const h of held.splice(0)) h.res.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

let seq = 0

/** A signed OneBot v11 HTTP POST message event, as NapCat would deliver it. */
export function onebotEvent(
  secret: string,
  e: {
    userId: number
    groupId?: number
    text: string
    messageId?: number
    time?: number
    selfId?: number
    nickname?: string
    groupName?: string
  },
) {
  const body = JSON.stringify({
    time: e.time ?? Math.floor(Date.now() / 1000),
    self_id: e.selfId ?? 10001000,
    post_type: 'message',
    message_type: e.groupId ? 'group' : 'private',
    sub_type: e.groupId ? 'normal' : 'friend',
    message_id: e.messageId ?? ++seq,
    user_id: e.userId,
    ...(e.groupId ? { group_id: e.groupId } : {}),
    ...(e.groupName !== undefined ? { group_name: e.groupName } : {}),
    message: [{ type: 'text', data: { text: e.text } }],
    raw_message: e.text,
    font: 0,
    sender: { user_id: e.userId, nickname: e.nickname ?? `u${e.userId}`, card: '' },
  })
  const signature = `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`
  return { body, headers: { 'content-type': 'application/json', 'x-signature': signature } }
}
