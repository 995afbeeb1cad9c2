// The chat layer's public surface: the command table, the one entry point for a message, the demo, and the outbox.
export { COMMANDS } from './commands/index.ts'
export type { Connection } from './connection.ts'
export { seedDemo } from './demo.ts'
export { type ChatDeps, handleMessage } from './handle-message.ts'
export type { IncomingMessage, Receive, Sender } from './incoming.ts'
export { DIRECT_CAPABLE } from './notify.ts'
export { createOutboxWorker } from './outbox-worker.ts'
export { createRateLimiter } from './rate-limit.ts'
