import { addAgency } from '../../app/add-agency.ts'
import { addStaff, reissueJoinCode } from '../../app/add-staff.ts'
import { verifyAuditChain } from '../../app/audit.ts'
import { bindGroup, setWecomKey } from '../../app/bind-group.ts'
import { chooseProject, onlyProject } from '../../app/choose-project.ts'
import { joinStaff, voidExposedJoinCode } from '../../app/join-staff.ts'
import { reactivateStaff } from '../../app/reactivate-staff.ts'
import { readmitAgency } from '../../app/readmit-agency.ts'
import { SETTING_SPECS, settingSpec, settingValue, updateSettings } from '../../app/update-settings.ts'
import type { Role } from '../../domain/roles.ts'
import { isName, typedAfter, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { readmittedText } from '../reply/desk.ts'
import { settingChangedText, settingKeyOf, settingsListText } from '../reply/settings.ts'
import {
  agencyAddedText,
  agencyListText,
  agencyNameRule,
  auditFormRule,
  auditVerdictText,
  codeReissuedText,
  groupBoundText,
  joinText,
  noAgenciesText,
  projectChosenText,
  projectListText,
  readmitNeedsReason,
  roleChoices,
  staffActivatedText,
  staffAddedText,
  wecomKeySetText,
} from '../reply/setup.ts'

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
  id: 'group',
  names: ['群', 'group'],
  roles: ['admin'],
  needsProject: false,
  topic: '设置',
  rules: [],
  example: '/群 绑定 香公馆',
  subcommands: [
    { key: 'bind', names: ['绑定', 'bind'], id: 'group.bind', example: '/群 绑定 香公馆' },
    {
      key: 'wecom-key',
      names: ['机器人', 'wecom-key'],
      id: 'group.wecom-key',
      example: '/群 机器人 0a1b2c3d-4e5f-6a7b',
    },
  ],
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
      // creating a second project changes what an admin's direct chat acts on: the reply says so once, here
      const projects = (await tx.projects.list()).length
      const bound = { projectName: r.value.project.name, created: r.value.created, only: only !== null, projects }
      return groupBoundText(bound, r.value.auditCode)
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
      return wecomKeySetText(r.value.auditCode)
    }
    return usage(this)
  },
}

export const projectCommand: Command = {
  id: 'project',
  names: ['项目', 'project'],
  roles: ['admin'],
  needsProject: false,
  topic: '设置',
  rules: [],
  example: '/项目 使用 香公馆',
  subcommands: [{ key: 'use', names: ['使用', 'use'], id: 'project.use', example: '/项目 使用 香公馆' }],
  async run(tx, ctx, args) {
    const m = ctx.message
    if (args[0] === 'use') {
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
      return projectChosenText(r.value.project.name, r.value.auditCode)
    }
    if (args.length > 0) return usage(this)
    const names = (await tx.projects.list()).map((p) => p.name)
    return projectListText(names, ctx.project.id === 0 ? null : ctx.project.name)
  },
}

export const agencyCommand: Command = {
  id: 'agency',
  names: ['分销', 'agency'],
  roles: ['admin', 'manager', 'secretary'],
  topic: '设置',
  rules: ['R1'],
  example: '/分销 添加 链家',
  subcommands: [
    { key: 'add', names: ['添加', 'add'], id: 'agency.add', roles: ['manager'], example: '/分销 添加 链家' },
    { key: 'list', names: ['列表', 'list'], id: 'agency.list', example: '/分销 列表' },
    {
      key: 'readmit',
      names: ['恢复', 'readmit'],
      id: 'agency.readmit',
      roles: ['admin'],
      example: '/分销 恢复 链家 整改完成',
    },
  ],
  async run(tx, ctx, args) {
    if (args[0] === 'add') {
      if (ctx.actor.role === 'secretary') return { ok: false, error: { code: 'role.forbidden', allowed: ['manager'] } }
      const name = args.slice(1).join(' ')
      if (!isName(name)) return usage(this, agencyNameRule)
      const r = await addAgency(tx, ctx, name)
      if (!r.ok) return r
      return agencyAddedText(name, r.value.agency.seq, r.value.remaining, r.value.auditCode)
    }
    if (args[0] === 'readmit') {
      if (ctx.actor.role !== 'admin') return { ok: false, error: { code: 'role.forbidden', allowed: ['admin'] } }
      const [, name, ...why] = args
      const reason = why.length > 0 ? typedAfter(ctx.message.text, 2, 200) : ''
      if (!isName(name) || reason === '') return usage(this, readmitNeedsReason)
      const r = await readmitAgency(tx, ctx, { name, reason })
      return r.ok ? readmittedText(r.value) : r
    }
    if (args[0] === 'list' || args.length === 0) {
      const agencies = await tx.agencies.list(ctx.project.id)
      if (agencies.length === 0) return noAgenciesText
      const agents = await tx.people.listStaff(ctx.project.id, { role: 'agent' })
      const list = agencies.map((a) => ({
        seq: a.seq,
        name: a.name,
        dismissed: a.status === 'dismissed',
        agents: agents.filter((s) => s.agencyId === a.id),
      }))
      return agencyListText(list, ctx.project.settings)
    }
    return usage(this)
  },
}

export const staffCommand: Command = {
  id: 'staff',
  names: ['员工', '人员', 'staff'],
  roles: ['admin'],
  topic: '设置',
  rules: ['R1'],
  example: '/员工 添加 李四 销售 链家',
  subcommands: [
    { key: 'add', names: ['添加', 'add'], id: 'staff.add', example: '/员工 添加 李四 销售 链家' },
    { key: 'code', names: ['加入码', 'code'], id: 'staff.code', example: '/员工 加入码 李四' },
    { key: 'activate', names: ['启用', 'activate'], id: 'staff.activate', example: '/员工 启用 李四' },
  ],
  async run(tx, ctx, args) {
    const m = ctx.message
    // The code goes to the admin alone: typed in a group, the group sees who was added and the code comes directly.
    const inGroup = m.chat.kind === 'group'
    if ((args[0] === 'add' || args[0] === 'code') && inGroup && !ctx.directToSender) {
      return { ok: false, error: { code: 'staff.no-direct', command: `/staff ${args.join(' ')}` } }
    }
    if (args[0] === 'add') {
      const [, name, roleWord, ...agency] = args
      const role = roleWord === undefined ? undefined : ROLE_WORDS[roleWord.toLowerCase()]
      if (!isName(name) || !role) return usage(this, roleChoices())
      const r = await addStaff(tx, ctx, { name, role, agencyName: agency.length > 0 ? agency.join(' ') : null })
      if (!r.ok) return r
      const agencyName = r.value.staff.agencyId ? agency.join(' ') : null
      const t = staffAddedText({ name, role, agencyName, ...r.value }, ctx.view)
      return inGroup ? { text: t.group, private: t.direct } : t.direct
    }
    if (args[0] === 'code' && isName(args[1]) && args.length === 2) {
      const r = await reissueJoinCode(tx, ctx, args[1])
      if (!r.ok) return r
      const t = codeReissuedText({ ...r.value, name: r.value.staff.name, role: r.value.staff.role }, ctx.view)
      return inGroup ? { text: t.group, private: t.direct } : t.direct
    }
    if (args[0] === 'activate' && isName(args[1])) {
      const r = await reactivateStaff(tx, ctx, args[1])
      if (!r.ok) return r
      return staffActivatedText(r.value.staff.name, r.value.auditCode)
    }
    return usage(this)
  },
}

export const joinCommand: Command = {
  id: 'join',
  names: ['加入', 'join'],
  roles: 'anyone',
  needsProject: false,
  topic: '设置',
  rules: [],
  example: '/加入 K7M2QX9P',
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
    return joinText(r.value, code)
  },
}

export const auditCommand: Command = {
  id: 'audit',
  names: ['审计', 'audit'],
  roles: ['admin', 'manager'],
  topic: '设置',
  rules: [],
  example: '/审计 校验',
  subcommands: [{ key: 'verify', names: ['校验', 'verify'], id: 'audit.verify', example: '/审计 校验' }],
  async run(tx, ctx, args) {
    if (args[0] !== 'verify' || (args.length !== 1 && args.length !== 3)) return usage(this)
    let remembered: { seq: number; hash: string } | undefined
    if (args.length === 3) {
      const seq = Number(args[1]?.replace(/^#|^第|条$/g, ''))
      const hash = args[2] ?? ''
      if (!Number.isSafeInteger(seq) || seq < 1 || !/^[0-9a-fA-F]{8,64}$/.test(hash)) return usage(this, auditFormRule)
      remembered = { seq, hash }
    }
    return auditVerdictText(await verifyAuditChain(tx, ctx.project.id, { remembered }), remembered)
  },
}

export const configCommand: Command = {
  id: 'config',
  names: ['设置', 'config'],
  roles: ['admin'],
  topic: '设置',
  rules: [],
  example: '/设置 修改 保护期天数 15',
  subcommands: [{ key: 'set', names: ['修改', 'set'], id: 'config.set', example: '/设置 修改 保护期天数 15' }],
  async run(tx, ctx, args) {
    // `/设置 保护期天数 20` without 修改 is a change too, and `/设置 保护期天数` shows that one setting.
    const named = args[0] === undefined ? undefined : settingSpec(settingKeyOf(args[0]))
    const change = args[0] === 'set' && args.length === 3 ? args.slice(1) : named && args.length === 2 ? args : null
    if (change) {
      const r = await updateSettings(tx, ctx, settingKeyOf(change[0] as string), change[1] as string)
      if (!r.ok) return r
      return settingChangedText(r.value.spec, r.value.before, r.value.after, r.value.auditCode)
    }
    const s = ctx.project.settings
    if (named && args.length === 1) return settingsListText([{ spec: named, value: settingValue(s, named.key) }])
    if (args.length > 0) return usage(this)
    return settingsListText(SETTING_SPECS.map((spec) => ({ spec, value: settingValue(s, spec.key) })))
  },
}
