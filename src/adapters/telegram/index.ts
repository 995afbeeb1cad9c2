export { type TelegramRoutesDeps, telegramRoutes } from './routes.ts'
export { createTelegramSender, pacing, type TelegramSenderOptions } from './sender.ts'
