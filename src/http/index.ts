// The HTTP layer's public surface: the hono app and the port check.
export { createApp } from './app.ts'
export { downloadRoutes } from './downloads.ts'
export { assertPortFree } from './port.ts'
