import type { ButtonsPart } from '../../app/outbound.ts'
import { dateTime } from './format.ts'

/** The buttons under a 【待审批】 message to a manager: each runs the command the message tells them to type. */
export const approvalButtons = (recordCode: string): ButtonsPart => ({
  kind: 'buttons',
  buttons: [
    { label: '批准', command: `批准 ${recordCode}` },
    { label: '驳回', command: `驳回 ${recordCode}` },
  ],
})

/** A pressed button's message, edited in place: the request as it was, who pressed what and when, and the outcome. */
export const PRESSED = (original: string, who: string, command: string, at: Date, tz: string, outcome: string) =>
  [original, '———', `${who} 于 ${dateTime(at, tz)} 按下「${command}」：`, outcome].filter((l) => l !== '').join('\n')
