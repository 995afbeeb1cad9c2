import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { lockUnit, parseUnitCode, unlockUnit } from '../domain/unit.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/**
 * `/unit lock <房号> [原因]`, `/unit unlock <房号>` (R18 销控以现场秘书为主): the secretary takes an available unit off
 * sale or puts a locked one back. Recorded and audited like any other change.
 */
export async function setUnitLock(
  tx: Tx,
  ctx: CommandContext,
  input: { unitCode: string; locked: boolean; reason: string | null },
): Promise<Result<{ unitCode: string; auditCode: string }, DomainError>> {
  const parsed = parseUnitCode(input.unitCode)
  if (!parsed.ok) return parsed
  const unit = await tx.units.byCode(ctx.project.id, parsed.value)
  if (!unit) return err({ code: 'unit.not-found', unitCode: parsed.value })
  const next = input.locked ? lockUnit(unit, ctx.now) : unlockUnit(unit)
  if (!next.ok) return next
  await tx.units.save({ ...unit, ...next.value }, ctx.now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: input.locked ? 'unit.lock' : 'unit.unlock',
    subject: unit.code,
    data: { from: unit.status, reason: input.reason },
  })
  return ok({ unitCode: unit.code, auditCode })
}
