import type { OutboundMessage, OutboundTarget } from '../app/ports.ts'
import type { Platform } from '../domain/platform.ts'

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
 * `failed` is permanent (the chat is gone, the token is wrong) and is recorded, not retried.
 */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; afterMs?: number; reason: string }
  | { kind: 'failed'; reason: string }

export interface Sender {
  platform: Platform
  send(message: OutboundMessage): Promise<SendOutcome>
}

/** What the chat layer did with a message; adapters answer the webhook the same way for each. */
export type Receipt = { kind: 'handled' } | { kind: 'duplicate' } | { kind: 'ignored' }

/** The chat layer's entry point as adapters see it. */
export type Receive = (message: IncomingMessage) => Promise<Receipt>
