import { acknowledgeStatement } from '../../app/acknowledge-statement.ts'
import { confirmAction } from '../../app/confirm-action.ts'
import { listApprovals } from '../../app/list-approvals.ts'
import { listCollisions } from '../../app/list-collisions.ts'
import { showReport } from '../../app/show-report.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import { err, ok } from '../../domain/result.ts'
import { usage } from '../args.ts'
import type { Command } from '../command.ts'
import { approvalsText, collisionCountText, collisionsText, reportText } from '../reply/desk.ts'
import { dateTime } from '../reply/format.ts'
import { dismissedText, fineLines } from '../reply/money.ts'
import { ackText } from '../reply/settlement.ts'

export const approvalsCommand: Command = {
  names: ['待审批', 'approvals'],
  roles: ['manager'],
  usage: '待审批',
  example: '待审批',
  summary: '等待批准的定金、退定和认购，按提交先后，标出即将开封的（R14、R15、R21）',
  async run(tx, ctx, args) {
    if (args.length > 0) return usage(this)
    return approvalsText(await listApprovals(tx, ctx), ctx.project.settings.approvalUrgentHours, ctx.view)
  },
}

export const collisionsCommand: Command = {
  names: ['撞单', 'collisions'],
  roles: ['manager', 'secretary'],
  usage: '撞单 [YYYY-MM-DD|YYYY-MM]',
  example: '撞单 2026-12',
  summary: '某日或某月（默认本月）的撞单记录：双方分销、销售、时间、裁定和证据；群里只显示数量',
  async run(tx, ctx, args) {
    if (args.length > 1) return usage(this)
    const r = await listCollisions(tx, ctx, args[0] ?? null)
    if (!r.ok) return r
    const { period, collisions } = r.value
    if (!ctx.view.group) return collisionsText(period, collisions, ctx.view)
    const direct = ctx.directToSender && collisions.length > 0
    return {
      text: collisionCountText(period, collisions, direct),
      private: direct ? collisionsText(period, collisions, { ...ctx.view, group: false }) : undefined,
    }
  },
}

export const reportCommand: Command = {
  names: ['报表', 'report'],
  roles: ['manager', 'agent'],
  usage: '报表 [YYYY-MM]',
  example: '报表 2026-12',
  summary: '各分销月度漏斗（报备→到访→定金→认购→签约）、撞单胜负、轮排、罚款与排名；销售只看本分销和名次',
  async run(tx, ctx, args) {
    if (args.length > 1) return usage(this)
    let month = null
    if (args[0] !== undefined) {
      const m = parseStatementMonth(args[0])
      if (!m.ok) return m
      month = m.value
    }
    const r = await showReport(tx, ctx, { month })
    if (!r.ok) return r
    return ok(reportText(r.value, r.value.current ? dateTime(ctx.now, ctx.view.tz) : null))
  },
}

export const confirmCommand: Command = {
  names: ['确认', 'confirm'],
  roles: ['manager', 'agent'],
  agentCommand: true,
  usage: '确认 <确认码>（分销确认佣金结算：确认 佣金 <YYYY-MM>）',
  example: '确认 Q3',
  summary: '确认劝退或会导致劝退的罚款（须本人在10分钟内确认）；分销确认某月佣金结算',
  async run(tx, ctx, args) {
    if (args[0] === '佣金' || args[0] === 'commission') {
      const month = args.length === 2 ? parseStatementMonth(args[1] as string) : null
      if (month === null) return usage(this)
      if (!month.ok) return month
      if (ctx.actor.role !== 'agent') return err({ code: 'role.forbidden', allowed: ['agent'] })
      const r = await acknowledgeStatement(tx, ctx, month.value)
      return r.ok ? ackText({ ...r.value.ack, agencyName: r.value.agencyName, auditCode: r.value.auditCode }) : r
    }
    if (ctx.actor.role === 'agent') return err({ code: 'role.forbidden', allowed: ['manager'] })
    if (args.length !== 1) return usage(this)
    const r = await confirmAction(tx, ctx, args[0] as string)
    if (!r.ok) return r
    const v = r.value
    if (v.kind === 'dismissed') return `已确认 ${v.code}。${dismissedText(v.dismissed)}`
    const f = v.fine
    return `已确认 ${v.code}。已开罚款 ${fineLines(f.fine, f.escalation, f.warning, f.auditCode, ctx.view).join('\n')}`
  },
}
