import type { OutboundMessage } from '../../chat/incoming.ts'

/** What the console page shows: a message typed by someone, or one sent by the bot. */
export interface ConsoleEvent {
  id: number
  at: string
  chat: { kind: 'group' | 'direct'; id: string }
  from: 'bot' | { userId: string; name: string }
  text: string
}

/**
 * The console's chats live in memory: the page subscribes to them, the console sender and the typed messages publish
 * into them. A short history lets a page opened later see the recent conversation.
 */
export class ConsoleHub {
  #events: ConsoleEvent[] = []
  #listeners = new Set<(e: ConsoleEvent) => void>()
  #next = 1
  constructor(
    private readonly keep = 500,
    private readonly now: () => Date = () => new Date(),
  ) {}

  publish(e: Omit<ConsoleEvent, 'id' | 'at'>): ConsoleEvent {
    const event = { ...e, id: this.#next++, at: this.now().toISOString() }
    this.#events.push(event)
    if (this.#events.length > this.keep) this.#events.splice(0, this.#events.length - this.keep)
    for (const l of this.#listeners) l(event)
    return event
  }

  fromBot(m: OutboundMessage): ConsoleEvent {
    const kind = m.target.kind === 'group' ? 'group' : 'direct'
    return this.publish({ chat: { kind, id: m.target.id }, from: 'bot', text: m.text })
  }

  history(afterId = 0): ConsoleEvent[] {
    return this.#events.filter((e) => e.id > afterId)
  }

  subscribe(listener: (e: ConsoleEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
