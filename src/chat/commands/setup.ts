import { addAgency } from '../../app/add-agency.ts'
import { addStaff } from '../../app/add-staff.ts'
import { verifyAuditChain } from '../../app/audit.ts'
import { bindGroup, setWecomKey } from '../../app/bind-group.ts'
import { joinStaff } from '../../app/join-staff.ts'
import { reactivateStaff } from '../../app/reactivate-staff.ts'
import { readmitAgency } from '../../app/readmit-agency.ts'
import { isMoneyPath, settingAt, settingPaths, updateSettings } from '../../app/update-settings.ts'
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts'
import { isName, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { readmittedText } from '../reply/desk.ts'
import { dateTime, yuan } from '../reply/format.ts'

const ROLE_WORDS: Record<string, Role> = {
  admin: 'admin',
  管理员: 'admin',
  manager: 'manager',
  经理: 'manager',
  现场经理: 'manager',
  secretary: 'secretary',
  秘书: 'secretary',
  案场秘书: 'secretary',
  agent: 'agent',
  销售: 'agent',
  分销销售: 'agent',
}

export const groupCommand: Command = {
  names: ['group', '群'],
  roles: ['admin'],
  needsProject: false,
  usage: '/group bind <项目名称> ｜ /group wecom-key <群机器人key>',
  example: '/group bind 香公馆',
  summary: '把本群绑定到项目；设置企业微信群机器人',
  async run(tx, ctx, args) {
    const m = ctx.message
    if (m.chat.kind !== 'group') return { ok: false, error: { code: 'group.only' } }
    const source = `${m.platform}:${m.eventId}`
    if (args[0] === 'bind' && args[1]) {
      const projectName = args.slice(1).join(' ').slice(0, 40)
      const r = await bindGroup(tx, {
        platform: m.platform,
        chatId: m.chat.id,
        title: m.chat.title ?? null,
        projectName,
        timezone: ctx.project.id === 0 ? ctx.view.tz : ctx.project.timezone,
        actor: ctx.actor,
        now: ctx.now,
        source,
      })
      if (!r.ok) return r
      return `本群已绑定项目“${r.value.project.name}”${r.value.created ? '（新建）' : ''}。本群的命令都作用于该项目，公告和提醒会发到本群。证据 ${r.value.auditCode}`
    }
    if (args[0] === 'wecom-key' && args[1] && /^[\w-]{8,64}$/.test(args[1])) {
      const r = await setWecomKey(tx, {
        platform: m.platform,
        chatId: m.chat.id,
        key: args[1],
        actor: ctx.actor,
        now: ctx.now,
        source,
      })
      if (!r.ok) return r
      return `已设置本群的群机器人，之后的推送经由它发到本群。证据 ${r.value.auditCode}`
    }
    return usage(this)
  },
}

export const agencyCommand: Command = {
  names: ['agency', '分销'],
  roles: ['admin', 'manager', 'secretary'],
  usage: '/agency add <名称> ｜ /agency list ｜ /agency readmit <名称> <原因>',
  example: '/agency add 链家',
  summary: '添加分销商（最多20家，R1）；查看分销列表；管理员恢复已劝退的分销（排到轮排末位）',
  async run(tx, ctx, args) {
    if (args[0] === 'add') {
      if (ctx.actor.role === 'secretary') return { ok: false, error: { code: 'role.forbidden', allowed: ['manager'] } }
      const name = args.slice(1).join(' ')
      if (!isName(name)) return usage(this, '分销名称为1–20个字，不能是纯数字。')
      const r = await addAgency(tx, ctx, name)
      if (!r.ok) return r
      return `已添加分销“${name}”，轮排第 ${r.value.agency.seq} 位；还可添加 ${r.value.remaining} 家（R1）。证据 ${r.value.auditCode}`
    }
    if (args[0] === 'readmit') {
      if (ctx.actor.role !== 'admin') return { ok: false, error: { code: 'role.forbidden', allowed: ['admin'] } }
      const [, name, ...why] = args
      const reason = why.join(' ').slice(0, 200)
      if (!isName(name) || reason === '') return usage(this, '请写明分销名称和恢复原因。')
      const r = await readmitAgency(tx, ctx, { name, reason })
      return r.ok ? readmittedText(r.value) : r
    }
    if (args[0] === 'list' || args.length === 0) {
      const agencies = await tx.agencies.list(ctx.project.id)
      if (agencies.length === 0) return '还没有分销。添加：/agency add <名称>'
      const agents = await tx.people.listStaff(ctx.project.id, { role: 'agent' })
      const lines = agencies.map((a) => {
        const mine = agents.filter((s) => s.agencyId === a.id)
        const people = mine.map((s) =>
          s.status === 'active' ? s.name : `${s.name}(${s.status === 'forfeited' ? '已放弃' : '停用'})`,
        )
        return `${a.seq}. ${a.name}${a.status === 'dismissed' ? '（已劝退）' : ''}：${people.join('、') || '暂无销售'}`
      })
      return `分销 ${agencies.filter((a) => a.status === 'active').length}/${ctx.project.settings.maxAgencies} 家：\n${lines.join('\n')}`
    }
    return usage(this)
  },
}

export const staffCommand: Command = {
  names: ['staff', '人员'],
  roles: ['admin'],
  usage: '/staff add <姓名> <admin|manager|secretary|agent> [分销名称] ｜ /staff activate <姓名>',
  example: '/staff add 李四 agent 链家',
  summary: '添加工作人员并生成一次性加入码；重新启用自动放弃的销售',
  async run(tx, ctx, args) {
    if (args[0] === 'add') {
      const [, name, roleWord, ...agency] = args
      const role = roleWord === undefined ? undefined : ROLE_WORDS[roleWord.toLowerCase()]
      if (!isName(name) || !role)
        return usage(this, `角色可选：${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}`)
      const r = await addStaff(tx, ctx, { name, role, agencyName: agency.length > 0 ? agency.join(' ') : null })
      if (!r.ok) return r
      const tz = ctx.view.tz
      return `已添加${ROLE_NAMES[role]} ${name}${r.value.staff.agencyId ? `（${agency.join(' ')}）` : ''}。请本人用自己的聊天账号给机器人发送：\n/join ${r.value.joinCode}\n加入码一次有效，${dateTime(r.value.expiresAt, tz)} 前使用。证据 ${r.value.auditCode}`
    }
    if (args[0] === 'activate' && isName(args[1])) {
      const r = await reactivateStaff(tx, ctx, args[1])
      if (!r.ok) return r
      return `已重新启用 ${r.value.staff.name}，可以继续使用分销命令。证据 ${r.value.auditCode}`
    }
    return usage(this)
  },
}

export const joinCommand: Command = {
  names: ['join', '加入'],
  roles: 'anyone',
  needsProject: false,
  usage: '/join <加入码>',
  example: '/join K7M2QX9P',
  summary: '用管理员给的加入码绑定你的聊天账号',
  async run(tx, ctx, args) {
    const code = args[0]
    if (!code || !/^[A-Za-z0-9]{6,12}$/.test(code)) return usage(this)
    const m = ctx.message
    const r = await joinStaff(tx, {
      code,
      platform: m.platform,
      userId: m.sender.userId,
      now: ctx.now,
      source: `${m.platform}:${m.eventId}`,
    })
    if (!r.ok) return r
    const s = r.value.staff
    return `欢迎 ${s.name}！你已作为${ROLE_NAMES[s.role]}${r.value.agencyName ? `（${r.value.agencyName}）` : ''}加入。发送“帮助”查看你可以使用的命令。`
  },
}

export const auditCommand: Command = {
  names: ['audit', '审计'],
  roles: ['admin', 'manager'],
  usage: '/audit verify',
  example: '/audit verify',
  summary: '校验审计日志的哈希链，发现任何私自修改',
  async run(tx, ctx, args) {
    if (args[0] !== 'verify') return usage(this)
    const v = await verifyAuditChain(tx, ctx.project.id)
    if (v.ok) return `审计日志完整：共 ${v.entries} 条${v.headCode ? `（至 ${v.headCode}）` : ''}，哈希链校验通过。`
    const why = {
      hash: '内容被修改',
      link: '前后链接断开（被删除或调换）',
      gap: '编号缺失（被删除）',
      head: '末尾记录缺失',
      unchained: '有记录不在哈希链中（被私自插入）',
    }[v.reason]
    const where = v.reason === 'unchained' ? '' : `${v.brokenAt} 处`
    return `⚠️ 审计日志校验失败：${where}${why}。此前 ${v.entries} 条完好。请立即保留数据库备份并联系管理员。`
  },
}

export const configCommand: Command = {
  names: ['config', '设置'],
  roles: ['admin'],
  usage: '/config ｜ /config set <设置> <值>',
  example: '/config set protectionDays 15',
  summary: '查看或修改本项目的规则数字（保护期天数、分销上限、定金、费率、罚款金额…）',
  async run(tx, ctx, args) {
    if (args[0] === 'set' && args[1] && args[2] && args.length === 3) {
      const r = await updateSettings(tx, ctx, args[1], args[2])
      if (!r.ok) return r
      const show = (v: unknown) => (v === null ? '由经理定' : isMoneyPath(r.value.path) ? yuan(Number(v)) : String(v))
      return `已修改 ${r.value.path}：${show(r.value.before)} → ${show(r.value.after)}。从现在起生效，已做出的决定（如已报备客户的保护期）不变。证据 ${r.value.auditCode}`
    }
    if (args.length > 0) return usage(this)
    const s = ctx.project.settings
    const lines = settingPaths(s).map((p) => {
      const v = settingAt(s, p)
      return `${p} = ${v === null ? '由经理定' : isMoneyPath(p) ? yuan(Number(v)) : String(v)}`
    })
    return `本项目的规则设置（金额为元）：\n${lines.join('\n')}\n修改：/config set <设置> <值>`
  },
}
