import { code } from '../../app/codes.ts'
import { offerDownload } from '../../app/downloads.ts'
import { XLSX_MIME } from '../../app/outbound.ts'
import type { Tx } from '../../app/ports.ts'
import { showStatements } from '../../app/show-statements.ts'
import { type LocalMonth, localDateOf, localMonthOf, monthRange } from '../../domain/calendar.ts'
import { parseStatementMonth } from '../../domain/commission.ts'
import type { DomainError } from '../../domain/errors.ts'
import { FINE_CATALOGUE } from '../../domain/fines.ts'
import { err, ok, type Result } from '../../domain/result.ts'
import { mayRun, type Role } from '../../domain/roles.ts'
import { usage } from '../args.ts'
import type { ChatContext, Command, Reply } from '../command.ts'
import type { FineRow } from '../files/index.ts'
import { EXPORT_WORDS } from '../reply/export-labels.ts'
import {
  EXPORT_CAPTION,
  EXPORT_DIRECT_ONLY,
  EXPORT_KIND,
  EXPORT_READY,
  type ExportKind,
  exportFileName,
} from '../reply/exports.ts'

/** Who may export what (SPEC "Pictures, buttons and files"): the manager everything, the secretary 销控 and 报备. */
const WHO: Record<ExportKind, readonly Role[]> = {
  commission: ['manager'],
  fines: ['manager'],
  filings: ['secretary', 'manager'],
  board: ['secretary', 'manager'],
}
const KIND_OF = new Map<string, ExportKind>((Object.keys(EXPORT_KIND) as ExportKind[]).map((k) => [EXPORT_KIND[k], k]))

export const exportCommand: Command = {
  id: 'export',
  names: ['导出', 'export'],
  roles: ['secretary', 'manager'],
  topic: '经理台',
  rules: [],
  example: '导出 佣金 2026-11',
  async run(tx, ctx, args) {
    const [word, monthArg, ...extra] = args
    const kind = word === undefined ? undefined : KIND_OF.get(word)
    if (!kind || extra.length > 0 || (kind === 'board' && monthArg !== undefined)) return usage(this)
    if (!mayRun(ctx.actor.role, WHO[kind])) return err({ code: 'role.forbidden', allowed: WHO[kind] })
    if (ctx.message.chat.kind !== 'direct') return EXPORT_DIRECT_ONLY(kind)
    const tz = ctx.project.timezone
    let month: LocalMonth = localMonthOf(ctx.now, tz)
    if (monthArg !== undefined) {
      const m = parseStatementMonth(monthArg)
      if (!m.ok) return m
      month = m.value
    }
    const built = await build(tx, ctx, kind, month)
    if (!built.ok) return built
    const period = kind === 'board' ? localDateOf(ctx.now, tz) : built.value.month
    return deliver(tx, ctx, kind, period, built.value.bytes)
  },
}

async function build(
  tx: Tx,
  ctx: ChatContext,
  kind: ExportKind,
  month: LocalMonth,
): Promise<Result<{ bytes: Buffer; month: LocalMonth }, DomainError>> {
  const base = { projectName: ctx.project.name, tz: ctx.project.timezone, exportedAt: ctx.now }
  const { boardSheetUnits, boardWorkbook, commissionWorkbook, finesWorkbook } = await workbooks()
  if (kind === 'board') {
    const units = boardSheetUnits(await tx.units.list(ctx.project.id), ctx.now)
    return ok({ bytes: await boardWorkbook({ ...base, units }, EXPORT_WORDS), month })
  }
  if (kind === 'commission') {
    const r = await showStatements(tx, ctx, { month, agencyId: null })
    if (!r.ok) return r
    const bytes = await commissionWorkbook({ ...base, statements: r.value, auditCodes: new Map() }, EXPORT_WORDS)
    return ok({ bytes, month: r.value.month })
  }
  if (kind === 'filings') return ok({ bytes: await filingsBook(tx, ctx, month), month })
  return ok({
    bytes: await finesWorkbook({ ...base, month, fines: await fineRows(tx, ctx, month) }, EXPORT_WORDS),
    month,
  })
}

/** The month's filings, collisions (both sides) and visits; full numbers, as only the secretary and manager export. */
async function filingsBook(tx: Tx, ctx: ChatContext, month: LocalMonth): Promise<Buffer> {
  const tz = ctx.project.timezone
  const { start, end } = monthRange(month, tz)
  const id = ctx.project.id
  const filings = (await tx.exports.filings(id, start, end)).map((f) => ({
    code: code('F', f.id),
    filedAt: f.filedAt,
    agencyName: f.agencyName,
    filedBy: f.filedBy,
    customerName: f.customerName,
    phone: f.phone,
    protectedUntil: f.protectedUntil,
    source: f.source,
    note: f.note,
    auditCode: null,
  }))
  const collisions = (await tx.desk.collisions(id, start, end)).map((c) => ({
    attemptedAt: c.at,
    customerName: c.customer.name,
    phone: c.customer.phone,
    ownerAgency: c.owner.agencyName,
    ownerFiling: c.owner.filingCode,
    ownerSince: c.owner.since,
    ownerUntil: c.owner.until,
    challengerAgency: c.challenger.agencyName,
    challengerAgent: c.challenger.staffName ?? '',
    auditCode: c.auditCode,
  }))
  const visits = (await tx.exports.visits(id, start, end)).map((v) => ({
    at: v.at,
    customerName: v.customerName,
    phone: v.phone,
    agencyName: v.agencyName,
    filing: code('F', v.filingId),
    previousUntil: v.previousUntil,
    newUntil: v.newUntil,
    registeredBy: v.registeredBy,
    auditCode: null,
  }))
  const x = {
    projectName: ctx.project.name,
    tz,
    exportedAt: ctx.now,
    month,
    fullPhones: true,
    filings,
    collisions,
    visits,
  }
  return (await workbooks()).filingsWorkbook(x, EXPORT_WORDS)
}

/**
 * The spreadsheet code and exceljs, loaded at the first export: a server that never exports never holds them
 * (exceljs alone is about 28 MB of memory).
 */
const workbooks = () => import('../files/index.ts')

/** The month's fines and reversals in issue order, with the names the ledger only holds as ids. */
async function fineRows(tx: Tx, ctx: ChatContext, month: LocalMonth): Promise<FineRow[]> {
  const agencies = new Map((await tx.agencies.list(ctx.project.id)).map((a) => [a.id, a.name]))
  const staff = new Map((await tx.people.listStaff(ctx.project.id)).map((s) => [s.id, s.name]))
  return (await tx.fines.ofProject(ctx.project.id))
    .filter((f) => f.localMonth === month)
    .map((f) => ({
      code: code('P', f.id),
      issuedAt: f.issuedAt,
      agencyName: agencies.get(f.agencyId) ?? '',
      staffName: f.staffId === null ? null : (staff.get(f.staffId) ?? null),
      fineCode: f.code,
      rule: FINE_CATALOGUE[f.code].rule,
      quantity: f.quantity,
      amountFen: f.amountFen,
      severe: f.severe,
      note: f.note,
      issuedBy: staff.get(f.issuedBy) ?? '',
      reverses: f.reversesId === null ? null : code('P', f.reversesId),
      auditCode: null,
    }))
}

/** The file rides with the reply (Telegram, WeCom's connection take it); the one-time link is for everyone else. */
async function deliver(tx: Tx, ctx: ChatContext, kind: ExportKind, period: string, bytes: Buffer): Promise<Reply> {
  const fileName = exportFileName(ctx.project.name, kind, period)
  const offered = await offerDownload(tx, ctx, { kind, fileName, mime: XLSX_MIME, bytes })
  const link = `${ctx.downloadBase}/files/${offered.token}`
  const tz = ctx.project.timezone
  return {
    text: EXPORT_READY(kind, period, fileName, offered.auditCode, link, offered.expiresAt, tz),
    parts: [
      {
        kind: 'document',
        fileName,
        mime: XLSX_MIME,
        base64: bytes.toString('base64'),
        link,
        caption: EXPORT_CAPTION(kind, period, fileName, offered.auditCode),
      },
    ],
  }
}
