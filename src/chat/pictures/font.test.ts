import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { boardOf, goldenBoard } from '../../../test/support/boards.ts'
import { BOARD_LABELS } from '../reply/board-labels.ts'
import type { BoardInput } from './board.ts'
import { FONT_FILES, MISSING, pictureFont } from './font.ts'
import { boardScene } from './render-board.ts'
import type { SceneText } from './scene.ts'

// Opened here independently of font.ts: the test reads each font file's own cmap.
const fonts = Object.entries(FONT_FILES).map(([weight, file]) => {
  const font = fontkit.openSync(file)
  if (!('glyphForCodePoint' in font)) throw new Error(file)
  return { weight, font }
})

/** Characters a text needs whose code point the font file maps to no glyph (glyph 0 is .notdef). */
const lacking = (weight: string, text: string) => {
  const font = fonts.find((f) => f.weight === weight)?.font
  return [...text].filter((ch) => !font || font.glyphForCodePoint(ch.codePointAt(0) as number).id === 0)
}

const boards: [string, BoardInput][] = [
  ['golden', goldenBoard()],
  ['1,000 units', boardOf(1000)],
  ['empty, one building', { ...boardOf(0), building: '12' }],
  ['odd names', { ...goldenBoard(), projectName: '𠀀香公馆😀\n二期\u200d🏠︎', building: 'B' }],
  [
    'CJK and letter codes',
    {
      ...boardOf(0),
      units: ['车位-A-001', '地下室-12', 'B2-停车场-东区-0001', '商铺-1F-01', '会所', 'ＡＢ-１２'].map((code) => ({
        code,
        status: 'available' as const,
        heldUntil: null,
        basement: true,
      })),
    },
  ],
]

describe('the pictures’ font', () => {
  it('comes from an npm package in node_modules, not from the machine', () => {
    for (const file of Object.values(FONT_FILES))
      expect(file).toMatch(/node_modules\/@expo-google-fonts\/noto-sans-sc\//)
    for (const { font } of fonts) expect(font.familyName).toBe('Noto Sans SC')
  })

  it.each(boards)('has a glyph for every character drawn on the %s board', (_, input) => {
    const drawn = boardScene(input, BOARD_LABELS).items.filter((i): i is SceneText => i.kind === 'text')
    expect(drawn.length).toBeGreaterThan(5)
    for (const t of drawn) expect(lacking(t.weight, t.text), t.text).toEqual([])
  })

  it('has a glyph for every word of the labels, in both weights', () => {
    const words = [
      BOARD_LABELS.title,
      BOARD_LABELS.buildingTitle('3'),
      BOARD_LABELS.buildingTitle('A'),
      ...Object.values(BOARD_LABELS.status),
      BOARD_LABELS.drawnAt('2026-12-01 15:40'),
      BOARD_LABELS.total(1234567890),
      BOARD_LABELS.count(0),
      BOARD_LABELS.building('10'),
      BOARD_LABELS.building('A'),
      BOARD_LABELS.entrance('2'),
      BOARD_LABELS.floor(33),
      BOARD_LABELS.basementBlock,
      BOARD_LABELS.heldUntil('12-31'),
      BOARD_LABELS.holdNote,
      BOARD_LABELS.empty,
      ` · …${MISSING}`,
    ].join('')
    for (const { weight } of fonts) expect(lacking(weight, words)).toEqual([])
  })

  it('replaces what the font lacks: □ for a character, nothing for an invisible mark, a space for a line break', () => {
    const { drawable } = pictureFont()
    expect(drawable('𠀀香公馆😀')).toBe('□香公馆□')
    expect(drawable('二期\u200d\ufe0f\n一区')).toBe('二期 一区')
    expect(drawable('3-1-1201 ¥ ㎡ ＡＢ１２')).toBe('3-1-1201 ¥ ㎡ ＡＢ１２')
  })
})
