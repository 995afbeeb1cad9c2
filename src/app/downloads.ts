import { createHash, randomBytes } from 'node:crypto'
import { auditBase } from './audit.ts'
import type { CommandContext, DownloadRecord, Tx } from './ports.ts'

/** How long a download link works (and it works once). */
export const DOWNLOAD_VALID_MS = 24 * 3_600_000

/** Only the token's hash is stored: someone reading the database cannot turn a row into a working link. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

export interface Offered {
  token: string
  expiresAt: Date
  auditCode: string
}

/**
 * An export for the person who asked: stored behind an unguessable one-time token (192 random bits) valid 24 hours,
 * and audited (what, for whom; the file's size and sha256, so a disputed copy can be checked against the record).
 */
export async function offerDownload(
  tx: Tx,
  ctx: CommandContext,
  file: { kind: string; fileName: string; mime: string; bytes: Buffer },
  token: string = randomBytes(24).toString('base64url'),
): Promise<Offered> {
  const expiresAt = new Date(ctx.now.getTime() + DOWNLOAD_VALID_MS)
  const id = await tx.downloads.add({
    projectId: ctx.project.id,
    tokenHash: tokenHash(token),
    fileName: file.fileName,
    mime: file.mime,
    content: file.bytes.toString('base64'),
    forIdentity: ctx.actor.identity,
    createdAt: ctx.now,
    expiresAt,
  })
  const auditCode = await tx.audit.append({
    ...auditBase(ctx),
    action: 'export.create',
    subject: `download:${id}`,
    data: {
      kind: file.kind,
      fileName: file.fileName,
      bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      expiresAt: expiresAt.toISOString(),
    },
  })
  return { token, expiresAt, auditCode }
}

/** A click on a download link: the file, once, within its 24 hours; the download is audited. */
export async function takeDownload(
  tx: Tx,
  token: string,
  now: Date,
  client: string | null,
): Promise<DownloadRecord | null> {
  if (!/^[\w-]{16,64}$/.test(token)) return null
  const d = await tx.downloads.take(tokenHash(token), now)
  if (!d) return null
  await tx.audit.append({
    projectId: d.projectId,
    at: now,
    actor: d.forIdentity,
    actorStaffId: null,
    action: 'export.download',
    subject: `download:${d.id}`,
    data: { fileName: d.fileName, client },
    source: null,
  })
  return d
}
