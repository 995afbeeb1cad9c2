import type { OutboundMessage } from '../app/ports.ts'

/**
 * What a sender is given: a message to one chat, as parts in order. `text` is always the plain rendering of the
 * text parts (a sender that knows no parts sends it as is); senders render the other kinds as their platform can:
 * `quote` (OneBot's `reply` segment, Telegram's reply_parameters), `mention` (OneBot's `at` segment; the name as
 * text elsewhere, already in `text`). Pictures, files and buttons ride in the same list (issue 12).
 */
export interface Delivery extends OutboundMessage {
  parts?: OutboundPart[]
}

export type OutboundPart =
  | { kind: 'text'; text: string }
  | { kind: 'quote'; messageId: string }
  | { kind: 'mention'; userId: string; name: string; text: string }
  | { kind: 'image'; data: Uint8Array; mime: 'image/png'; name: string; caption?: string }
  | { kind: 'document'; data: Uint8Array; mime: string; name: string }
  | { kind: 'buttons'; rows: { label: string; command: string }[][] }

/** The longest message a platform takes to a chat: in UTF-16 units (what JS counts) or UTF-8 bytes. */
export interface LengthLimit {
  max: number
  unit: 'utf16' | 'utf8'
}

export const lengthOf = (text: string, unit: LengthLimit['unit']) =>
  unit === 'utf8' ? Buffer.byteLength(text) : text.length
