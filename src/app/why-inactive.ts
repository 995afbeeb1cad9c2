import type { DomainError } from '../domain/errors.ts'
import { countedFines } from '../domain/fines.ts'
import { code, parseCode } from './codes.ts'
import { parseDismissalReason } from './dismiss-agency.ts'
import type { Tx } from './ports.ts'

/**
 * Why a staff record is no longer active, by the record that ended it: the agency's confirmed 劝退 (its reason), or
 * the counted fine that cancelled the agent's qualification (R7: the 3rd 态度). Told instead of "not on staff".
 */
export async function whyInactive(
  tx: Tx,
  staff: { staffId: number | null; agencyId: number | null },
): Promise<DomainError> {
  const record = staff.staffId === null ? null : await tx.people.staffById(staff.staffId)
  if (!record) return { code: 'staff.unknown' }
  if (record.agencyId !== null) {
    const agency = await tx.agencies.byId(record.agencyId)
    if (agency?.status === 'dismissed') {
      const dismissal = await tx.dismissals.confirmedOf(agency.id)
      const reason = dismissal ? parseDismissalReason(dismissal.reason) : null
      const fineId = reason?.kind === 'fine' ? parseCode(reason.fineCode, 'P') : null
      const fine = fineId === null ? null : await tx.fines.byId(fineId)
      return {
        code: 'staff.agency-gone',
        agencyName: agency.name,
        since: dismissal?.confirmedAt ?? record.statusSince,
        reason,
        fineKind: fine?.code ?? null,
      }
    }
    const ledger = await tx.fines.ofAgency(record.agencyId)
    // The fine that cancelled the qualification: the agent's last 态度 fine counted as the ledger stood when it ended
    // (a later reversal does not rewrite what happened then).
    const asOf = new Date(record.statusSince.getTime() + 1)
    const rude = countedFines(ledger, asOf).filter((f) => f.staffId === record.id && f.code === '态度')
    const last = rude.at(-1)
    if (last)
      return {
        code: 'staff.disqualified',
        since: record.statusSince,
        fineCode: code('P', last.id),
        kind: last.code,
        nth: rude.length,
        rule: 'R7',
      }
  }
  return { code: 'staff.disqualified', since: record.statusSince, fineCode: null, kind: null, nth: 0, rule: null }
}
