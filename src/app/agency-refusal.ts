import type { DomainError } from '../domain/errors.ts'
import type { Tx } from './ports.ts'

/**
 * Why an agency id the command resolved cannot be used: dismissed (since when), or not in this project — always by
 * the agency's name, never its row id.
 */
export async function agencyRefusal(tx: Tx, projectId: number, agencyId: number): Promise<DomainError> {
  const agency = await tx.agencies.byId(agencyId)
  if (!agency || agency.projectId !== projectId) return { code: 'agency.not-found', name: '' }
  if (agency.status === 'dismissed') {
    const since = (await tx.dismissals.confirmedOf(agency.id))?.confirmedAt ?? null
    return { code: 'agency.not-active', name: agency.name, since }
  }
  return { code: 'agency.not-found', name: agency.name }
}
