import { ROLE_NAMES, type Role } from '../../domain/roles.ts'
import type { RuleSettings } from '../../domain/settings.ts'
import { COMMAND_TEXTS, type CommandId, TOPICS, type Topic } from './commands.ts'

/** What help needs to know of a command or subcommand (the registry's entries fit this shape). */
export interface HelpItem {
  id: CommandId
  names: readonly string[]
  roles: readonly Role[] | 'anyone'
  topic: Topic
  rules: readonly string[]
  example: string
  subcommands?: readonly {
    key: string
    names: readonly string[]
    id: CommandId
    roles?: readonly Role[]
    example: string
  }[]
}

/** What the person asked for, as 帮助 decided it. */
export type HelpOutcome =
  /**
   * A group's short list: the sender's commands by topic, one example each. `items` carry only the subcommands the
   * sender may use; the example is the first of those (a secretary's 分销 shows `/分销 列表`, not the manager's 添加).
   */
  | { kind: 'short'; items: readonly HelpItem[] }
  /** Everything the sender may use (a direct chat, or 帮助 全部), subcommands filtered the same way. */
  | { kind: 'full'; items: readonly HelpItem[] }
  /** One command, or one subcommand of it; `allowed`: whether the asker may use it. */
  | {
      kind: 'one'
      item: HelpItem
      sub?: NonNullable<HelpItem['subcommands']>[number]
      allowed: boolean
      /** The command word it was asked by, when that is another command's (`帮助 房源 添加` for /房源管理 添加). */
      asked?: string
    }
  | { kind: 'unknown'; word: string }

/** Who may use a command, in the words of the roles; admins may use everything. */
export function whoMay(roles: readonly Role[] | 'anyone'): string {
  if (roles === 'anyone') return '所有人'
  return ROLE_ORDER.filter((r) => r === 'admin' || roles.includes(r))
    .map((r) => ROLE_NAMES[r])
    .join('、')
}

const ROLE_ORDER: readonly Role[] = ['agent', 'secretary', 'manager', 'admin']

const exampleOf = (c: HelpItem) => c.subcommands?.[0]?.example ?? c.example

const byTopic = (items: readonly HelpItem[]) =>
  TOPICS.map((t) => [t, items.filter((c) => c.topic === t)] as const).filter(([, list]) => list.length > 0)

const aliases = (names: readonly string[]) => (names.length > 1 ? `（${names.slice(1).join('、')}）` : '')

/** 帮助's reply. A group's list fits in 15 lines: a title, one line per topic, a footer. */
export function helpText(h: HelpOutcome, s: RuleSettings): string {
  if (h.kind === 'unknown') return `没有“${h.word}”这个命令。发送“帮助”查看你可以使用的命令。`
  if (h.kind === 'short') {
    const lines = byTopic(h.items).map(([topic, list]) => `【${topic}】${list.map(exampleOf).join(' ｜ ')}`)
    return [
      '你可以使用的命令（例句可直接复制修改）：',
      ...lines,
      '发送“帮助 <命令>”看用法和谁可以用，“帮助 全部”看全部说明。',
    ].join('\n')
  }
  if (h.kind === 'full') {
    const blocks = byTopic(h.items).map(([topic, list]) =>
      [
        `【${topic}】`,
        ...list.flatMap((c) => [
          `${c.names[0]}${aliases(c.names)} — ${COMMAND_TEXTS[c.id].summary(s)}`,
          ...(c.subcommands ?? []).map(
            (sub) => `  ${c.names[0]} ${sub.names[0]}：${COMMAND_TEXTS[sub.id].summary(s)}，例：${sub.example}`,
          ),
          ...(c.subcommands ? [] : [`  例：${c.example}`]),
        ]),
      ].join('\n'),
    )
    return ['你可以使用的命令：', ...blocks, '发送“帮助 <命令>”查看详细用法和谁可以用。'].join('\n')
  }
  const { item, sub } = h
  const roles = sub?.roles ?? item.roles
  const name = sub ? `${h.asked ?? item.names[0]} ${sub.names[0]}` : item.names[0]
  const text = COMMAND_TEXTS[sub?.id ?? item.id]
  return [
    `${name}${aliases(sub?.names ?? item.names)}：${text.summary(s)}`,
    `用法：${text.usage}`,
    `例如：${sub?.example ?? item.example}`,
    ...(!sub && item.subcommands
      ? [`子命令：${item.subcommands.map((x) => x.names[0]).join('、')}（帮助 ${item.names[0]} <子命令>）`]
      : []),
    ...(item.rules.length > 0 && !sub ? [`依据：${item.rules.join('、')}`] : []),
    `可以使用：${whoMay(roles)}${h.allowed ? '' : '（你不能使用此命令）'}`,
  ].join('\n')
}
