import type { UnitStatus } from '../../domain/unit.ts'

/** Every word the spreadsheets write (sheet names, titles, column headings), supplied by the reply catalog. */
export interface ExportWords {
  exportedAt: string
  total: string
  yes: string
  no: string
  dismissed: string
  reversal: string
  commission: {
    title: (project: string, month: string) => string
    agencyTitle: (agency: string, month: string) => string
    current: string
    summarySheet: string
    summary: Record<
      | 'agency'
      | 'status'
      | 'contracts'
      | 'counted'
      | 'target'
      | 'rate'
      | 'total'
      | 'gross'
      | 'forfeit'
      | 'commission'
      | 'fines'
      | 'carryIn'
      | 'net'
      | 'payable'
      | 'carryOut',
      string
    >
    forfeit: (kind: 'forfeited' | 'confiscated', rule: string, fineCode: string) => string
    contractsCaption: string
    contract: Record<'code' | 'unit' | 'signedAt' | 'price' | 'basement' | 'counted' | 'audit', string>
    finesCaption: string
    fine: Record<
      'code' | 'type' | 'rule' | 'agent' | 'quantity' | 'amount' | 'severe' | 'reverses' | 'issuedAt' | 'audit',
      string
    >
    calcCaption: string
    calcItem: string
    calcValue: string
    calc: Record<
      | 'counted'
      | 'target'
      | 'rate'
      | 'total'
      | 'gross'
      | 'forfeit'
      | 'commission'
      | 'fines'
      | 'carryIn'
      | 'net'
      | 'payable'
      | 'carryOut',
      string
    >
    linesCaption: string
  }
  fines: {
    title: (project: string, month: string) => string
    sheet: string
    summarySheet: string
    columns: Record<
      | 'code'
      | 'issuedAt'
      | 'agency'
      | 'agent'
      | 'type'
      | 'rule'
      | 'quantity'
      | 'amount'
      | 'severe'
      | 'reverses'
      | 'issuedBy'
      | 'note'
      | 'audit',
      string
    >
    summary: Record<'agency' | 'fines' | 'reversals' | 'net', string>
  }
  filings: {
    title: (project: string, month: string, sheet: string) => string
    filingsSheet: string
    collisionsSheet: string
    visitsSheet: string
    source: Record<'walk-in' | 'call', string>
    dealLocked: string
    filing: Record<
      'code' | 'filedAt' | 'agency' | 'filedBy' | 'customer' | 'phone' | 'protectedUntil' | 'source' | 'note' | 'audit',
      string
    >
    collision: Record<
      | 'attemptedAt'
      | 'customer'
      | 'phone'
      | 'ownerAgency'
      | 'ownerFiling'
      | 'ownerSince'
      | 'ownerUntil'
      | 'challengerAgency'
      | 'challengerAgent'
      | 'audit',
      string
    >
    visit: Record<
      'at' | 'customer' | 'phone' | 'agency' | 'filing' | 'previousUntil' | 'newUntil' | 'registeredBy' | 'audit',
      string
    >
  }
  board: {
    title: (project: string) => string
    unitsSheet: string
    countsSheet: string
    countsGroup: string
    otherGroup: string
    status: Record<UnitStatus, string>
    columns: Record<
      'code' | 'building' | 'basement' | 'area' | 'listPrice' | 'status' | 'heldLastDay' | 'heldUntil',
      string
    >
  }
}
