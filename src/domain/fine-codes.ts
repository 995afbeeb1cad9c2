/** The fine codes of SPEC.md's table, as typed in `罚款 <姓名或分销> <类型>` and stored. */
export const FINE_CODES = [
  '培训',
  '不配合',
  '态度',
  '抢客',
  '派单',
  '捣乱',
  '大厅',
  '水杯',
  '谈判桌',
  '工服',
  '复印',
] as const
export type FineCode = (typeof FINE_CODES)[number]

export type SeedRule = `R${number}`
