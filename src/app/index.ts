// The app layer's public surface for the composition root: start-up, the clock, leadership and the log. Use cases
// are reached through the chat layer's commands and the scheduler's jobs, not from here.
export { bootstrap } from './bootstrap.ts'
export { systemClock } from './clock.ts'
// The one-time download links' handler (/files/<token>).
export { takeDownload } from './downloads.ts'
export { type Leadership, runWhileLeader } from './leadership.ts'
export { jsonLogger, type Log } from './log.ts'
export { portInUse, StartupError } from './startup-error.ts'
