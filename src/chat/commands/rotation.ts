import { assignLead } from '../../app/assign-lead.ts'
import { checkIn } from '../../app/check-in.ts'
import { showRotation } from '../../app/show-rotation.ts'
import type { Phone } from '../../domain/phone.ts'
import { phoneAt, takePhone, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { SKIP_REASONS } from '../reply/desk.ts'
import { phoneIn } from '../reply/format.ts'

export const checkInCommand: Command = {
  names: ['签到', 'checkin'],
  roles: ['agent'],
  agentCommand: true,
  usage: '签到',
  example: '签到',
  summary: '每日签到（连续3天未签到视为自动放弃，R1）',
  async run(tx, ctx) {
    const r = await checkIn(tx, ctx)
    if (!r.ok) return r
    const d = r.value.localDate.slice(5)
    return r.value.kind === 'already'
      ? `${ctx.actor.name}今天（${d}）已经签到过了。`
      : `${ctx.actor.name}（${ctx.actor.agencyName ?? ''}）签到成功：${d}。证据 ${r.value.auditCode}`
  },
}

function leadCommand(kind: 'walk-in' | 'call'): Command {
  const word = kind === 'call' ? '来电' : '来访'
  return {
    names: [word, kind === 'call' ? 'call' : 'walkin'],
    roles: ['secretary', 'manager'],
    usage: `${word} [姓名] [手机号]`,
    example: `${word} 王先生 13912345678`,
    summary: `${word}客户按分销轮排分配（R3），有手机号即为分到的分销报备`,
    async run(tx, ctx, args) {
      let name: string | null = null
      let phone: Phone | null = null
      let i = 0
      const first = takePhone(args, 0)
      if (!first && args[0] !== undefined) {
        name = args[0].slice(0, 20)
        i = 1
      }
      const p = phoneAt(args, i)
      if (p && !p.ok) return p
      if (p) {
        phone = p.value.phone
        i = p.value.next
      }
      if (i < args.length) return usage(this)
      const r = await assignLead(tx, ctx, { kind, name, phone })
      if (!r.ok) return r
      const o = r.value
      const who = o.phone ? `${name ?? '客户'} ${phoneIn(o.phone, ctx.view)}` : (name ?? '客户')
      const skipped = o.skipped.length
        ? `；轮空：${o.skipped.map((s) => `${s.agencyName}（${SKIP_REASONS[s.reason] ?? s.reason}）`).join('、')}`
        : ''
      const how =
        o.via === 'owner'
          ? `该客户在 ${o.agencyName} 保护期内，归原分销，不占轮次`
          : `按轮排（R3）分配给 ${o.agencyName}${skipped}`
      return `${word}：${who} ${how}${o.filingCode ? `，已报备 ${o.filingCode}` : ''}。证据 ${o.auditCode}`
    },
  }
}

export const walkInCommand = leadCommand('walk-in')
export const callCommand = leadCommand('call')

export const rotationCommand: Command = {
  names: ['轮排', 'rotation'],
  roles: ['agent', 'secretary', 'manager'],
  usage: '轮排',
  example: '轮排',
  summary: '查看来电来访轮排：下一位和今日分配情况',
  async run(tx, ctx) {
    const b = await showRotation(tx, ctx)
    if (b.queue.length === 0) return '还没有分销，无法轮排。'
    const next = b.queue.find((q) => q.checkedIn)
    const lines = b.today.map((t) => {
      const parts = [`分配 ${t.assigned}`, `轮空 ${t.skipped}`]
      if (t.owner) parts.push(`保护期客户 ${t.owner}`)
      const why = t.reasons.map((r) => SKIP_REASONS[r] ?? r).join('、')
      return `${t.name}：${parts.join('，')}${why ? `（${why}）` : ''}`
    })
    return [
      `轮排（${b.localDate.slice(5)}）下一位：${next ? next.name : '无（今日还没有分销签到）'}`,
      `顺序：${b.queue.map((q) => `${q.name}${q.checkedIn ? '' : '（未签到）'}`).join(' → ')}`,
      ...lines,
    ].join('\n')
  },
}
