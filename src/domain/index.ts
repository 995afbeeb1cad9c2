// The domain's public surface for the outer layers' shared vocabulary: results, refusals, platforms, roles, phones.
// Rule modules (filing, deposit, fines…) are imported by the use cases that apply them.
export type { DomainError } from './errors.ts'
export { type PaceRule, perMinute } from './pacing.ts'
export { normalizePhone, type Phone } from './phone.ts'
export { identityOf, type Platform } from './platform.ts'
export { err, ok, type Result } from './result.ts'
export { ROLE_NAMES, type Role } from './roles.ts'
