import { type Delivery, partOf } from '../../chat/outbound.ts'

/** What the console page shows: a message typed by someone, or one sent by the bot. */
export interface ConsoleEvent {
  id: number
  at: string
  chat: { kind: 'group' | 'direct'; id: string }
  from: 'bot' | { userId: string; name: string }
  text: string
  /** The picture as a data URL (the page's CSP allows `data:` images). */
  image?: string
  /** Buttons; a press sends `command` as the person looking at the page. */
  buttons?: { label: string; command: string }[]
  /** A file: its one-time download link (the console always takes files this way). */
  file?: { name: string; link: string }
}

/** Pictures kept in the history for a page opened later. */
const KEEP_IMAGES = 5

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
    // Pictures are big (up to 1 MB each): the history keeps only the newest few, older ones keep their text.
    if (event.image) {
      const pictured = this.#events.filter((x) => x.image)
      for (const old of pictured.slice(0, -KEEP_IMAGES)) delete old.image
    }
    for (const l of this.#listeners) l(event)
    return event
  }

  fromBot(m: Delivery): ConsoleEvent {
    const kind = m.target.kind === 'group' ? 'group' : 'direct'
    const image = partOf(m.parts, 'image')
    const buttons = partOf(m.parts, 'buttons')
    const doc = partOf(m.parts, 'document')
    return this.publish({
      chat: { kind, id: m.target.id },
      from: 'bot',
      text: m.text,
      ...(image ? { image: `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}` } : {}),
      ...(buttons ? { buttons: buttons.rows.flat() } : {}),
      ...(doc?.link ? { file: { name: doc.name, link: doc.link } } : {}),
    })
  }

  history(afterId = 0): ConsoleEvent[] {
    return this.#events.filter((e) => e.id > afterId)
  }

  subscribe(listener: (e: ConsoleEvent) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
