export { type ConsoleEvent, ConsoleHub } from './hub.ts'
export { CONSOLE_GROUP, type ConsoleRoutesDeps, consoleRoutes, type Persona } from './routes.ts'
export { createConsoleSender } from './sender.ts'
