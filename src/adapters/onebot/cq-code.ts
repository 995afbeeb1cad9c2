/** A OneBot v11 message segment (array format). Values are kept as strings whatever type the implementation sent. */
export interface Segment {
  type: string
  data: Record<string, string>
}

const ENTITY: Record<string, string> = { '&amp;': '&', '&#91;': '[', '&#93;': ']', '&#44;': ',' }

/** One pass, so `&amp;#91;` becomes the literal `&#91;` and is not unescaped twice. */
export const unescapeCq = (s: string) => s.replace(/&(?:amp|#91|#93|#44);/g, (m) => ENTITY[m] ?? m)

/**
 * Parses the string (CQ code) message format of OneBot v11: plain text with `[CQ:type,key=value,…]` codes. Per the
 * spec the type runs to the first `,` or `]`, parameters split on `,`, and each name ends at its first `=`.
 */
export function parseCqString(message: string): Segment[] {
  const segments: Segment[] = []
  const code = /\[CQ:([^,\]]+)((?:,[^\]]*)?)\]/g
  let last = 0
  for (const m of message.matchAll(code)) {
    if (m.index > last) segments.push(textSegment(message.slice(last, m.index)))
    const data: Record<string, string> = {}
    for (const param of (m[2] ?? '').split(',').slice(1)) {
      const eq = param.indexOf('=')
      if (eq > 0) data[param.slice(0, eq)] = unescapeCq(param.slice(eq + 1))
    }
    segments.push({ type: m[1] ?? '', data })
    last = m.index + m[0].length
  }
  if (last < message.length) segments.push(textSegment(message.slice(last)))
  return segments
}

const textSegment = (raw: string): Segment => ({ type: 'text', data: { text: unescapeCq(raw) } })
