import { mayRun } from '../../domain/roles.ts'
import type { Command } from '../command.ts'
import { approvalsCommand, collisionsCommand, confirmCommand, reportCommand } from './desk.ts'
import { exportCommand } from './exports.ts'
import { fileCommand, lookupCommand, myCustomersCommand, visitCommand, whatIfCommand } from './filing.ts'
import {
  announceCommand,
  commissionCommand,
  dismissCommand,
  fineCommand,
  performanceCommand,
  reverseCommand,
} from './money.ts'
import { callCommand, checkInCommand, rotationCommand, walkInCommand } from './rotation.ts'
import {
  approveCommand,
  boardCommand,
  depositCommand,
  refundCommand,
  rejectCommand,
  signCommand,
  subscribeCommand,
  unitCommand,
  unitInfoCommand,
} from './sales.ts'
import { scheduleCommand } from './schedule.ts'
import { agencyCommand, auditCommand, configCommand, groupCommand, joinCommand, staffCommand } from './setup.ts'

const FEATURE_COMMANDS: Command[] = [
  checkInCommand,
  fileCommand,
  whatIfCommand,
  lookupCommand,
  myCustomersCommand,
  visitCommand,
  walkInCommand,
  callCommand,
  rotationCommand,
  performanceCommand,
  commissionCommand,
  fineCommand,
  reverseCommand,
  dismissCommand,
  confirmCommand,
  approvalsCommand,
  collisionsCommand,
  reportCommand,
  announceCommand,
  scheduleCommand,
  boardCommand,
  exportCommand,
  unitInfoCommand,
  depositCommand,
  subscribeCommand,
  refundCommand,
  signCommand,
  approveCommand,
  rejectCommand,
  unitCommand,
  groupCommand,
  agencyCommand,
  staffCommand,
  joinCommand,
  auditCommand,
  configCommand,
]

export const helpCommand: Command = {
  names: ['帮助', 'help', 'start'],
  roles: 'anyone',
  needsProject: false,
  usage: '帮助 [命令]',
  example: '帮助 报备',
  summary: '列出你可以使用的命令',
  async run(_tx, ctx, args) {
    const word = args[0]?.replace(/^\//, '').toLowerCase()
    if (word) {
      const cmd = COMMANDS.find((c) => c.names.includes(word))
      if (!cmd) return `没有“${word}”这个命令。发送“帮助”查看全部。`
      return `${cmd.names[0]}：${cmd.summary}\n用法：${cmd.usage}\n例如：${cmd.example}`
    }
    const known = ctx.actor.status !== 'inactive' || ctx.actor.role === 'admin'
    const mine = COMMANDS.filter((c) => c.roles === 'anyone' || (known && mayRun(ctx.actor.role, c.roles)))
    const lines = mine.map((c) => `${c.names[0]} — ${c.summary}\n  例：${c.example}`)
    return `你可以使用的命令：\n${lines.join('\n')}\n发送“帮助 <命令>”查看详细用法。`
  },
}

/** Every command the bot understands, in the order 帮助 lists them. */
export const COMMANDS: readonly Command[] = [...FEATURE_COMMANDS, helpCommand]
