import { addRecurringAnnouncement } from '../../app/add-recurring-announcement.ts'
import { listRecurringAnnouncements } from '../../app/list-recurring-announcements.ts'
import { removeRecurringAnnouncement } from '../../app/remove-recurring-announcement.ts'
import type { DomainError } from '../../domain/errors.ts'
import { ok, type Result } from '../../domain/result.ts'
import { readScheduleWords } from '../../domain/schedule-words.ts'
import { usage } from '../args.ts'
import type { Command } from '../command.ts'
import { SCHEDULE_WORDS_EXAMPLE } from '../reply/desk.ts'
import {
  scheduleAddedText,
  scheduleListText,
  scheduleNeedsWords,
  scheduleRemovedText,
  scheduleTooLong,
} from '../reply/schedule.ts'

const MAX_TEXT = 1000

/**
 * `add "<cron>" <内容>`, or an unquoted @daily-style macro in place of the quoted expression. The expression is read
 * from the normalised text (full-width digits and spaces allowed); the content as the manager wrote it, keeping
 * full-width punctuation and line breaks, as 公告 does.
 */
function parseAdd(rest: string, raw: string): { cron: string; text: string } | null {
  const m = /^(?:add|添加)\s+(?:"([^"]*)"|(@[a-z]+))\s+(.+)$/is.exec(rest)
  if (!m) return null
  const cron = (m[1] ?? m[2] ?? '').trim()
  const own =
    /(?:^|\s|\/)(?:schedule|定时公告)(?:@\S+)?\s+(?:add|添加)\s+(?:["“”＂][^"“”＂]*["“”＂]|@[a-z]+)[ \t\u3000]*([\s\S]+)$/i.exec(
      raw,
    )
  const text = own?.[1] ? ownText(own[1]) : (m[3] as string).trim()
  return { cron, text }
}

/** The content as the manager wrote it: line breaks and full-width punctuation kept, control characters dropped. */
const ownText = (raw: string) =>
  raw
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .trim()

/** `add 工作日 8:30 <内容>`: days and times in words, read into cron; null when the words are not there. */
function parseAddWords(raw: string): Result<{ cron: string; text: string }, DomainError> | null {
  const m = /(?:^|\s|\/)(?:schedule|定时公告)(?:@\S+)?\s+(?:add|添加)[ \t\u3000]+/i.exec(raw)
  if (!m) return null
  const after = raw.slice(m.index + m[0].length)
  const words = readScheduleWords(after)
  if (!words?.ok) return words
  return ok({ cron: words.value.cron, text: ownText(after.slice(words.value.consumed)) })
}

export const scheduleCommand: Command = {
  id: 'schedule',
  names: ['定时公告', 'schedule'],
  roles: ['manager'],
  topic: '经理台',
  rules: ['R10', 'R17'],
  example: SCHEDULE_WORDS_EXAMPLE,
  subcommands: [
    { key: 'add', names: ['添加', 'add'], id: 'schedule.add', example: SCHEDULE_WORDS_EXAMPLE },
    { key: 'list', names: ['列表', 'list'], id: 'schedule.list', example: '/定时公告 列表' },
    { key: 'remove', names: ['删除', 'remove'], id: 'schedule.remove', example: '/定时公告 删除 T1' },
  ],
  async run(tx, ctx, args, rest) {
    const tz = ctx.project.timezone
    const sub = args[0]?.toLowerCase()
    if (sub === 'add') {
      const words = parseAddWords(ctx.message.text)
      if (words && !words.ok) return words
      const input = words?.value ?? parseAdd(rest, ctx.message.text)
      if (!input || input.text === '') return usage(this, scheduleNeedsWords)
      if (input.text.length > MAX_TEXT) return usage(this, scheduleTooLong(MAX_TEXT))
      const r = await addRecurringAnnouncement(tx, ctx, input)
      if (!r.ok) return r
      return scheduleAddedText(r.value, tz)
    }
    if (sub === 'list' && args.length === 1) {
      return scheduleListText(await listRecurringAnnouncements(tx, ctx), tz)
    }
    if (sub === 'remove' && args.length === 2) {
      const r = await removeRecurringAnnouncement(tx, ctx, args[1] as string)
      if (!r.ok) return r
      return scheduleRemovedText(r.value)
    }
    return usage(this)
  },
}
