/** A multipart/form-data body split into its fields (enough for what grammY uploads; undici refuses its framing). */
export function multipartFields(body: Buffer, contentType: string): Map<string, { filename?: string; data: Buffer }> {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2]
  if (!boundary) throw new Error(`no boundary in ${contentType}`)
  const fields = new Map<string, { filename?: string; data: Buffer }>()
  const sep = Buffer.from(`--${boundary}`)
  let at = body.indexOf(sep)
  while (at >= 0) {
    const next = body.indexOf(sep, at + sep.length)
    if (next < 0) break
    const part = body.subarray(at + sep.length, next)
    const headEnd = part.indexOf('\r\n\r\n')
    if (headEnd >= 0) {
      const head = part.subarray(0, headEnd).toString()
      const name = /name="([^"]*)"/.exec(head)?.[1]
      const filename = /filename="([^"]*)"/.exec(head)?.[1]
      let data = part.subarray(headEnd + 4)
      if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2)
      if (name) fields.set(name, { ...(filename !== undefined ? { filename } : {}), data })
    }
    at = next
  }
  return fields
}
