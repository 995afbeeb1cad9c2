import { recordPayment } from '../../app/record-payment.ts'
import { showStatements } from '../../app/show-statements.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import { parseYuan } from '../../domain/money.ts'
import { err } from '../../domain/result.ts'
import { isName, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { paymentText, settlementQueryText } from '../reply/settlement.ts'

const QUERY = new Set(['查询', 'query'])

export const settleCommand: Command = {
  id: 'settle',
  names: ['结佣', 'settle'],
  roles: ['manager', 'agent'],
  agentCommand: true,
  topic: '月结',
  rules: ['R4'],
  example: '结佣 链家 2026-11 18000 银行转账',
  // The query is the agency's form; the manager's is the payment (and 结佣 查询 <分销>, named in the usage).
  subcommands: [{ key: '查询', names: ['查询', 'query'], id: 'settle.query', roles: ['agent'], example: '结佣 查询' }],
  async run(tx, ctx, args) {
    if (args[0] !== undefined && QUERY.has(args[0])) {
      const named = args[1]
      if (args.length > 2 || (named !== undefined && !isName(named))) return usage(this)
      let agencyId = ctx.actor.agencyId
      if (ctx.actor.role !== 'agent' && named !== undefined) {
        const a = await tx.agencies.byName(ctx.project.id, named)
        if (!a) return err({ code: 'agency.not-found', name: named })
        agencyId = a.id
      } else if (named !== undefined) return usage(this)
      if (agencyId === null) return err({ code: 'settlement.agency-required' })
      const r = await showStatements(tx, ctx, { month: null, agencyId })
      if (!r.ok) return r
      const [s] = r.value.statements
      if (!s) return err({ code: 'agency.required' })
      return settlementQueryText(s.agencyName, s.settlement.closed, ctx.view.tz)
    }
    if (ctx.actor.role === 'agent') return err({ code: 'role.forbidden', allowed: ['manager'] })
    const [agencyName, monthText, amountText, ...more] = args
    if (!isName(agencyName) || monthText === undefined || amountText === undefined) return usage(this)
    const month = parseStatementMonth(monthText)
    if (!month.ok) return month
    const amount = parseYuan(amountText)
    if (!amount.ok) return amount
    const note = more.join(' ').slice(0, 200) || null
    const r = await recordPayment(tx, ctx, { agencyName, month: month.value, amountFen: amount.value, note })
    if (!r.ok) return r
    return paymentText(r.value, ctx.view.tz)
  },
}
