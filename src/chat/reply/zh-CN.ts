/**
 * The zh-CN catalog: every word the bot sends, joined from the topic files of this folder. A topic file exports
 * entries typed by what they render — domain error codes (errors.ts and the topics it spreads in), notice kinds
 * (notices.ts and its topics), command ids (commands.ts) — so a missing entry or parameter is a compile error. Each
 * entry is a function of (what happened, the View: where it is read, and the project's settings); no rule number is
 * typed in a text. A new topic: add `<topic>.ts` beside these, spread its entries into errors.ts or notices.ts (or
 * give it a typed map of its own and list it here).
 */
export { COMMAND_TEXTS, type CommandId, TOPICS, type Topic, usageText } from './commands.ts'
export { ERRORS, errorText } from './errors.ts'
export type { View } from './format.ts'
export { helpText, whoMay } from './help.ts'
export { NOTICES, noticeText } from './notices.ts'
export { settingChangedText, settingKeyOf, settingLabel, settingsListText } from './settings.ts'
export { BUSY, TOO_FAST, UNKNOWN_COMMAND } from './texts.ts'
