export { createTelegramPoller, type TelegramPollerOptions } from './polling.ts'
export { type TelegramRoutesDeps, telegramRoutes } from './routes.ts'
export { createTelegramSender, pacing, type TelegramSenderOptions } from './sender.ts'
