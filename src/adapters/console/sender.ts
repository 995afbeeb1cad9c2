import type { Sender } from '../../chat/incoming.ts'
import type { ConsoleHub } from './hub.ts'

/** The console "platform" delivers by publishing into the hub the page listens to. */
export function createConsoleSender(hub: ConsoleHub): Sender {
  return {
    platform: 'console',
    async send(message) {
      hub.fromBot(message)
      return { kind: 'sent' }
    },
  }
}
