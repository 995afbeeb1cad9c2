import type { QueuedMessage } from '../app/ports.ts'
import { type Delivery, deliveryPartsOf, type LengthLimit, lengthOf, type OutboundPart } from './outbound.ts'
import { ATTRIBUTION } from './reply/outbox.ts'

/** One message to send and the queued messages it carries. */
export interface Batch {
  ids: number[]
  delivery: Delivery
}

const GAP = '\n\n'

/**
 * Merges what waits for one chat into as few messages as the platform's length limit allows, in the order given
 * (answers first, then by age), splitting only between the queued messages. A lone answer quotes its command; in a
 * merged message each answer starts by naming its sender. A message longer than the limit on its own goes alone
 * (its sender splits it), and so does one with a picture, a file or buttons: its text is their caption or the words
 * they decide, which another message's text must not dilute.
 */
export function mergeForChat(messages: readonly QueuedMessage[], limit: LengthLimit): Batch[] {
  const batches: Batch[] = []
  let group: QueuedMessage[] = []
  let length = 0
  for (const m of messages) {
    if (m.parts && m.parts.length > 0) {
      if (group.length > 0) batches.push(batchOf(group))
      batches.push(batchOf([m]))
      group = []
      length = 0
      continue
    }
    const own = lengthOf(sectionText(m), limit.unit)
    const joined = group.length === 0 ? own : length + lengthOf(GAP, limit.unit) + own
    if (group.length > 0 && joined > limit.max) {
      batches.push(batchOf(group))
      group = [m]
      length = own
    } else {
      group.push(m)
      length = joined
    }
  }
  if (group.length > 0) batches.push(batchOf(group))
  return batches
}

const sectionText = (m: QueuedMessage) => (m.replyTo ? ATTRIBUTION(nameOf(m)) + m.text : m.text)
const nameOf = (m: QueuedMessage) => m.replyTo?.name || m.replyTo?.userId || ''

function batchOf(group: QueuedMessage[]): Batch {
  const first = group[0] as QueuedMessage
  const ids = group.map((m) => m.id)
  if (group.length === 1) {
    const quote: OutboundPart[] = first.replyTo?.messageId
      ? [{ kind: 'quote', messageId: first.replyTo.messageId }]
      : []
    const delivery: Delivery = { platform: first.platform, target: first.target, text: first.text }
    const extra = first.parts ? deliveryPartsOf(first.parts) : []
    return { ids, delivery: { ...delivery, parts: [...quote, { kind: 'text', text: first.text }, ...extra] } }
  }
  const parts: OutboundPart[] = []
  group.forEach((m, i) => {
    if (m.replyTo)
      parts.push({ kind: 'mention', userId: m.replyTo.userId, name: nameOf(m), text: ATTRIBUTION(nameOf(m)) })
    parts.push({ kind: 'text', text: m.text + (i < group.length - 1 ? GAP : '') })
  })
  const text = group.map(sectionText).join(GAP)
  return { ids, delivery: { platform: first.platform, target: first.target, text, parts } }
}
