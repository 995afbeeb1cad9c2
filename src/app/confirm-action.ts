import { checkConfirmation } from '../domain/confirmation.ts'
import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { code, parseCode } from './codes.ts'
import { type Dismissed, dismissAgency } from './dismiss-agency.ts'
import { type IssuedFine, type IssueFineInput, issueFine } from './issue-fine.ts'
import { type CommandContext, Conflict, type Tx } from './ports.ts'
import type { DismissalInput } from './propose-dismissal.ts'

export type Confirmed =
  | { kind: 'dismissed'; code: string; dismissed: Dismissed }
  | { kind: 'fined'; code: string; fine: IssuedFine }

/**
 * `确认 <码>`: applies the irreversible command stored under the code — by the person who asked, before it expires,
 * once. The code is taken by a compare-and-set before the command runs, so two 确认 at once apply it once: the other
 * one's transaction re-runs, finds it used and says so. A command no longer possible (the agency was dismissed in
 * between) uses the code up and answers with its refusal.
 */
export async function confirmAction(tx: Tx, ctx: CommandContext, ref: string): Promise<Result<Confirmed, DomainError>> {
  const id = parseCode(ref, 'Q')
  const row = id === null ? null : await tx.confirmations.byId(id)
  if (id === null || !row || row.projectId !== ctx.project.id)
    return err({ code: 'confirm.not-found', ref: ref.slice(0, 20) })
  const qCode = code('Q', id)
  const allowed = checkConfirmation(row, qCode, ctx.actor, ctx.now)
  if (!allowed.ok) return allowed
  if (!(await tx.confirmations.take(id, ctx.now))) throw new Conflict(`${qCode} was taken concurrently`)

  if (row.action === 'dismiss') {
    const r = await dismissAgency(tx, ctx, JSON.parse(row.input) as DismissalInput)
    await tx.confirmations.settle(id, r.ok ? 'done' : 'refused', r.ok ? r.value.auditCode : null)
    return r.ok ? ok({ kind: 'dismissed', code: qCode, dismissed: r.value }) : r
  }
  const r = await issueFine(tx, ctx, JSON.parse(row.input) as IssueFineInput)
  await tx.confirmations.settle(id, r.ok ? 'done' : 'refused', r.ok ? r.value.auditCode : null)
  return r.ok ? ok({ kind: 'fined', code: qCode, fine: r.value }) : r
}
