import type { OutboundMessage, OutboundTarget } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'
import type { Delivery, LengthLimit } from './outbound.ts'

/** The outbound shapes are the app's (the outbox stores them); adapters import them from here. */
export type { OutboundMessage, OutboundTarget }

/**
 * A chat message decoded by an adapter; chat/ never sees a platform's own payload. Text keeps the sender's words
 * with the @-mention of the bot removed; `mentionsBot` says whether it was there.
 */
export interface IncomingMessage {
  platform: Platform
  /** The platform's own id of this delivery, used to run a redelivered event once. */
  eventId: string
  chat: { kind: 'group' | 'direct'; id: string; title?: string }
  sender: { userId: string; name?: string }
  text: string
  mentionsBot: boolean
  /** The platform's id of this message (OneBot message_id, Telegram message_id): a reply quotes it. */
  messageId?: string
  /** Where a reply must go when it cannot be a plain message to the chat (WeCom's one-shot response_url). */
  replyVia?: OutboundTarget
  /**
   * A button press rather than typed text: `text` is the button's command, `original` the text of the message the
   * button was under (the reply replaces that message, showing who pressed and when, where the platform can).
   */
  press?: { original: string }
}

/**
 * What an adapter's sender reports. `retry` asks the outbox to try again later (429, 5xx, network);
 * `failed` is permanent (the chat is gone, the token is wrong) and is recorded, not retried. A `paced` retry is the
 * sender's own rate limit speaking: the chat waits, and nothing is counted as a failure.
 */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; afterMs?: number; reason: string; paced?: boolean }
  | { kind: 'failed'; reason: string }

export interface Sender {
  platform: Platform
  send(message: Delivery): Promise<SendOutcome>
  /** The longest message this chat takes; the outbox merges waiting messages up to it (default 4096 characters). */
  limit?(target: OutboundTarget): LengthLimit
}

/** What the chat layer did with a message; adapters answer the webhook the same way for each. */
export type Receipt = { kind: 'handled' } | { kind: 'duplicate' } | { kind: 'ignored' }

/** The chat layer's entry point as adapters see it. */
export type Receive = (message: IncomingMessage) => Promise<Receipt>
