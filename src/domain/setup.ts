import type { LocalMonth } from './calendar.ts'
import type { FineCode, SeedRule } from './fine-codes.ts'
import type { Role } from './roles.ts'

// Refusals about who is asking and where: identity, roles, projects, agencies and staff set-up.

export type CommonError =
  | { code: 'phone.invalid'; input: string }
  | { code: 'role.forbidden'; allowed: readonly Role[] }
  | { code: 'staff.forfeited'; rule: 'R1' }
  | { code: 'staff.unknown' }
  /** An agent whose qualification was cancelled, with the fine that cancelled it (R7: the 3rd 态度), if one did. */
  | {
      code: 'staff.disqualified'
      since: Date
      fineCode: string | null
      kind: FineCode | null
      nth: number
      rule: SeedRule | null
    }
  /** An agent of a dismissed (劝退) agency, with the dismissal's reason. */
  | {
      code: 'staff.agency-gone'
      agencyName: string
      since: Date
      reason: DismissalCause | null
      /** When a fine dismissed the agency: its kind (捣乱, 派单, 不配合). */
      fineKind: FineCode | null
    }
  | { code: 'project.unbound' }
  | { code: 'agency.not-found'; name: string }
  | { code: 'agency.required' }
  | { code: 'record.not-found'; ref: string }

/** Why an agency was dismissed, as the dismissal record says (two months under target, a fine, the manager). */
export type DismissalCause =
  | { kind: 'target'; rule: 'R4'; month: LocalMonth }
  | { kind: 'fine'; rule: SeedRule; fineCode: string }
  | { kind: 'manual'; text: string }

export type SetupError =
  | { code: 'agency.exists'; name: string }
  /** /agency readmit of an agency that is not dismissed. */
  | { code: 'agency.not-dismissed'; name: string }
  | { code: 'join.invalid' }
  | { code: 'join.in-group'; command: string }
  | { code: 'staff.no-direct'; command: string }
  | { code: 'staff.agency-dismissed'; name: string; agencyName: string; since: Date | null }
  | { code: 'staff.not-found'; name: string }
  | { code: 'staff.ambiguous'; name: string; count: number }
  | { code: 'staff.not-forfeited'; name: string }
  | { code: 'project.not-found'; name: string }
  /** Several projects (or none) and nothing says which: the names to choose from and the command that chooses. */
  | { code: 'project.choose'; names: string[]; command: string }
  | { code: 'group.direct-only' }
  | { code: 'group.only' }
  | { code: 'settings.unknown'; path: string }
  | { code: 'settings.invalid'; path: string; input: string }
  /** A limit below what is on site now (R1): `active` agencies, or agents of `agencyName`. */
  | { code: 'settings.conflict'; path: string; value: number; active: number; agencyName: string | null }
