export { type OneBotRoutesDeps, onebotRoutes } from './routes.ts'
export { createOneBotSender, type OneBotSenderOptions, pacing } from './sender.ts'
