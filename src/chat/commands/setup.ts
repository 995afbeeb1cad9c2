import { addAgency } from '../../app/add-agency.ts'
import { addStaff, reissueJoinCode } from '../../app/add-staff.ts'
import { verifyAuditChain } from '../../app/audit.ts'
import { bindGroup, setWecomKey } from '../../app/bind-group.ts'
import { chooseProject, onlyProject } from '../../app/choose-project.ts'
import { joinStaff, type StaffLabel, voidExposedJoinCode } from '../../app/join-staff.ts'
import { reactivateStaff } from '../../app/reactivate-staff.ts'
import { readmitAgency } from '../../app/readmit-agency.ts'
import { isMoneyPath, settingAt, settingPaths, updateSettings } from '../../app/update-settings.ts'
import { ROLE_NAMES, ROLES, type Role } from '../../domain/roles.ts'
import { isName, typedAfter, usage } from '../args.ts'
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
  usage: '/group bind [项目名称] ｜ /group wecom-key <群机器人key>',
  example: '/group bind 香公馆',
  summary: '把本群绑定到项目；设置企业微信群机器人',
  async run(tx, ctx, args) {
    const m = ctx.message
    if (m.chat.kind !== 'group') return { ok: false, error: { code: 'group.only' } }
    const source = `${m.platform}:${m.eventId}`
    if (args[0] === 'bind') {
      // no name: the deployment's only project (the default one made at first start)
      const only = args[1] ? null : await onlyProject(tx)
      if (only && !only.ok) return only
      const projectName = only ? only.value.name : args.slice(1).join(' ').slice(0, 40)
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
      const how = r.value.created ? '（新建）' : only ? '（本部署唯一的项目）' : ''
      // creating a second project changes what an admin's direct chat acts on: say so once, here
      const projects = (await tx.projects.list()).length
      const direct =
        r.value.created && projects > 1
          ? `本部署现有 ${projects} 个项目，管理员私聊命令请先发送 /project use <名称>。`
          : ''
      return `本群已绑定项目“${r.value.project.name}”${how}。本群的命令都作用于该项目，公告和提醒会发到本群。${direct}证据 ${r.value.auditCode}`
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

export const projectCommand: Command = {
  names: ['project', '项目'],
  roles: ['admin'],
  needsProject: false,
  usage: '/project ｜ /project use <项目名称>',
  example: '/project use 香公馆',
  summary: '查看项目；选择管理员私聊命令作用的项目（有多个项目时）',
  async run(tx, ctx, args) {
    const m = ctx.message
    if (args[0] === 'use' || args[0] === '使用') {
      if (m.chat.kind !== 'direct') return { ok: false, error: { code: 'group.direct-only' } }
      const name = args.slice(1).join(' ').slice(0, 40)
      if (name === '') return usage(this)
      const r = await chooseProject(tx, {
        platform: m.platform,
        userId: m.sender.userId,
        name,
        actor: ctx.actor,
        now: ctx.now,
        source: `${m.platform}:${m.eventId}`,
      })
      if (!r.ok) return r
      return `已选择项目“${r.value.project.name}”：之后你私聊机器人的命令都作用于该项目。证据 ${r.value.auditCode}`
    }
    if (args.length > 0) return usage(this)
    const names = (await tx.projects.list()).map((p) => p.name)
    const current = ctx.project.id === 0 ? '' : `（当前：${ctx.project.name}）`
    return names.length === 0
      ? '还没有项目。在群里发送 /group bind <项目名称> 新建并绑定。'
      : `项目：${names.join('、')}${current}。选择私聊命令作用的项目：/project use <名称>`
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
      const reason = why.length > 0 ? typedAfter(ctx.message.text, 2, 200) : ''
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
  usage: '/staff add <姓名> <admin|manager|secretary|agent> [分销名称] ｜ /staff code <姓名> ｜ /staff activate <姓名>',
  example: '/staff add 李四 agent 链家',
  summary: '添加工作人员并私发一次性加入码；重新生成加入码；重新启用自动放弃的销售',
  async run(tx, ctx, args) {
    const m = ctx.message
    // The code goes to the admin alone: typed in a group, the group sees who was added and the code comes directly.
    const inGroup = m.chat.kind === 'group'
    if ((args[0] === 'add' || args[0] === 'code') && inGroup && !ctx.directToSender) {
      return { ok: false, error: { code: 'staff.no-direct', command: `/staff ${args.join(' ')}` } }
    }
    const tz = ctx.view.tz
    const codeText = (code: string, expiresAt: Date) =>
      `请本人用自己的聊天账号私聊机器人发送：\n/join ${code}\n加入码一次有效，${dateTime(expiresAt, tz)} 前使用。`
    if (args[0] === 'add') {
      const [, name, roleWord, ...agency] = args
      const role = roleWord === undefined ? undefined : ROLE_WORDS[roleWord.toLowerCase()]
      if (!isName(name) || !role)
        return usage(this, `角色可选：${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}`)
      const r = await addStaff(tx, ctx, { name, role, agencyName: agency.length > 0 ? agency.join(' ') : null })
      if (!r.ok) return r
      const who = `已添加${ROLE_NAMES[role]} ${name}${r.value.staff.agencyId ? `（${agency.join(' ')}）` : ''}。`
      const direct = `${who}${codeText(r.value.joinCode, r.value.expiresAt)}证据 ${r.value.auditCode}`
      if (!inGroup) return direct
      return { text: `${who}加入码已私信发给管理员，请转交本人。证据 ${r.value.auditCode}`, private: direct }
    }
    if (args[0] === 'code' && isName(args[1]) && args.length === 2) {
      const r = await reissueJoinCode(tx, ctx, args[1])
      if (!r.ok) return r
      const s = r.value.staff
      const direct = `${ROLE_NAMES[s.role]} ${s.name} 的新加入码（原有未用的加入码已作废）。${codeText(r.value.joinCode, r.value.expiresAt)}证据 ${r.value.auditCode}`
      if (!inGroup) return direct
      return { text: `已为 ${s.name} 重新生成加入码，已私信发给管理员。证据 ${r.value.auditCode}`, private: direct }
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
  usage: '/join <加入码>（私聊机器人发送；账号已绑定他人时：/join <加入码> 确认）',
  example: '/join K7M2QX9P',
  summary: '用管理员给的加入码绑定你的聊天账号',
  async run(tx, ctx, args) {
    const code = args[0]
    const confirm = args[1] === '确认' || args[1]?.toLowerCase() === 'confirm'
    if (!code || !/^[A-Za-z0-9]{6,12}$/.test(code) || (args.length > 1 && !confirm) || args.length > 2)
      return usage(this)
    const m = ctx.message
    const source = `${m.platform}:${m.eventId}`
    if (m.chat.kind === 'group') {
      await voidExposedJoinCode(tx, { code, platform: m.platform, userId: m.sender.userId, now: ctx.now, source })
      return { ok: false, error: { code: 'join.in-group', command: '/join <加入码>' } }
    }
    const r = await joinStaff(tx, {
      code,
      platform: m.platform,
      userId: m.sender.userId,
      now: ctx.now,
      source,
      confirm,
    })
    if (!r.ok) return r
    const v = r.value
    const label = (l: StaffLabel) => `${l.name}（${ROLE_NAMES[l.role]}${l.agencyName ? `，${l.agencyName}` : ''}）`
    if (v.kind === 'confirm') {
      return `你的账号已绑定为 ${label(v.current)}。用这个加入码将改绑为 ${label(v.next)}，${v.current.name} 将不能再用此账号。确认改绑请发送：/join ${code.toUpperCase()} 确认（本次未做任何改动）`
    }
    const s = v.staff
    const replaced = v.replaced ? `（已解除原绑定：${label(v.replaced)}）` : ''
    return `欢迎 ${s.name}！你已作为${ROLE_NAMES[s.role]}${v.agencyName ? `（${v.agencyName}）` : ''}加入${replaced}。发送“帮助”查看你可以使用的命令。`
  },
}

export const auditCommand: Command = {
  names: ['audit', '审计'],
  roles: ['admin', 'manager'],
  usage: '/audit verify ｜ /audit verify <序号> <哈希>（核对记下的链头，例如每日推送的“第 1234 条 3f9a1c0e7b2d”）',
  example: '/audit verify',
  summary: '校验审计日志的哈希链，发现任何私自修改；核对记下的链头是否仍在链中',
  async run(tx, ctx, args) {
    if (args[0] !== 'verify' || (args.length !== 1 && args.length !== 3)) return usage(this)
    let remembered: { seq: number; hash: string } | undefined
    if (args.length === 3) {
      const seq = Number(args[1]?.replace(/^#|^第|条$/g, ''))
      const hash = args[2] ?? ''
      if (!Number.isSafeInteger(seq) || seq < 1 || !/^[0-9a-fA-F]{8,64}$/.test(hash))
        return usage(this, '序号是正整数，哈希是记下的十六进制数字（至少 8 位）。')
      remembered = { seq, hash }
    }
    const v = await verifyAuditChain(tx, ctx.project.id, { remembered })
    if (v.ok) {
      const chain = `审计日志完整：共 ${v.entries} 条${v.headCode ? `（至 ${v.headCode}）` : ''}，哈希链校验通过。`
      return v.remembered
        ? `${chain}记下的链头第 ${v.remembered.seq} 条（${v.remembered.code}）仍在链中，未被改动。`
        : chain
    }
    if (v.reason === 'remembered') {
      return `⚠️ 记下的链头第 ${remembered?.seq} 条与现在的审计日志不符（该条被改写或已不存在），日志在此之后被替换过。请立即保留数据库备份并联系管理员。`
    }
    const why = {
      hash: '内容被修改',
      link: '前后链接断开（被删除或调换）',
      gap: '编号缺失（被删除）',
      head: '末尾记录缺失',
      unchained: '有记录不在哈希链中（被私自插入）',
      unkeyed: '哈希链没有用审计密钥签名（被人重新计算过）',
      mark: '审计密钥的起始标记对不上（被人改动或重新计算过）',
      'no-key': '本程序未配置审计密钥，无法校验',
    }[v.reason]
    const where = v.reason === 'unchained' || v.brokenAt.endsWith('-') ? '' : `${v.brokenAt} 处`
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
