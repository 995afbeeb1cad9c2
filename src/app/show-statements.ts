import { type LocalMonth, localMonthOf } from '../domain/calendar.ts'
import { type MonthlyStatement, projectOneMoreSigning, statementSeries } from '../domain/commission.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { monthSettlement } from '../domain/settlement.ts'
import { agencyRefusal } from './agency-refusal.ts'
import { parseDismissalReason } from './dismiss-agency.ts'
import type { AgencyStatement, PriceBasis, Projection } from './money-notices.ts'
import type {
  AgencyRecord,
  CommandContext,
  DismissalRecord,
  FineRecord,
  SignedContractRecord,
  StaffRecord,
  Tx,
} from './ports.ts'
import type { PaymentRecord, StatementAckRecord } from './ports-settlement.ts'

export type { AgencyStatement, PriceBasis, Projection } from './money-notices.ts'

export interface Statements {
  month: LocalMonth
  /** The month is still running: figures so far, and the projection. */
  current: boolean
  statements: AgencyStatement[]
}

/** Everything the statements of one project are computed from: one query per kind. */
export interface Books {
  agencies: AgencyRecord[]
  contracts: SignedContractRecord[]
  fines: FineRecord[]
  staff: StaffRecord[]
  pending: DismissalRecord[]
  payments: PaymentRecord[]
  acks: StatementAckRecord[]
}

export async function loadBooks(tx: Tx, ctx: CommandContext): Promise<Books> {
  const projectId = ctx.project.id
  return {
    payments: await tx.settlement.payments(projectId),
    acks: await tx.settlement.acks(projectId),
    agencies: await tx.agencies.list(projectId),
    contracts: await tx.commission.signedContracts(projectId),
    fines: await tx.fines.ofProject(projectId),
    staff: await tx.people.listStaff(projectId),
    pending: await tx.dismissals.pending(projectId),
  }
}

/** Half-up integer mean of amounts in fen (BigInt on the way: no float). */
function meanFen(amounts: readonly number[]): number | null {
  if (amounts.length === 0) return null
  const n = BigInt(amounts.length)
  const sum = amounts.reduce((s, a) => s + BigInt(a), 0n)
  return Number((2n * sum + n) / (2n * n))
}

/**
 * The price assumed for "one more signing": the agency's own mean price of the month's non-basement signings, else the
 * project's mean signed non-basement price, else the mean list price of the units for sale.
 */
async function assumedPrice(
  s: MonthlyStatement,
  books: Books,
  forSale: () => Promise<number | null>,
): Promise<{ priceFen: number; basis: PriceBasis } | null> {
  const own = meanFen(s.contracts.filter((c) => !c.basement).map((c) => c.priceFen))
  if (own !== null) return { priceFen: own, basis: 'agency-month' }
  const project = meanFen(books.contracts.filter((c) => !c.basement).map((c) => c.priceFen))
  if (project !== null) return { priceFen: project, basis: 'project' }
  const units = await forSale()
  return units === null ? null : { priceFen: units, basis: 'units' }
}

/**
 * The R4 statement of `month` for the given agencies, each carrying its negative balances from its first month
 * (statementSeries over the agency's whole history). In the current month, the projection of one more signing.
 */
export async function statementsOf(
  tx: Tx,
  ctx: CommandContext,
  books: Books,
  month: LocalMonth,
  agencies: readonly AgencyRecord[],
): Promise<AgencyStatement[]> {
  const { project, now } = ctx
  const tz = project.timezone
  const currentMonth = localMonthOf(now, tz)
  const current = month === currentMonth
  const staffNames = new Map(books.staff.map((s) => [s.id, s.name]))
  const unitCodes = new Map(books.contracts.map((c) => [c.id, c.unitCode]))
  let forSale: Promise<number | null> | null = null
  const unitsMean = () => {
    forSale ??= tx.commission.listPricesForSale(project.id).then(meanFen)
    return forSale
  }
  const out: AgencyStatement[] = []
  for (const agency of agencies) {
    const contracts = books.contracts.filter((c) => c.agencyId === agency.id)
    const fines = books.fines.filter((f) => f.agencyId === agency.id)
    const months = [
      localMonthOf(agency.createdAt, tz),
      ...contracts.map((c) => localMonthOf(c.signedAt, tz)),
      ...fines.map((f) => localMonthOf(f.issuedAt, tz)),
      month,
    ].sort()
    const from = months[0] as LocalMonth
    // through the current month, so the closed months after `month` still show what they owe
    const to = month > currentMonth ? month : currentMonth
    const series = statementSeries({ agencyId: agency.id, contracts, fines, from, to }, project.settings, tz)
    const statement = series.find((s) => s.month === month) as MonthlyStatement
    const payments = books.payments.filter((p) => p.agencyId === agency.id)
    const closed = series
      .filter((s) => s.month < currentMonth)
      .map((s) => monthSettlement(s.month, s.payableFen, payments))
    let projection: Projection | null = null
    if (current) {
      const price = await assumedPrice(statement, books, unitsMean)
      projection = {
        ...projectOneMoreSigning(statement, price?.priceFen ?? 0, project.settings),
        basis: price?.basis ?? null,
      }
    }
    out.push({
      agencyId: agency.id,
      agencyName: agency.name,
      dismissed: agency.status === 'dismissed',
      statement,
      unitCodes,
      staffNames,
      projection,
      pending: books.pending.filter((d) => d.agencyId === agency.id).map((d) => parseDismissalReason(d.reason)),
      settlement: {
        month: closed.find((s) => s.month === month) ?? null,
        closed,
        owing: closed.filter((s) => s.outstandingFen > 0),
        ack: books.acks.find((a) => a.agencyId === agency.id && a.month === month) ?? null,
      },
    })
  }
  return out
}

/**
 * Which agencies a month's statements cover: the active ones that existed by then, and a dismissed one while it
 * still has contracts, fines or a negative balance in that month.
 */
export function coveredAgencies(books: Books, statements: AgencyStatement[], month: LocalMonth, tz: string) {
  return statements.filter((s) => {
    const agency = books.agencies.find((a) => a.id === s.agencyId)
    if (!agency) return false
    const active = agency.status === 'active' && localMonthOf(agency.createdAt, tz) <= month
    const st = s.statement
    return active || st.contracts.length > 0 || st.fines.length > 0 || st.carryInFen !== 0
  })
}

/**
 * `业绩 [YYYY-MM]` (an agent: the own agency) and `佣金 [YYYY-MM] [分销]` (the manager: every agency, or one): the R4
 * statement of the month, default the current local month. A month that has not begun is refused.
 */
export async function showStatements(
  tx: Tx,
  ctx: CommandContext,
  input: { month: LocalMonth | null; agencyId: number | null },
): Promise<Result<Statements, DomainError>> {
  const tz = ctx.project.timezone
  const currentMonth = localMonthOf(ctx.now, tz)
  const month = input.month ?? currentMonth
  if (month > currentMonth) return err({ code: 'month.future', month, current: currentMonth })
  const books = await loadBooks(tx, ctx)
  const chosen = input.agencyId === null ? books.agencies : books.agencies.filter((a) => a.id === input.agencyId)
  if (input.agencyId !== null && chosen.length === 0) {
    return err(await agencyRefusal(tx, ctx.project.id, input.agencyId))
  }
  const all = await statementsOf(tx, ctx, books, month, chosen)
  const statements = input.agencyId === null ? coveredAgencies(books, all, month, tz) : all
  return ok({ month, current: month === currentMonth, statements })
}
