import type { Role } from '../../domain/roles.ts'
import { mayRun } from '../../domain/roles.ts'
import { DEFAULT_SETTINGS, type RuleSettings } from '../../domain/settings.ts'
import { type Command, findCommand, type Subcommand, subcommandOf } from '../command.ts'
import { COMMAND_TEXTS, type CommandId, type Topic } from '../reply/commands.ts'
import { helpText } from '../reply/help.ts'
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
import { outboxCommand } from './outbox.ts'
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
import { settleCommand } from './settlement.ts'
import {
  agencyCommand,
  auditCommand,
  configCommand,
  groupCommand,
  joinCommand,
  projectCommand,
  staffCommand,
} from './setup.ts'

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
  settleCommand,
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
  projectCommand,
  agencyCommand,
  staffCommand,
  joinCommand,
  auditCommand,
  configCommand,
  outboxCommand,
]

const ALL_WORDS = new Set(['全部', '所有', 'all'])

export const helpCommand: Command = {
  id: 'help',
  names: ['帮助', 'help', 'start'],
  roles: 'anyone',
  needsProject: false,
  topic: '设置',
  rules: [],
  example: '帮助 报备',
  async run(_tx, ctx, args) {
    const settings = ctx.project.settings
    const known = ctx.actor.status !== 'inactive' || ctx.actor.role === 'admin'
    const may = (roles: Command['roles']) => roles === 'anyone' || (known && mayRun(ctx.actor.role, roles))
    const word = args[0]?.replace(/^\//, '').toLowerCase()
    if (word && !ALL_WORDS.has(word)) {
      const cmd = findCommand(COMMANDS, word)
      if (!cmd) return helpText({ kind: 'unknown', word }, settings)
      const own = subcommandOf(cmd, args[1])
      const via = !own && cmd.delegate && subcommandOf(cmd.delegate, args[1]) ? cmd.delegate : undefined
      const item = via ?? cmd
      const sub = own ?? (via ? subcommandOf(via, args[1]) : undefined)
      const asked = via ? cmd.names[0] : undefined
      return helpText({ kind: 'one', item, sub, allowed: may(sub?.roles ?? item.roles), asked }, settings)
    }
    // Someone already on the staff does not need /join listed; a stranger sees what a stranger can do.
    const mine = COMMANDS.filter((c) => c.id !== 'help' && may(c.roles) && !(known && c.id === 'join')).map((c) =>
      c.subcommands
        ? withSubcommands(
            c,
            c.subcommands.filter((sub) => may(sub.roles ?? c.roles)),
          )
        : c,
    )
    const full = word !== undefined || !ctx.view.group
    return helpText({ kind: full ? 'full' : 'short', items: mine }, settings)
  },
}

/** A command with the subcommands the sender may use; with none left (a manager's 确认), help shows its own example. */
function withSubcommands(c: Command, subs: readonly Subcommand[]): Command {
  if (subs.length > 0) return { ...c, subcommands: subs }
  const { subcommands: _, ...rest } = c
  return rest
}

/** Every command the bot understands, in the order 帮助 lists them within a topic. */
export const COMMANDS: readonly Command[] = [...FEATURE_COMMANDS, helpCommand]

/** One command as the user guide (docs/使用手册.md) and the README present it, written from `settings`. */
export interface CommandGuide {
  id: CommandId
  /** The Chinese name, and the other words that work too. */
  name: string
  aliases: string[]
  /** Roles allowed, admins included (`anyone`: also people who have not joined). */
  roles: Role[] | 'anyone'
  topic: Topic
  example: string
  /** The seed's rule numbers it enforces. */
  rules: readonly string[]
  summary: string
  usage: string
  subcommands: { name: string; aliases: string[]; roles: Role[]; example: string; summary: string; usage: string }[]
}

const withAdmin = (roles: readonly Role[]): Role[] => [...new Set<Role>(['admin', ...roles])]

/** The registry, exported for documents: every command with its names, roles, topic, example, rules and words. */
export function commandGuide(settings: RuleSettings = DEFAULT_SETTINGS): CommandGuide[] {
  return COMMANDS.map((c) => ({
    id: c.id,
    name: c.names[0] as string,
    aliases: c.names.slice(1),
    roles: c.roles === 'anyone' ? 'anyone' : withAdmin(c.roles),
    topic: c.topic,
    example: c.example,
    rules: c.rules,
    summary: COMMAND_TEXTS[c.id].summary(settings),
    usage: COMMAND_TEXTS[c.id].usage,
    subcommands: (c.subcommands ?? []).map((sub) => ({
      name: sub.names[0] as string,
      aliases: sub.names.slice(1),
      roles: withAdmin(sub.roles ?? (c.roles === 'anyone' ? [] : c.roles)),
      example: sub.example,
      summary: COMMAND_TEXTS[sub.id].summary(settings),
      usage: COMMAND_TEXTS[sub.id].usage,
    })),
  }))
}
