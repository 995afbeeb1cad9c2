/** The four roles of SPEC.md. An admin may do everything a manager may, and a manager everything a secretary may. */
export const ROLES = ['admin', 'manager', 'secretary', 'agent'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_NAMES: Record<Role, string> = {
  admin: '管理员',
  manager: '现场经理',
  secretary: '案场秘书',
  agent: '分销销售',
}

/** Staff status: a forfeited (自动放弃, R1) agent may not use agent commands until re-activated. */
export type StaffStatus = 'active' | 'forfeited' | 'inactive'

/** Whether `role` may run a command open to `allowed`. Admins may run everything. */
export function mayRun(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role)
}
