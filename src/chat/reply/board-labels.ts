import type { BoardLabels } from '../pictures/board.ts'

/** The words of the 销控 picture. */
export const BOARD_LABELS: BoardLabels = {
  title: '销控表',
  buildingTitle: (building) => `${/^\d+$/.test(building) ? `${building}号楼` : `${building}栋`} 销控表`,
  status: { available: '可售', held: '已定', subscribed: '已认购', signed: '已签约', locked: '锁定' },
  drawnAt: (t) => `绘制于 ${t}`,
  total: (n) => `共 ${n} 套`,
  count: (n) => `${n} 套`,
  building: (name) => (/^\d+$/.test(name) ? `${name}号楼` : `${name}栋`),
  entrance: (name) => `${name}单元`,
  floor: (n) => `${n}F`,
  basementBlock: '地下室 · 车位 · 其他',
  heldUntil: (day) => `至${day}`,
  holdNote: '已定房源的“至 月-日”是保留期最后一天，次日 00:00 未认购自动开封（R14）',
  empty: '还没有房源。秘书添加：/房源 添加 <房号> <面积㎡> <总价元> <底价元> [地下室]',
}

/** `销控 <楼栋>` for a building with no units: which buildings there are. */
export const NO_SUCH_BUILDING = (building: string, buildings: readonly string[]) =>
  `没有 ${BOARD_LABELS.building(building)} 的房源。${buildings.length > 0 ? `现有：${buildings.map(BOARD_LABELS.building).join('、')}。` : ''}发送“销控”查看全部，或“销控 3”只看 3号楼。`
