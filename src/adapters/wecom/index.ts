export {
  connectionPacing,
  createWecomConnection,
  createWecomConnectionSender,
  type WecomConnection,
} from './connection/index.ts'
export { type WecomRoutesDeps, wecomRoutes } from './routes.ts'
export { createWecomSender, pacing, type WecomSenderOptions } from './sender.ts'
