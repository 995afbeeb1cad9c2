import { Conflict, type UnitRecord, type UnitRepo } from '../../app/ports.ts'
import type { UnitStatus } from '../../domain/unit.ts'
import type { DbTx } from '../client.ts'

interface UnitRow {
  id: number
  projectId: number
  code: string
  areaCm2: number
  listPriceFen: bigint
  floorPriceFen: bigint
  basement: boolean
  status: string
  depositId: number | null
  heldUntil: Date | null
  version: number
}

const toUnit = (r: UnitRow): UnitRecord => ({
  id: r.id,
  projectId: r.projectId,
  code: r.code,
  areaCm2: r.areaCm2,
  listPriceFen: Number(r.listPriceFen),
  floorPriceFen: Number(r.floorPriceFen),
  basement: r.basement,
  status: r.status as UnitStatus,
  depositId: r.depositId,
  heldUntil: r.heldUntil,
  version: r.version,
})

/** SQLite allows a limited number of bound variables per statement: look codes up in slices. */
const SLICE = 500

export function unitRepo(db: DbTx): UnitRepo {
  return {
    async byId(id) {
      const r = await db.unit.findUnique({ where: { id } })
      return r && toUnit(r)
    },
    async byCode(projectId, code) {
      const r = await db.unit.findUnique({ where: { projectId_code: { projectId, code } } })
      return r && toUnit(r)
    },
    async list(projectId) {
      return (await db.unit.findMany({ where: { projectId }, orderBy: { id: 'asc' } })).map(toUnit)
    },
    async existing(projectId, codes) {
      const found: string[] = []
      for (let i = 0; i < codes.length; i += SLICE) {
        const rows = await db.unit.findMany({
          where: { projectId, code: { in: codes.slice(i, i + SLICE) } },
          select: { code: true },
        })
        found.push(...rows.map((r) => r.code))
      }
      return found
    },
    async add(projectId, specs, at) {
      for (let i = 0; i < specs.length; i += SLICE) {
        await db.unit.createMany({
          data: specs.slice(i, i + SLICE).map((s) => ({
            projectId,
            code: s.code,
            areaCm2: s.areaCm2,
            listPriceFen: BigInt(s.listPriceFen),
            floorPriceFen: BigInt(s.floorPriceFen),
            basement: s.basement,
            status: 'available',
            updatedAt: at,
          })),
        })
      }
    },
    async save(unit, at) {
      const changed = await db.unit.updateMany({
        where: { id: unit.id, version: unit.version },
        data: {
          status: unit.status,
          depositId: unit.depositId,
          heldUntil: unit.heldUntil,
          updatedAt: at,
          version: { increment: 1 },
        },
      })
      if (changed.count !== 1) throw new Conflict(`unit ${unit.code} changed concurrently`)
    },
  }
}
