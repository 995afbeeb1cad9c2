/**
 * What an outbound message may carry beside its text. The text is always there and always enough on its own: it is
 * the caption of a picture, the words under buttons, and the fallback wherever a platform cannot show a part. A
 * sender shows the parts it can and drops the rest, so a new kind of part never breaks an old sender.
 * Bytes travel base64 in the outbox row (a board picture is well under 1 MB), so what is sent is what was drawn when
 * the command ran, even when it goes out later.
 */
export type StoredPart = ImagePart | DocumentPart | ButtonsPart

/** A picture (the 销控 board): PNG bytes, base64. */
export interface ImagePart {
  kind: 'image'
  mime: 'image/png'
  base64: string
}

/** A file for one person (an export), base64; only ever queued for a direct chat. */
export interface DocumentPart {
  kind: 'document'
  fileName: string
  mime: string
  base64: string
  /** The one-time download link for platforms that cannot take a file (always shown in the console). */
  link?: string
  /** The words to send with the file where the file itself is delivered (the message text also carries the link). */
  caption?: string
}

/** Buttons under the text; a press runs `command` as if the person who pressed it had typed it. */
export interface ButtonsPart {
  kind: 'buttons'
  buttons: { label: string; command: string }[]
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The first part of a kind, typed. */
export function partOf<K extends StoredPart['kind']>(
  parts: readonly StoredPart[] | undefined,
  kind: K,
): Extract<StoredPart, { kind: K }> | undefined {
  return parts?.find((p): p is Extract<StoredPart, { kind: K }> => p.kind === kind)
}
