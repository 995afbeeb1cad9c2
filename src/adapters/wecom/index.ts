export { type WecomRoutesDeps, wecomRoutes } from './routes.ts'
export { createWecomSender, pacing, type WecomSenderOptions } from './sender.ts'
