import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { parseUnitFields, type UnitSpec } from '../domain/unit.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/**
 * `/unit add <房号> <面积㎡> <总价元> <底价元> [地下室]` (R18 销控以现场秘书为主): a new unit, available. A code the
 * project already has is refused; two adds of one code at once meet at the unique index and the second is refused.
 */
export async function addUnit(
  tx: Tx,
  ctx: CommandContext,
  fields: readonly string[],
): Promise<Result<{ unit: UnitSpec; auditCode: string }, DomainError>> {
  const spec = parseUnitFields(fields)
  if (!spec.ok) return spec
  const unit = spec.value
  if (await tx.units.byCode(ctx.project.id, unit.code)) return err({ code: 'unit.exists', unitCode: unit.code })
  await tx.units.add(ctx.project.id, [unit], ctx.now)
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'unit.add',
    subject: unit.code,
    data: { ...unit },
  })
  return ok({ unit, auditCode })
}
