/**
 * JSON.parse that keeps integers beyond 2^53 exact by turning them into strings. OneBot implementations disagree on
 * id sizes (LLOneBot has sent 19-digit message ids), and a double would silently round them.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  // Parse the original first: it validates, and most bodies need no rewrite.
  const plain: unknown = JSON.parse(text)
  const rewritten = quoteUnsafeIntegers(text)
  return rewritten === text ? plain : JSON.parse(rewritten)
}

function quoteUnsafeIntegers(text: string): string {
  let out = ''
  let copied = 0
  let i = 0
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    if (ch === 0x22) {
      i = endOfString(text, i)
      continue
    }
    if (ch === 0x2d || isDigit(ch)) {
      let j = i + 1
      while (j < text.length && isDigit(text.charCodeAt(j))) j++
      const integer = !/[.eE]/.test(text[j] ?? '')
      if (integer && !Number.isSafeInteger(Number(text.slice(i, j)))) {
        out += `${text.slice(copied, i)}"${text.slice(i, j)}"`
        copied = j
      }
      while (j < text.length && /[0-9.eE+-]/.test(text[j] ?? '')) j++
      i = j
      continue
    }
    i++
  }
  return copied === 0 ? text : out + text.slice(copied)
}

function endOfString(text: string, open: number): number {
  let i = open + 1
  while (i < text.length) {
    const ch = text.charCodeAt(i)
    if (ch === 0x5c) i += 2
    else if (ch === 0x22) return i + 1
    else i++
  }
  return i
}

const isDigit = (ch: number) => ch >= 0x30 && ch <= 0x39
