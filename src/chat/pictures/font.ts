import { createRequire } from 'node:module'
import { GlobalFonts } from '@napi-rs/canvas'
import * as fontkit from 'fontkit'
import type { Weight } from './scene.ts'

/**
 * The pictures' only font: Noto Sans SC (SIL OFL) from the npm package @expo-google-fonts/noto-sans-sc, whose static
 * TTFs hold the whole font (30,890 characters: GB 18030's common set, Latin, full-width forms). Nothing comes from the
 * machine's fonts and nothing is downloaded: the files are in node_modules after `npm ci`.
 */
export const FONT_FAMILY = 'Anchang Noto Sans SC'

const require = createRequire(import.meta.url)
export const FONT_FILES: Record<Weight, string> = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
}

/** Drawn where a character is not in the font (U+25A1, in the font), so no installed font is ever asked for one. */
export const MISSING = '□'

export interface PictureFont {
  family: string
  /** Whether every weight's cmap maps the code point to a glyph. */
  covers(codePoint: number): boolean
  /** The text with line breaks as spaces, invisible marks the font lacks dropped and other missing characters as □. */
  drawable(text: string): string
}

let loaded: PictureFont | null = null

/** Registers the font with the canvas once per process and reads which characters it has from its cmap (fontkit). */
export function pictureFont(): PictureFont {
  if (loaded) return loaded
  const sets = Object.values(FONT_FILES).map((file) => {
    if (!GlobalFonts.registerFromPath(file, FONT_FAMILY)) throw new Error(`font not registered: ${file}`)
    const font = fontkit.openSync(file)
    if (!('characterSet' in font)) throw new Error(`not a single font: ${file}`)
    return new Set(font.characterSet)
  })
  const covers = (cp: number) => sets.every((s) => s.has(cp))
  const drawable = (text: string) => {
    let out = ''
    for (const ch of text.replace(/[\r\n\t\u2028\u2029]+/g, ' ')) {
      const cp = ch.codePointAt(0) as number
      if (covers(cp)) out += ch
      else if (!/[\p{M}\p{Cf}\p{Cc}]/u.test(ch)) out += MISSING
    }
    return out
  }
  loaded = { family: FONT_FAMILY, covers, drawable }
  return loaded
}
