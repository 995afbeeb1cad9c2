import type { DomainError } from '../domain/errors.ts'
import { err, ok, type Result } from '../domain/result.ts'
import { effectiveStatus, parseUnitCode, type UnitStatus } from '../domain/unit.ts'
import { code } from './codes.ts'
import type { CommandContext, Tx, UnitRecord } from './ports.ts'

export interface UnitView {
  unit: UnitRecord
  /** As of now: a hold that has ended reads as available. */
  status: UnitStatus
  /** The live hold, when the unit is held. */
  hold: { depositCode: string; kind: 'big' | 'small'; heldUntil: Date; approved: boolean } | null
}

/** 房源 <房号>: one unit as of now. Changes nothing. */
export async function showUnit(tx: Tx, ctx: CommandContext, rawCode: string): Promise<Result<UnitView, DomainError>> {
  const parsed = parseUnitCode(rawCode)
  if (!parsed.ok) return parsed
  const unit = await tx.units.byCode(ctx.project.id, parsed.value)
  if (!unit) return err({ code: 'unit.not-found', unitCode: parsed.value })
  const status = effectiveStatus(unit, ctx.now)
  let hold: UnitView['hold'] = null
  if (status === 'held' && unit.depositId !== null && unit.heldUntil !== null) {
    const deposit = await tx.deposits.byId(unit.depositId)
    hold = {
      depositCode: code('D', unit.depositId),
      kind: deposit?.kind ?? 'small',
      heldUntil: unit.heldUntil,
      approved: deposit?.status === 'approved',
    }
  }
  return ok({ unit, status, hold })
}
