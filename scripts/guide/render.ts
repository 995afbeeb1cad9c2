// Writes the guide (docs/使用手册.md) and the desk cards (docs/卡片-<角色>.md) from the command registry and the
// answers the bot gave during the guide's day (run-day.ts). Nothing here states what the bot says: it is all quoted.
import { type Command, subcommandOf } from '../../src/chat/command.ts'
import { COMMANDS } from '../../src/chat/commands/index.ts'
import { findCommand } from '../../src/chat/handle-message.ts'
import { parseCommand } from '../../src/chat/parse.ts'
import { COMMAND_TEXTS } from '../../src/chat/reply/commands.ts'
import { ROLE_NAMES, type Role } from '../../src/domain/roles.ts'
import { DEFAULT_SETTINGS } from '../../src/domain/settings.ts'
import { CHAPTERS, PEOPLE, type Person } from './day.ts'
import type { Delivery, Exchange } from './run-day.ts'

/** The roles in the order the guide presents them. */
const ROLE_ORDER: Role[] = ['admin', 'manager', 'secretary', 'agent']

/** The command a text runs; `/房源 添加` runs 房源管理 through 房源's delegate, as the handler does. */
export const commandOf = (text: string): Command | undefined => {
  const parsed = parseCommand(text)
  const cmd = parsed ? findCommand(COMMANDS, parsed.word) : undefined
  if (!cmd || !parsed) return cmd
  const viaDelegate = !subcommandOf(cmd, parsed.args[0]) && cmd.delegate && subcommandOf(cmd.delegate, parsed.args[0])
  return viaDelegate ? cmd.delegate : cmd
}

/** Who may run it, in words (admins may run everything). */
export function whoMay(cmd: Command): string {
  if (cmd.roles === 'anyone') return '所有人'
  const roles = ROLE_ORDER.filter((r) => r === 'admin' || (cmd.roles as readonly Role[]).includes(r))
  return roles.map((r) => ROLE_NAMES[r]).join('、')
}

/** The seed rule numbers a command enforces, as the registry lists them. */
export const rulesOf = (cmd: Command): string => cmd.rules.join('、') || '—'

/** A command's words from the catalog, written from the seed's settings (the guide's site keeps them). */
const usageOf = (cmd: Command) => COMMAND_TEXTS[cmd.id].usage
const summaryOf = (cmd: Command) => COMMAND_TEXTS[cmd.id].summary(DEFAULT_SETTINGS)

const label = (cmd: Command) => cmd.names[0] as string
const aliases = (cmd: Command) => cmd.names.slice(1).join('、') || '—'
const block = (text: string) => `\`\`\`\n${text}\n\`\`\``
function personName(p: Person): string {
  const { name, role, agency } = PEOPLE[p]
  if (role === 'admin') return name
  return `${name}（${agency ? `${agency}的` : ''}${ROLE_NAMES[role]}）`
}
const where = (w: 'group' | 'direct') => (w === 'group' ? '在群里' : '私聊机器人')
const toWhom = (d: Delivery) => (d.to === 'group' ? '群里收到' : `${personName(d.to)} 私聊收到`)
const oneLine = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ｜ ')

function exchangeMd(e: Exchange): string {
  const cmd = commandOf(e.step.text)
  const head = cmd
    ? `**${label(cmd)}**　别名：${aliases(cmd)}　·　谁可以用：${whoMay(cmd)}　·　规则：${rulesOf(cmd)}`
    : '**（不是命令）**'
  const parts = [
    head,
    '',
    `${e.step.why}`,
    '',
    `${personName(e.step.who)}${where(e.step.where)}发送：`,
    '',
    block(e.sent),
    '',
    '机器人回答：',
    '',
    block(e.answer),
  ]
  for (const d of e.others) parts.push('', `同时，${toWhom(d)}：`, '', block(d.text))
  return parts.join('\n')
}

function roleChapter(role: Role, day: readonly Exchange[]): string {
  const mine = day.filter((e) => PEOPLE[e.step.who].role === role)
  const out = [`## ${ROLE_NAMES[role]}的一天`]
  for (const chapter of CHAPTERS) {
    const here = mine.filter((e) => e.step.chapter === chapter)
    if (here.length === 0) continue
    out.push('', `### ${chapter}`)
    for (const e of here) out.push('', exchangeMd(e))
  }
  return out.join('\n')
}

function commandTable(): string {
  const rows = COMMANDS.map(
    (c) => `| ${label(c)} | ${aliases(c)} | ${whoMay(c)} | ${oneLine(usageOf(c))} | ${rulesOf(c)} |`,
  )
  return ['| 命令 | 别名 | 谁可以用 | 用法 | 规则 |', '|---|---|---|---|---|', ...rows].join('\n')
}

const INTRO = `# 案场机器人 使用手册

> 本手册由 \`npm run docs\` 根据机器人的命令表生成；书中每一条“机器人回答”都是机器人在一个演示案场里真实给出的回答
> （日期为 2026 年 12 月，加入码换成了固定的示例）。规则编号（R1–R21）对应案场原有的《案场管理制度》。

案场机器人在案场的 QQ 群、企业微信群或 Telegram 群里执行案场规则：分销报备与15天保护期、撞单裁定、来电来访轮排、
定金封房、认购签约审批、罚款和月度佣金。每一条决定都记录在不可私自修改的审计链里，到期前主动提醒。

**四种角色**：管理员（开通和设置）、现场经理（审批、罚款、佣金）、案场秘书（到访、来访、签约、房源）、
分销销售（签到、报备、定金、认购）。每个人先由管理员添加，再用加入码私聊机器人绑定自己的聊天账号。

**在私聊里报备。** 群里的任何手机号都会被遮盖为 138****5678；在私聊里报备，客户的完整号码只有你和案场看得到。

**试用。** 在电脑上运行 README 里的第一条命令，用浏览器打开控制台 http://127.0.0.1:3000/ ，点“一键创建演示数据”，
就可以用各个角色的身份发送下面的每一条命令。停止：在终端按 Ctrl+C。重来：删除 \`data/\` 目录后再启动。

目录：${ROLE_ORDER.map((r) => `[${ROLE_NAMES[r]}的一天](#${ROLE_NAMES[r]}的一天)`).join(' · ')} · [命令一览](#命令一览)`

export function renderGuide(day: readonly Exchange[]): string {
  const chapters = ROLE_ORDER.map((r) => roleChapter(r, day))
  return `${[INTRO, ...chapters, `## 命令一览\n\n${commandTable()}`].join('\n\n')}\n`
}

/** A one-page card per role for the desk: the role's commands, each with one example. */
export function renderCard(role: Role, day: readonly Exchange[]): string {
  const mayUse = (c: Command) => c.roles === 'anyone' || role === 'admin' || (c.roles as readonly Role[]).includes(role)
  const rows = COMMANDS.filter(mayUse).map((c) => {
    const seen = day.find((e) => PEOPLE[e.step.who].role === role && commandOf(e.step.text) === c)
    const example = seen?.sent ?? c.example
    return `| ${label(c)} | ${oneLine(summaryOf(c))} | \`${oneLine(example)}\` |`
  })
  return [
    `# ${ROLE_NAMES[role]} · 案场机器人速查卡`,
    '',
    '| 命令 | 做什么 | 例子 |',
    '|---|---|---|',
    ...rows,
    '',
    '发送“帮助 <命令>”查看完整用法。报备请在私聊里发送，群里的手机号会被遮盖。详见《使用手册》。',
    '',
  ].join('\n')
}

export const cardFile = (role: Role) => `卡片-${ROLE_NAMES[role]}.md`
export { ROLE_ORDER }
