import { err, ok, type Result } from '../domain/result.ts'
import type { UnitError } from '../domain/unit.ts'
import { parseUnitCsv } from '../domain/unit.ts'
import { auditBase } from './audit.ts'
import type { CommandContext, Tx } from './ports.ts'

/** A refused import: every bad line of the file, by its 1-based line number (0: the file as a whole). */
export type UnitImportErrors = { line: number; error: UnitError }[]

/**
 * `npm run units:import -- <file>`: the CSV rows `房号,面积,总价,底价[,地下室]` become available units, all or none.
 * Any bad row, a code repeated in the file or a code the project already has refuses the whole file, naming every
 * such line; the caller runs this in one transaction.
 */
export async function importUnits(
  tx: Tx,
  ctx: CommandContext,
  csv: string,
): Promise<Result<{ count: number; auditCode: string }, UnitImportErrors>> {
  const parsed = parseUnitCsv(csv)
  const existing = new Set(
    await tx.units.existing(
      ctx.project.id,
      parsed.units.map((u) => u.unit.code),
    ),
  )
  const errors: UnitImportErrors = [
    ...parsed.errors,
    ...parsed.units
      .filter((u) => existing.has(u.unit.code))
      .map((u) => ({ line: u.line, error: { code: 'unit.exists', unitCode: u.unit.code } as const })),
  ]
  if (errors.length > 0) return err(errors.sort((a, b) => a.line - b.line))
  await tx.units.add(
    ctx.project.id,
    parsed.units.map((u) => u.unit),
    ctx.now,
  )
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'unit.import',
    subject: null,
    data: { count: parsed.units.length, units: parsed.units.map((u) => u.unit) },
  })
  return ok({ count: parsed.units.length, auditCode })
}
