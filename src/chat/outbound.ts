import type { StoredPart } from '../app/outbound.ts'
import type { OutboundMessage } from '../app/ports.ts'

/**
 * What a sender is given: a message to one chat, as parts in order. `text` is always the plain rendering of the
 * text parts (a sender that knows no parts sends it as is); senders render the other kinds as their platform can:
 * `quote` (OneBot's `reply` segment, Telegram's reply_parameters), `mention` (OneBot's `at` segment; the name as
 * text elsewhere, already in `text`). Pictures, files and buttons ride in the same list (issue 12): the outbox stores
 * them as the app's StoredPart (base64, src/app/outbound.ts) and deliveryPartsOf turns them into these at send time.
 */
export interface Delivery extends Omit<OutboundMessage, 'parts'> {
  parts?: OutboundPart[]
}

export type OutboundPart =
  | { kind: 'text'; text: string }
  | { kind: 'quote'; messageId: string }
  | { kind: 'mention'; userId: string; name: string; text: string }
  | { kind: 'image'; data: Uint8Array; mime: 'image/png'; name: string; caption?: string }
  | {
      kind: 'document'
      data: Uint8Array
      mime: string
      name: string
      /** The one-time download link, for a platform that cannot take the file (the text carries it too). */
      link?: string
      /** The words to send with the file where the file itself is delivered (without the link). */
      caption?: string
    }
  | { kind: 'buttons'; rows: { label: string; command: string }[][] }

/** The longest message a platform takes to a chat: in UTF-16 units (what JS counts) or UTF-8 bytes. */
export interface LengthLimit {
  max: number
  unit: 'utf16' | 'utf8'
}

export const lengthOf = (text: string, unit: LengthLimit['unit']) =>
  unit === 'utf8' ? Buffer.byteLength(text) : text.length

/** The first part of a kind, typed. */
export function partOf<K extends OutboundPart['kind']>(
  parts: readonly OutboundPart[] | undefined,
  kind: K,
): Extract<OutboundPart, { kind: K }> | undefined {
  return parts?.find((p): p is Extract<OutboundPart, { kind: K }> => p.kind === kind)
}

/** A stored message's picture, file and buttons as a sender takes them (bytes decoded once, here). */
export function deliveryPartsOf(stored: readonly StoredPart[]): OutboundPart[] {
  return stored.map((p): OutboundPart => {
    if (p.kind === 'image')
      return { kind: 'image', data: Buffer.from(p.base64, 'base64'), mime: p.mime, name: 'board.png' }
    if (p.kind === 'buttons') return { kind: 'buttons', rows: [p.buttons] }
    return {
      kind: 'document',
      data: Buffer.from(p.base64, 'base64'),
      mime: p.mime,
      name: p.fileName,
      ...(p.link !== undefined ? { link: p.link } : {}),
      ...(p.caption !== undefined ? { caption: p.caption } : {}),
    }
  })
}
