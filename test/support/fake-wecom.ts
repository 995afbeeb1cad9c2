import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

export const WECOM_BOT_ID = 'aibTestBot0001'
export const WECOM_SECRET = 'test-secret-of-the-long-connection'

interface Frame {
  cmd?: string
  headers?: { req_id?: string }
  body?: Record<string, unknown>
  errcode?: number
  errmsg?: string
}

interface Peer {
  ws: WebSocket
  n: number
  subscribed: boolean
}

/** errcodes this fake answers with. The document defines the frames; our code only keys on 0, -1 and 45009. */
export const FAKE_ERRCODES = { badCredentials: 40001, badMessageType: 40008, unknownReqId: 40058 } as const

/**
 * WeCom's side of the intelligent robot's long connection (document 101463), speaking its frames:
 * `aibot_subscribe` {bot_id, secret} answered `{headers:{req_id}, errcode, errmsg}`; `ping` answered the same way;
 * `aibot_msg_callback` pushed to the subscribed connection with a req_id; `aibot_respond_msg` (stream or template
 * card) accepted for a req_id it delivered; `aibot_send_msg` (markdown, template_card, image, file…) to a chatid;
 * `aibot_upload_media_init/chunk/finish`; and, when a second connection subscribes with the same BotID, an
 * `aibot_event_callback` with `disconnected_event` to the first, which it then closes. One connection per robot.
 */
export async function fakeWecom(opts: { botId?: string; secret?: string } = {}) {
  const botId = opts.botId ?? WECOM_BOT_ID
  const secret = opts.secret ?? WECOM_SECRET
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const peers: Peer[] = []
  const received: { peer: number; frame: Frame; at: number }[] = []
  const delivered = new Map<string, { chattype: string; chat: string }>()
  const replies: { reqId: string; chat: string; body: Record<string, unknown>; at: number }[] = []
  const pushes: { chatId: string; body: Record<string, unknown>; at: number }[] = []
  const uploads = new Map<string, { type: string; filename: string; chunks: string[] }>()
  const failNext = new Map<string, number>()
  let answerPings = true
  let peerCount = 0
  let msgCount = 0
  let subscribes = 0
  let disconnectEvents = 0

  const send = (ws: WebSocket, frame: Frame) => ws.send(JSON.stringify(frame))
  const answer = (ws: WebSocket, reqId: string | undefined, errcode = 0, body?: Record<string, unknown>) =>
    send(ws, {
      headers: { req_id: reqId ?? '' },
      errcode,
      errmsg: errcode === 0 ? 'ok' : 'error',
      ...(body ? { body } : {}),
    })

  wss.on('connection', (ws) => {
    const peer: Peer = { ws, n: ++peerCount, subscribed: false }
    peers.push(peer)
    ws.on('close', () => {
      peer.subscribed = false
    })
    ws.on('message', (data) => {
      let frame: Frame
      try {
        frame = JSON.parse(String(data))
      } catch {
        return
      }
      received.push({ peer: peer.n, frame, at: Date.now() })
      const reqId = frame.headers?.req_id
      const forced = frame.cmd ? failNext.get(frame.cmd) : undefined
      if (forced !== undefined && frame.cmd) {
        failNext.delete(frame.cmd)
        return answer(ws, reqId, forced)
      }
      switch (frame.cmd) {
        case 'aibot_subscribe': {
          if (frame.body?.bot_id !== botId || frame.body?.secret !== secret)
            return answer(ws, reqId, FAKE_ERRCODES.badCredentials)
          subscribes++
          // One connection per robot: the one subscribed before is told and closed.
          for (const other of peers) {
            if (other === peer || !other.subscribed) continue
            other.subscribed = false
            disconnectEvents++
            send(other.ws, {
              cmd: 'aibot_event_callback',
              headers: { req_id: `event_${++msgCount}` },
              body: {
                msgid: `event-${msgCount}`,
                create_time: Math.floor(Date.now() / 1000),
                aibotid: botId,
                msgtype: 'event',
                event: { eventtype: 'disconnected_event' },
              },
            })
            setTimeout(() => other.ws.close(), 20)
          }
          peer.subscribed = true
          return answer(ws, reqId)
        }
        case 'ping':
          if (answerPings) answer(ws, reqId)
          return
      }
      if (!peer.subscribed) return answer(ws, reqId, FAKE_ERRCODES.badCredentials)
      switch (frame.cmd) {
        case 'aibot_respond_msg': {
          const to = reqId ? delivered.get(reqId) : undefined
          if (!to || !reqId) return answer(ws, reqId, FAKE_ERRCODES.unknownReqId)
          replies.push({ reqId, chat: to.chat, body: frame.body ?? {}, at: Date.now() })
          return answer(ws, reqId)
        }
        case 'aibot_send_msg': {
          const body = frame.body ?? {}
          const type = String(body.msgtype)
          if (typeof body.chatid !== 'string' || !['markdown', 'template_card', 'image', 'file'].includes(type))
            return answer(ws, reqId, FAKE_ERRCODES.badMessageType)
          pushes.push({ chatId: body.chatid, body, at: Date.now() })
          return answer(ws, reqId)
        }
        case 'aibot_upload_media_init': {
          const id = `upload-${uploads.size + 1}`
          uploads.set(id, { type: String(frame.body?.type), filename: String(frame.body?.filename), chunks: [] })
          return answer(ws, reqId, 0, { upload_id: id })
        }
        case 'aibot_upload_media_chunk': {
          const u = uploads.get(String(frame.body?.upload_id))
          if (!u) return answer(ws, reqId, FAKE_ERRCODES.unknownReqId)
          u.chunks[Number(frame.body?.chunk_index)] = String(frame.body?.base64_data)
          return answer(ws, reqId)
        }
        case 'aibot_upload_media_finish': {
          const id = String(frame.body?.upload_id)
          const u = uploads.get(id)
          if (!u) return answer(ws, reqId, FAKE_ERRCODES.unknownReqId)
          return answer(ws, reqId, 0, { type: u.type, media_id: `media-${id}`, created_at: '1764000000' })
        }
        default:
          return answer(ws, reqId, FAKE_ERRCODES.badMessageType)
      }
    })
  })

  const port = (wss.address() as AddressInfo).port
  const live = () => peers.filter((p) => p.subscribed && p.ws.readyState === p.ws.OPEN)

  return {
    url: `ws://127.0.0.1:${port}`,
    botId,
    received,
    replies,
    pushes,
    uploads,
    subscribes: () => subscribes,
    disconnectEvents: () => disconnectEvents,
    /** Connections subscribed right now (WeCom keeps at most one per robot). */
    subscribed: () => live().length,
    /**
     * A person's text to the robot: `chat` is a group's chatid, or absent for a direct chat. Sent to the subscribed
     * connection as `aibot_msg_callback`; with none subscribed WeCom has nobody to tell, and the fake returns null.
     * `createTime` is the frame's stamp (default now, in seconds; null: none).
     */
    say(
      text: string,
      from: string,
      chat?: string,
      msgid?: string,
      createTime: number | string | null = Math.floor(Date.now() / 1000),
    ): string | null {
      const peer = live()[0]
      if (!peer) return null
      const reqId = `aibot_msg_callback_${++msgCount}`
      delivered.set(reqId, { chattype: chat ? 'group' : 'single', chat: chat ?? from })
      send(peer.ws, {
        cmd: 'aibot_msg_callback',
        headers: { req_id: reqId },
        body: {
          msgid: msgid ?? `msg-${msgCount}`,
          aibotid: botId,
          ...(chat ? { chatid: chat } : {}),
          chattype: chat ? 'group' : 'single',
          from: { userid: from },
          ...(createTime === null ? {} : { create_time: createTime }),
          msgtype: 'text',
          text: { content: chat ? `@案场助手 ${text}` : text },
        },
      })
      return reqId
    },
    /** What a chat shows from the robot, in order: stream replies (final content) and markdown pushes. */
    shown(chat: string): string[] {
      const out = [
        ...replies
          .filter((r) => r.chat === chat)
          .map((r) => ({ at: r.at, text: String((r.body.stream as { content?: string })?.content ?? '') })),
        ...pushes
          .filter((p) => p.chatId === chat && p.body.msgtype === 'markdown')
          .map((p) => ({ at: p.at, text: String((p.body.markdown as { content?: string })?.content ?? '') })),
      ]
      return out.sort((a, b) => a.at - b.at).map((m) => m.text)
    },
    stopAnsweringPings() {
      answerPings = false
    },
    /** The next frame with this cmd is answered with `errcode` instead. */
    failNext(cmd: string, errcode: number) {
      failNext.set(cmd, errcode)
    },
    /** Drops every connection without a word, as a broken network does. */
    dropAll() {
      for (const p of peers) p.ws.terminate()
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of peers) p.ws.terminate()
        wss.close(() => resolve())
      }),
  }
}

export type FakeWecom = Awaited<ReturnType<typeof fakeWecom>>
