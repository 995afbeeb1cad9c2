import type { IncomingMessage } from './incoming.ts'

/**
 * Names a platform supplies (a QQ card or nickname, a Telegram first name, a group's title) are stored and shown:
 * control characters (U+0000 is refused by PostgreSQL's text type), line and paragraph separators and the
 * bidirectional overrides that reorder what others read are removed, runs of spaces collapse, and at most 64
 * characters are kept. A name with nothing left is no name.
 */
export function cleanName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined
  const clean = [
    ...name
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  ]
    .slice(0, 64)
    .join('')
  return clean === '' ? undefined : clean
}

/** The message with its sender's name and its group's title cleaned (cleanName), before anything reads them. */
export function withCleanNames(msg: IncomingMessage): IncomingMessage {
  const name = cleanName(msg.sender.name)
  const title = cleanName(msg.chat.title)
  const { name: _n, ...sender } = msg.sender
  const { title: _t, ...chat } = msg.chat
  return {
    ...msg,
    sender: name === undefined ? sender : { ...sender, name },
    chat: title === undefined ? chat : { ...chat, title },
  }
}
