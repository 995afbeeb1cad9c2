import { acknowledgeStatement } from '../../app/acknowledge-statement.ts'
import { confirmAction } from '../../app/confirm-action.ts'
import { listApprovals } from '../../app/list-approvals.ts'
import { listCollisions } from '../../app/list-collisions.ts'
import { showReport } from '../../app/show-report.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import { err, ok } from '../../domain/result.ts'
import { usage } from '../args.ts'
import type { Command } from '../command.ts'
import { approvalsText, collisionCountText, collisionsText, confirmedText, reportText } from '../reply/desk.ts'
import { dateTime } from '../reply/format.ts'
import { fineLines } from '../reply/money.ts'
import { ackText } from '../reply/settlement.ts'

export const approvalsCommand: Command = {
  id: 'approvals',
  names: ['待审批', 'approvals'],
  roles: ['manager'],
  topic: '经理台',
  rules: ['R14', 'R15', 'R21'],
  example: '待审批',
  async run(tx, ctx, args) {
    if (args.length > 0) return usage(this)
    return approvalsText(await listApprovals(tx, ctx), ctx.project.settings.approvalUrgentHours, ctx.view)
  },
}

export const collisionsCommand: Command = {
  id: 'collisions',
  names: ['撞单', 'collisions'],
  roles: ['manager', 'secretary'],
  topic: '经理台',
  rules: ['R12'],
  example: '撞单 2026-12',
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
  id: 'report',
  names: ['报表', 'report'],
  roles: ['manager', 'agent'],
  topic: '经理台',
  rules: ['R4'],
  example: '报表 2026-12',
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
  id: 'confirm',
  names: ['确认', 'confirm'],
  roles: ['manager', 'agent'],
  agentCommand: true,
  topic: '经理台',
  rules: ['R4', 'R11', 'R13'],
  example: '确认 Q3',
  subcommands: [
    {
      key: '佣金',
      names: ['佣金', 'commission'],
      id: 'confirm.commission',
      roles: ['agent'],
      example: '确认 佣金 2026-11',
    },
  ],
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
    if (v.kind === 'dismissed') return confirmedText(v.code, v)
    const f = v.fine
    return confirmedText(v.code, {
      kind: 'fine',
      lines: fineLines(f.fine, f.escalation, f.warning, f.auditCode, ctx.view),
    })
  },
}
