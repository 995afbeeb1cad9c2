export { type BoardInput, type BoardLabels, type BoardUnit, boardUnits } from './board.ts'
export { renderBoardPng } from './render-board.ts'
