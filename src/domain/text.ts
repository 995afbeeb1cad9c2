/**
 * The one full-width folding: full-width ASCII forms (U+FF01–FF5E: `１２`, `Ａ`, `：`, `，`, `－`, `／`) to ASCII and the
 * ideographic space to a space, one character for one, so offsets into the input stay valid. Phones have their own
 * wider reading (NFKC, every Unicode digit) in phone.ts; everything else that reads typed words uses this.
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  )
}
