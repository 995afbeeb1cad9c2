import { announce } from '../../app/announce.ts'
import { parseCode } from '../../app/codes.ts'
import { proposeDismissal } from '../../app/propose-dismissal.ts'
import { proposeFine } from '../../app/propose-fine.ts'
import { reversePayment } from '../../app/record-payment.ts'
import { reverseFine } from '../../app/reverse-fine.ts'
import { type Statements, showStatements } from '../../app/show-statements.ts'
import { type LocalMonth, localMonthOf } from '../../domain/calendar.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import type { DomainError } from '../../domain/errors.ts'
import { parseFineCode } from '../../domain/fines.ts'
import { parseYuan } from '../../domain/money.ts'
import { ok, type Result } from '../../domain/result.ts'
import { isName, typedAfter, usage } from '../args.ts'
import type { ChatContext, Command } from '../command.ts'
import { confirmationText } from '../reply/desk.ts'
import { dateTime, yuan } from '../reply/format.ts'
import { fineLines, statementLines, undoneText } from '../reply/money.ts'
import { owingSummary, paymentText } from '../reply/settlement.ts'

const SEVERE = new Set(['情节严重', '严重'])
/** An amount or a count after the fine type: `500元`, `¥500`, `0.5万`, `20`, `20张`, `2位`. */
const FIGURE = /^(?:[¥￥][\d,.]+万?|[\d,.]+(?:万|元|块|张|页|份|人|位|个|次)?)$/
const MONEY = /[¥￥元块万]/

export const fineCommand: Command = {
  id: 'fine',
  names: ['罚款', 'fine'],
  roles: ['manager'],
  topic: '罚款',
  rules: ['R5', 'R6', 'R7', 'R9', 'R11', 'R13', 'R16', 'R18', 'R19', 'R20'],
  example: '罚款 李四 态度 与客户争吵',
  async run(tx, ctx, args, rest) {
    const [who, type, ...more] = args
    if (!isName(who) || type === undefined) return usage(this)
    const fineCode = parseFineCode(type)
    if (!fineCode.ok) return fineCode
    let quantity: number | undefined
    let amountFen: number | undefined
    let severe = false
    let i = 0
    for (; i < more.length; i++) {
      const token = more[i] as string
      if (!severe && SEVERE.has(token)) severe = true
      else if (quantity === undefined && amountFen === undefined && FIGURE.test(token)) {
        // money for the fine whose amount the manager sets (不配合), or whenever written as money; else a count
        if (MONEY.test(token) || ctx.project.settings.fines.unitFen[fineCode.value] === null) {
          const fen = parseYuan(token)
          if (!fen.ok) return fen
          amountFen = fen.value
        } else quantity = Number(token.replace(/[^\d.]/g, ''))
      } else break
    }
    const note = typedAfter(ctx.message.text, 2 + i, 200) || null
    const input = { who, fineCode: fineCode.value, quantity, amountFen, severe, note }
    const r = await proposeFine(tx, ctx, input, `罚款 ${rest}`)
    if (!r.ok) return r
    if (r.value.kind === 'confirm') return confirmationText({ ...r.value.asked, by: ctx.actor.name, v: ctx.view })
    const f = r.value.fine
    return `已开罚款 ${fineLines(f.fine, f.escalation, f.warning, f.auditCode, ctx.view).join('\n')}`
  },
}

export const reverseCommand: Command = {
  id: 'reverse',
  names: ['冲正', 'reverse'],
  roles: ['manager'],
  topic: '罚款',
  rules: [],
  example: '冲正 P7 误罚',
  async run(tx, ctx, args) {
    const paymentId = args[0] === undefined ? null : parseCode(args[0], 'J')
    const fineId = args[0] === undefined ? null : parseCode(args[0], 'P')
    const reason = typedAfter(ctx.message.text, 1, 200)
    if (paymentId !== null) {
      if (reason === '') return usage(this, '请写明冲正原因。')
      const r = await reversePayment(tx, ctx, { paymentId, reason })
      return r.ok ? paymentText(r.value, ctx.view.tz) : r
    }
    if (fineId === null || reason === '') return usage(this, fineId === null ? undefined : '请写明冲正原因。')
    const r = await reverseFine(tx, ctx, { fineId, reason })
    if (!r.ok) return r
    const v = r.value
    const o = v.original
    const nowMonth = localMonthOf(ctx.now, ctx.view.tz)
    const lines = [
      `冲正 ${v.code}：冲正 ${o.code}（${o.staffName ? `${o.agencyName} ${o.staffName}` : o.agencyName}「${o.fineCode}」${yuan(o.amountFen)}，${dateTime(o.issuedAt, ctx.view.tz)} ${o.issuedBy}开具）`,
      `退回 ${yuan(-v.amountFen)}，计入 ${o.agencyName} ${nowMonth} 佣金；原罚款记录保留不变。原因：${v.reason}。证据 ${v.auditCode}`,
    ]
    if (v.undoes.length > 0) {
      lines.push('以下升级处理不再成立，请酌情处理：')
      for (const u of v.undoes) lines.push(`· ${undoneText(u, nowMonth)}`)
    }
    return lines.join('\n')
  },
}

/** `[YYYY-MM]` and, for the manager, `[分销名称]`, in either order; a word starting with a digit is a month. */
function monthAndAgency(
  args: string[],
): Result<{ month: LocalMonth | null; agency: string | null }, DomainError> | null {
  let month: LocalMonth | null = null
  let agency: string | null = null
  for (const a of args) {
    if (/^\d/.test(a) && month === null) {
      const m = parseStatementMonth(a)
      if (!m.ok) return m
      month = m.value
    } else if (agency === null && isName(a)) agency = a
    else return null
  }
  return ok({ month, agency })
}

const asOf = (s: Statements, ctx: ChatContext) =>
  s.current ? `（本月截至 ${dateTime(ctx.now, ctx.view.tz)}，未结算）` : ''

export const performanceCommand: Command = {
  id: 'performance',
  names: ['业绩', 'performance'],
  roles: ['agent'],
  agentCommand: true,
  topic: '月结',
  rules: ['R4'],
  example: '业绩 2026-12',
  async run(tx, ctx, args) {
    const parsed = monthAndAgency(args)
    if (parsed === null || (parsed.ok && parsed.value.agency !== null)) return usage(this)
    if (!parsed.ok) return parsed
    const { month } = parsed.value
    if (ctx.actor.agencyId === null) return '业绩 查看本分销的月度结算。现场经理和管理员请用：佣金 [YYYY-MM] [分销名称]'
    const r = await showStatements(tx, ctx, { month, agencyId: ctx.actor.agencyId })
    if (!r.ok) return r
    const [s] = r.value.statements
    if (!s) return { ok: false, error: { code: 'agency.required' } }
    const title = `${s.agencyName}${s.dismissed ? '（已劝退）' : ''} ${r.value.month} 业绩`
    return [`【${title}】${asOf(r.value, ctx)}`, ...statementLines(s, ctx.view, { manager: false })].join('\n')
  },
}

export const commissionCommand: Command = {
  id: 'commission',
  names: ['佣金', 'commission'],
  roles: ['manager'],
  topic: '月结',
  rules: ['R4'],
  example: '佣金 2026-12',
  async run(tx, ctx, args) {
    const parsed = monthAndAgency(args)
    if (parsed === null) return usage(this)
    if (!parsed.ok) return parsed
    const { month, agency } = parsed.value
    let agencyId: number | null = null
    if (agency !== null) {
      const a = await tx.agencies.byName(ctx.project.id, agency)
      if (!a) return { ok: false, error: { code: 'agency.not-found', name: agency } }
      agencyId = a.id
    }
    const r = await showStatements(tx, ctx, { month, agencyId })
    if (!r.ok) return r
    const list = r.value.statements
    const blocks = list.map((s) =>
      [`■ ${s.agencyName}${s.dismissed ? '（已劝退）' : ''}`, ...statementLines(s, ctx.view, { manager: true })].join(
        '\n',
      ),
    )
    const total = list.reduce((sum, s) => sum + s.statement.payableFen, 0)
    if (list.length === 0) return `【${r.value.month} 佣金】该月没有分销的签约、罚款或结转记录。`
    const owing = owingSummary(list.map((s) => ({ agencyName: s.agencyName, owing: s.settlement.owing })))
    return [
      `【${r.value.month} 佣金】${list.length} 家分销，合计应付 ${yuan(total)}${asOf(r.value, ctx)}`,
      ...blocks,
      ...(owing === null ? [] : [owing]),
    ].join('\n\n')
  },
}

export const dismissCommand: Command = {
  id: 'dismiss',
  names: ['劝退', 'dismiss'],
  roles: ['manager'],
  topic: '月结',
  rules: ['R4', 'R11', 'R13'],
  example: '劝退 链家',
  async run(tx, ctx, args, rest) {
    const [name, ...why] = args
    if (!isName(name)) return usage(this)
    const r = await proposeDismissal(
      tx,
      ctx,
      { name, reason: (why.length > 0 && typedAfter(ctx.message.text, 1, 200)) || null },
      `劝退 ${rest}`,
    )
    if (!r.ok) return r
    return confirmationText({ ...r.value, by: ctx.actor.name, v: ctx.view })
  },
}

/**
 * The announcement as the manager wrote it: the raw text after the command word, keeping full-width punctuation and
 * line breaks (the parser's normalised `rest` turns `，` into `,` and joins lines).
 */
function announcementText(raw: string): string | null {
  const m = /(?:^|\s|\/)(?:公告|announce)(?:@\S+)?(?=\s|$)/i.exec(raw)
  if (!m) return null
  return (
    raw
      .slice(m.index + m[0].length)
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
      .trim()
  )
}

export const announceCommand: Command = {
  id: 'announce',
  names: ['公告', 'announce'],
  roles: ['manager'],
  topic: '经理台',
  rules: ['R17'],
  example: '公告 周六上午10点开盘，请各分销9点前到场',
  async run(tx, ctx, _args, rest) {
    const text = announcementText(ctx.message.text) ?? rest.trim()
    if (text === '') return usage(this)
    if (text.length > 1000) return usage(this, `公告最多1000字，现在 ${text.length} 字。`)
    const r = await announce(tx, ctx, { text })
    if (!r.ok) return r
    const groups = (await tx.groups.ofProject(ctx.project.id)).length
    return groups === 0
      ? `公告已保存，但本项目还没有绑定群，暂无处发送。证据 ${r.value.auditCode}`
      : `公告已发布到 ${groups} 个群。证据 ${r.value.auditCode}`
  },
}
