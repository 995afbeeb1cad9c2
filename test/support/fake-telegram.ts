import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const BOT_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'
export const BOT_ID = 123456789
export const BOT_USERNAME = 'anchang_bot'

interface Update {
  update_id: number
  message?: unknown
}

interface Poll {
  offset: number
  limit: number
  res: ServerResponse
  timer: NodeJS.Timeout
}

/**
 * The Bot API as a bot that polls sees it (https://core.telegram.org/bots/api#getupdates): `getUpdates` forgets every
 * update below `offset` (that is how a bot confirms), answers at once when updates wait and otherwise holds the
 * request up to `timeout` seconds; a second getUpdates while one is held ends the first with 409 ("terminated by
 * other getUpdates request"), as Telegram does when two programs poll one bot. `outsidePoller(ms)` plays such a
 * program; `rateLimitNext(s)` answers the next getUpdates with 429 and `retry_after`. `sendMessage` is recorded.
 */
export async function fakeBotApi(opts: { privacyMode?: boolean } = {}) {
  let nextId = 1000
  let queue: Update[] = []
  let held: Poll | null = null
  let outsideUntil = 0
  let rateLimit: number | null = null
  const sent: { chatId: string; text: string; at: number }[] = []
  const calls: { method: string; offset?: number; at: number }[] = []
  let conflicts = 0
  let webhookDeleted = 0
  let revoked = false

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const conflict = (res: ServerResponse) => {
    conflicts++
    reply(res, 409, {
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    })
  }
  const answerHeld = () => {
    const poll = held
    if (!poll) return
    const ready = queue.filter((u) => u.update_id >= poll.offset)
    if (ready.length === 0) return
    held = null
    clearTimeout(poll.timer)
    reply(poll.res, 200, { ok: true, result: ready.slice(0, poll.limit) })
  }

  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (d) => {
      raw += d
    })
    req.on('end', () => {
      const method = (req.url ?? '').split('/').at(-1)?.split('?')[0] ?? ''
      let body: Record<string, unknown> = {}
      try {
        body = raw ? JSON.parse(raw) : {}
      } catch {}
      const at = Date.now()
      if (revoked) {
        calls.push({ method, at })
        return reply(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
      }
      if (method === 'getMe') {
        calls.push({ method, at })
        return reply(res, 200, {
          ok: true,
          result: {
            id: BOT_ID,
            is_bot: true,
            first_name: '案场助手',
            username: BOT_USERNAME,
            can_join_groups: true,
            can_read_all_group_messages: !opts.privacyMode,
            supports_inline_queries: false,
          },
        })
      }
      if (method === 'deleteWebhook') {
        calls.push({ method, at })
        webhookDeleted++
        return reply(res, 200, { ok: true, result: true })
      }
      if (method === 'sendMessage') {
        calls.push({ method, at })
        sent.push({ chatId: String(body.chat_id), text: String(body.text), at })
        return reply(res, 200, {
          ok: true,
          result: { message_id: sent.length, date: Math.floor(at / 1000), chat: { id: body.chat_id, type: 'group' } },
        })
      }
      if (method === 'getUpdates') {
        const offset = Number(body.offset ?? 0)
        const limit = Number(body.limit ?? 100)
        const timeout = Number(body.timeout ?? 0)
        calls.push({ method, offset, at })
        if (at < outsideUntil) return conflict(res)
        if (rateLimit !== null) {
          const seconds = rateLimit
          rateLimit = null
          return reply(res, 429, {
            ok: false,
            error_code: 429,
            description: `Too Many Requests: retry after ${seconds}`,
            parameters: { retry_after: seconds },
          })
        }
        // Confirming: everything below offset is forgotten for good.
        if (offset > 0) queue = queue.filter((u) => u.update_id >= offset)
        if (held) {
          const older = held
          held = null
          clearTimeout(older.timer)
          conflict(older.res)
        }
        const ready = queue.filter((u) => u.update_id >= offset)
        if (ready.length > 0 || timeout === 0) return reply(res, 200, { ok: true, result: ready.slice(0, limit) })
        const poll: Poll = {
          offset,
          limit,
          res,
          timer: setTimeout(() => {
            if (held === poll) held = null
            reply(res, 200, { ok: true, result: [] })
          }, timeout * 1000),
        }
        held = poll
        res.on('close', () => {
          if (held === poll) {
            held = null
            clearTimeout(poll.timer)
          }
        })
        return
      }
      reply(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent,
    calls,
    conflicts: () => conflicts,
    webhookDeleted: () => webhookDeleted,
    /** A person's text message in a chat, as Telegram would deliver it (dated now unless told); returns its update_id. */
    say(
      text: string,
      from: { id: number; name: string },
      chat: { id: number; title?: string },
      date = Math.floor(Date.now() / 1000),
    ): number {
      const update_id = nextId++
      const group = chat.id < 0
      queue.push({
        update_id,
        message: {
          message_id: update_id,
          date,
          chat: group
            ? { id: chat.id, type: 'supergroup', title: chat.title ?? '香公馆案场' }
            : { id: chat.id, type: 'private', first_name: from.name },
          from: { id: from.id, is_bot: false, first_name: from.name },
          text,
          ...(text.startsWith('/')
            ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 1 }] }
            : {}),
        },
      })
      answerHeld()
      return update_id
    },
    /** Puts a confirmed update back, as when a bot died after handling it and before its next getUpdates. */
    redeliver(updateId: number, text: string, from: { id: number; name: string }, chat: { id: number }) {
      const saved = nextId
      nextId = updateId
      this.say(text, from, chat)
      nextId = saved
    },
    pending: () => queue.map((u) => u.update_id),
    /** Another program polls this bot for `ms`: every getUpdates meanwhile gets 409. */
    outsidePoller(ms: number) {
      outsideUntil = Date.now() + ms
      if (held) {
        const h = held
        held = null
        clearTimeout(h.timer)
        conflict(h.res)
      }
    },
    /** The token was revoked in @BotFather: every call gets 401. */
    revokeToken() {
      revoked = true
    },
    rateLimitNext(seconds: number) {
      rateLimit = seconds
    },
    /** Holds a getUpdates right now (a poller is waiting on Telegram). */
    polling: () => held !== null,
    close: () =>
      new Promise<void>((resolve) => {
        if (held) {
          clearTimeout(held.timer)
          held.res.destroy()
        }
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type FakeBotApi = Awaited<ReturnType<typeof fakeBotApi>>
