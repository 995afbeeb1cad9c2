import { announce } from '../../app/announce.ts'
import { parseCode } from '../../app/codes.ts'
import { proposeDismissal } from '../../app/propose-dismissal.ts'
import { proposeFine } from '../../app/propose-fine.ts'
import { reversePayment } from '../../app/record-payment.ts'
import { reverseFine } from '../../app/reverse-fine.ts'
import { showStatements } from '../../app/show-statements.ts'
import type { LocalMonth } from '../../domain/calendar.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import type { DomainError } from '../../domain/errors.ts'
import { parseFineCode } from '../../domain/fines.ts'
import { parseYuan } from '../../domain/money.ts'
import { ok, type Result } from '../../domain/result.ts'
import { isName, typedAfter, usage } from '../args.ts'
import type { Command } from '../command.ts'
import { confirmationText } from '../reply/desk.ts'
import {
  announcedText,
  announcementTooLongText,
  commissionText,
  fineIssuedText,
  PERFORMANCE_WITHOUT_AGENCY,
  performanceText,
  REVERSAL_REASON_REQUIRED,
  reversalText,
} from '../reply/money-replies.ts'
import { paymentText } from '../reply/settlement.ts'

const SEVERE = new Set(['情节严重', '严重'])
/** An amount or a count after the fine type: `500元`, `¥500`, `0.5万`, `20`, `20张`, `2位`. */
const FIGURE = /^(?:[¥￥][\d,.]+万?|[\d,.]+(?:万|元|块|张|页|份|人|位|个|次)?)$/
const MONEY = /[¥￥元块万]/
const MAX_ANNOUNCEMENT = 1000

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
    return fineIssuedText(r.value.fine, ctx.view)
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
      if (reason === '') return usage(this, REVERSAL_REASON_REQUIRED)
      const r = await reversePayment(tx, ctx, { paymentId, reason })
      return r.ok ? paymentText(r.value, ctx.view.tz) : r
    }
    if (fineId === null || reason === '') return usage(this, fineId === null ? undefined : REVERSAL_REASON_REQUIRED)
    const r = await reverseFine(tx, ctx, { fineId, reason })
    if (!r.ok) return r
    return reversalText(r.value, ctx.now, ctx.view)
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
    if (ctx.actor.agencyId === null) return PERFORMANCE_WITHOUT_AGENCY
    const r = await showStatements(tx, ctx, { month, agencyId: ctx.actor.agencyId })
    if (!r.ok) return r
    const [s] = r.value.statements
    if (!s) return { ok: false, error: { code: 'agency.required' } }
    return performanceText(r.value, s, ctx.now, ctx.view)
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
    return commissionText(r.value, ctx.now, ctx.view)
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
    if (text.length > MAX_ANNOUNCEMENT) return usage(this, announcementTooLongText(MAX_ANNOUNCEMENT, text.length))
    const r = await announce(tx, ctx, { text })
    if (!r.ok) return r
    const groups = (await tx.groups.ofProject(ctx.project.id)).length
    return announcedText(groups, r.value.auditCode)
  },
}
