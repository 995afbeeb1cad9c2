import type { ChainVerdict } from '../../app/audit.ts'
import type { JoinOutcome, StaffLabel } from '../../app/join-staff.ts'
import { ROLE_NAMES, type Role } from '../../domain/roles.ts'
import type { RuleSettings } from '../../domain/settings.ts'
import { dateTime, type View } from './format.ts'

/** Set-up replies: agencies, staff and join codes, joining, the audit check. */

export const wecomKeySetText = (auditCode: string) =>
  `已设置本群的群机器人，之后的推送经由它发到本群。证据 ${auditCode}`

export const agencyNameRule = '分销名称为1–20个字，不能是纯数字。'

export const agencyAddedText = (name: string, seq: number, remaining: number, auditCode: string) =>
  `已添加分销“${name}”，轮排第 ${seq} 位；还可添加 ${remaining} 家（R1）。证据 ${auditCode}`

export const readmitNeedsReason = '请写明分销名称和恢复原因。'

export const noAgenciesText = '还没有分销。添加：/分销 添加 <名称>'

/** /分销 列表: each agency with its agents, the count against the limit. */
export function agencyListText(
  agencies: readonly {
    seq: number
    name: string
    dismissed: boolean
    agents: readonly { name: string; status: 'active' | 'forfeited' | 'inactive' }[]
  }[],
  s: RuleSettings,
): string {
  const lines = agencies.map((a) => {
    const people = a.agents.map((p) =>
      p.status === 'active' ? p.name : `${p.name}(${p.status === 'forfeited' ? '已放弃' : '停用'})`,
    )
    return `${a.seq}. ${a.name}${a.dismissed ? '（已劝退）' : ''}：${people.join('、') || '暂无销售'}`
  })
  const active = agencies.filter((a) => !a.dismissed).length
  return `分销 ${active}/${s.maxAgencies} 家：\n${lines.join('\n')}`
}

/** The role words /员工 添加 takes, Chinese first (the English still accepted). */
export const roleChoices = () =>
  '角色可选：销售、秘书、经理、管理员（也可写 分销销售、案场秘书、现场经理，或 agent、secretary、manager、admin）'

const codeText = (code: string, expiresAt: Date, v: View) =>
  `请本人用自己的聊天账号私聊机器人发送：\n/join ${code}\n加入码一次有效，${dateTime(expiresAt, v.tz)} 前使用。`

/** /员工 添加: what the admin reads directly (with the code), and what a group reads (without it). */
export function staffAddedText(
  a: { name: string; role: Role; agencyName: string | null; joinCode: string; expiresAt: Date; auditCode: string },
  v: View,
): { direct: string; group: string } {
  const who = `已添加${ROLE_NAMES[a.role]} ${a.name}${a.agencyName ? `（${a.agencyName}）` : ''}。`
  return {
    direct: `${who}${codeText(a.joinCode, a.expiresAt, v)}证据 ${a.auditCode}`,
    group: `${who}加入码已私信发给管理员，请转交本人。证据 ${a.auditCode}`,
  }
}

/** /员工 加入码: the new code directly, and what a group reads. */
export function codeReissuedText(
  a: { name: string; role: Role; joinCode: string; expiresAt: Date; auditCode: string },
  v: View,
): { direct: string; group: string } {
  return {
    direct: `${ROLE_NAMES[a.role]} ${a.name} 的新加入码（原有未用的加入码已作废）。${codeText(a.joinCode, a.expiresAt, v)}证据 ${a.auditCode}`,
    group: `已为 ${a.name} 重新生成加入码，已私信发给管理员。证据 ${a.auditCode}`,
  }
}

export const staffActivatedText = (name: string, auditCode: string) =>
  `已重新启用 ${name}，可以继续使用分销命令。证据 ${auditCode}`

const label = (l: StaffLabel) => `${l.name}（${ROLE_NAMES[l.role]}${l.agencyName ? `，${l.agencyName}` : ''}）`

/** /加入: welcome, or what a rebinding would replace. */
export function joinText(v: JoinOutcome, code: string): string {
  if (v.kind === 'confirm') {
    return `你的账号已绑定为 ${label(v.current)}。用这个加入码将改绑为 ${label(v.next)}，${v.current.name} 将不能再用此账号。确认改绑请发送：/join ${code.toUpperCase()} 确认（本次未做任何改动）`
  }
  const s = v.staff
  const replaced = v.replaced ? `（已解除原绑定：${label(v.replaced)}）` : ''
  return `欢迎 ${s.name}！你已作为${ROLE_NAMES[s.role]}${v.agencyName ? `（${v.agencyName}）` : ''}加入${replaced}。发送“帮助”查看你可以使用的命令。`
}

export const auditFormRule = '序号是正整数，哈希是记下的十六进制数字（至少 8 位）。'

const BREAK_WHY = {
  hash: '内容被修改',
  link: '前后链接断开（被删除或调换）',
  gap: '编号缺失（被删除）',
  head: '末尾记录缺失',
  unchained: '有记录不在哈希链中（被私自插入）',
  unkeyed: '哈希链没有用审计密钥签名（被人重新计算过）',
  mark: '审计密钥的起始标记对不上（被人改动或重新计算过）',
  'no-key': '本程序未配置审计密钥，无法校验',
} as const

/** /审计 校验: the chain's verdict, and the remembered head's where one was given. */
export function auditVerdictText(v: ChainVerdict, remembered?: { seq: number }): string {
  if (v.ok) {
    const chain = `审计日志完整：共 ${v.entries} 条${v.headCode ? `（至 ${v.headCode}）` : ''}，哈希链校验通过。`
    return v.remembered
      ? `${chain}记下的链头第 ${v.remembered.seq} 条（${v.remembered.code}）仍在链中，未被改动。`
      : chain
  }
  if (v.reason === 'remembered') {
    return `⚠️ 记下的链头第 ${remembered?.seq} 条与现在的审计日志不符（该条被改写或已不存在），日志在此之后被替换过。请立即保留数据库备份并联系管理员。`
  }
  const where = v.reason === 'unchained' || v.brokenAt.endsWith('-') ? '' : `${v.brokenAt} 处`
  return `⚠️ 审计日志校验失败：${where}${BREAK_WHY[v.reason]}。此前 ${v.entries} 条完好。请立即保留数据库备份并联系管理员。`
}

/** `/群 绑定`: which project, how it was found, and — when this made a second project — what direct chats now need. */
export function groupBoundText(
  v: { projectName: string; created: boolean; only: boolean; projects: number },
  auditCode: string,
): string {
  const how = v.created ? '（新建）' : v.only ? '（本部署唯一的项目）' : ''
  const direct =
    v.created && v.projects > 1 ? `本部署现有 ${v.projects} 个项目，管理员私聊命令请先发送 /项目 使用 <名称>。` : ''
  return `本群已绑定项目“${v.projectName}”${how}。本群的命令都作用于该项目，公告和提醒会发到本群。${direct}证据 ${auditCode}`
}

export const projectChosenText = (name: string, auditCode: string) =>
  `已选择项目“${name}”：之后你私聊机器人的命令都作用于该项目。证据 ${auditCode}`

export function projectListText(names: readonly string[], current: string | null): string {
  if (names.length === 0) return '还没有项目。在群里发送 /群 绑定 <项目名称> 新建并绑定。'
  return `项目：${names.join('、')}${current ? `（当前：${current}）` : ''}。选择私聊命令作用的项目：/项目 使用 <名称>`
}
