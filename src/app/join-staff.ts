import type { DomainError } from '../domain/errors.ts'
import { identityOf, type Platform } from '../domain/platform.ts'
import { err, ok, type Result } from '../domain/result.ts'
import type { Role } from '../domain/roles.ts'
import type { StaffRecord, Tx } from './ports.ts'

export interface StaffLabel {
  name: string
  role: Role
  agencyName: string | null
}

export type JoinOutcome =
  | { kind: 'joined'; staff: StaffRecord; agencyName: string | null; replaced: StaffLabel | null; auditCode: string }
  /** The account is bound to someone else: nothing changed, the code is still live; `/join <码> 确认` rebinds. */
  | { kind: 'confirm'; current: StaffLabel; next: StaffLabel }

/**
 * /join <code> (in a direct chat): binds the sender's platform identity to the staff record the code was made for;
 * the code is spent. An account already bound to another staff record is rebound only with `confirm` (SPEC.md
 * "Set-up and identity"); until then the reply says what would be replaced and the code stays live.
 */
export async function joinStaff(
  tx: Tx,
  input: { code: string; platform: Platform; userId: string; now: Date; source: string | null; confirm: boolean },
): Promise<Result<JoinOutcome, DomainError>> {
  const code = input.code.toUpperCase()
  const target = await tx.people.joinCodeFor(code, input.now)
  if (!target) return err({ code: 'join.invalid' })
  const current = await tx.people.actorFor(input.platform, input.userId)
  const rebinding = current !== null && current.staffId !== target.id
  if (rebinding && !input.confirm) {
    return ok({
      kind: 'confirm',
      current: { name: current.name, role: current.role, agencyName: current.agencyName },
      next: await labelOf(tx, target),
    })
  }
  const staff = await tx.people.redeemJoinCode(code, input.platform, input.userId, input.now)
  if (!staff) return err({ code: 'join.invalid' })
  const agency = staff.agencyId === null ? null : await tx.agencies.byId(staff.agencyId)
  const auditCode = await tx.audit.append({
    projectId: staff.projectId,
    at: input.now,
    actor: identityOf(input.platform, input.userId),
    actorStaffId: staff.id,
    action: 'staff.join',
    subject: staff.name,
    data: { staffId: staff.id, platform: input.platform, ...(rebinding ? { replacedStaffId: current.staffId } : {}) },
    source: input.source,
  })
  const replaced = rebinding ? { name: current.name, role: current.role, agencyName: current.agencyName } : null
  return ok({ kind: 'joined', staff, agencyName: agency?.name ?? null, replaced, auditCode })
}

/**
 * /join typed in a group: everyone there has read the code, so a live one is spent at once (recorded), and the
 * person is told to ask for a new one. The answer is the same whether the code was live or not.
 */
export async function voidExposedJoinCode(
  tx: Tx,
  input: { code: string; platform: Platform; userId: string; now: Date; source: string | null },
): Promise<void> {
  const code = input.code.toUpperCase()
  const staff = await tx.people.joinCodeFor(code, input.now)
  if (!staff) return
  await tx.people.voidJoinCodes({ code }, input.now, 'voided:shown-in-group')
  await tx.audit.append({
    projectId: staff.projectId,
    at: input.now,
    actor: identityOf(input.platform, input.userId),
    actorStaffId: null,
    action: 'staff.join-code-voided',
    subject: staff.name,
    data: { staffId: staff.id, why: 'shown in a group' },
    source: input.source,
  })
}

async function labelOf(tx: Tx, s: StaffRecord): Promise<StaffLabel> {
  const agency = s.agencyId === null ? null : await tx.agencies.byId(s.agencyId)
  return { name: s.name, role: s.role, agencyName: agency?.name ?? null }
}
