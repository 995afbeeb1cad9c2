import { assignLead } from '../../app/assign-lead.ts'
import { checkIn } from '../../app/check-in.ts'
import { showRotation } from '../../app/show-rotation.ts'
import { EXAMPLE_PHONE, type Phone } from '../../domain/phone.ts'
import { phoneAt, takePhone, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { checkInText, leadAssignedText, rotationText } from '../reply/rotation.ts'

export const checkInCommand: Command = {
  id: 'checkin',
  names: ['签到', 'checkin'],
  roles: ['agent'],
  agentCommand: true,
  topic: '签到',
  rules: ['R1'],
  example: '签到',
  async run(tx, ctx) {
    const r = await checkIn(tx, ctx)
    if (!r.ok) return r
    return checkInText(ctx.actor, r.value)
  },
}

function leadCommand(kind: 'walk-in' | 'call'): Command {
  const word = kind === 'call' ? '来电' : '来访'
  return {
    id: kind === 'call' ? 'call' : 'walkin',
    names: [word, kind === 'call' ? 'call' : 'walkin'],
    roles: ['secretary', 'manager'],
    topic: '来访分配',
    rules: ['R3'],
    example: `${word} 王先生 ${EXAMPLE_PHONE}`,
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
      return leadAssignedText(kind, name, r.value, ctx.view)
    },
  }
}

export const walkInCommand = leadCommand('walk-in')
export const callCommand = leadCommand('call')

export const rotationCommand: Command = {
  id: 'rotation',
  names: ['轮排', 'rotation'],
  roles: ['agent', 'secretary', 'manager'],
  topic: '来访分配',
  rules: ['R3'],
  example: '轮排',
  async run(tx, ctx) {
    return rotationText(await showRotation(tx, ctx))
  },
}
