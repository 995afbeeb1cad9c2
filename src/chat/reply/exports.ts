import { dateTime } from './format.ts'

/** What `导出 <什么>` exports, as people name it. */
export const EXPORT_KIND = { commission: '佣金', fines: '罚款', filings: '报备', board: '销控' } as const
export type ExportKind = keyof typeof EXPORT_KIND

/** The file's name: project, what, and the month (the board: the day it was taken). */
export const exportFileName = (project: string, kind: ExportKind, period: string) =>
  `${project}-${EXPORT_KIND[kind]}-${period}.xlsx`

/** Typed in a group: a spreadsheet of figures and phone numbers goes only to the person, directly. */
export const EXPORT_DIRECT_ONLY = (kind: ExportKind | null) =>
  `导出的表格只在私聊中发送：请私聊机器人发送“导出${kind ? ` ${EXPORT_KIND[kind]}` : ' 佣金'}”。`

/** The caption where the platform takes the file itself. */
export const EXPORT_CAPTION = (kind: ExportKind, period: string, fileName: string, auditCode: string) =>
  `已导出 ${EXPORT_KIND[kind]} ${period}：${fileName}。证据 ${auditCode}`

/** The reply: the caption and the one-time link (the console always, other platforms when they cannot take a file). */
export const EXPORT_READY = (
  kind: ExportKind,
  period: string,
  fileName: string,
  auditCode: string,
  link: string,
  expiresAt: Date,
  tz: string,
) =>
  [
    EXPORT_CAPTION(kind, period, fileName, auditCode),
    `下载链接（只能下载一次，${dateTime(expiresAt, tz)} 前有效）：${link}`,
  ].join('\n')

/** A download link that is unknown, used or past its 24 hours. */
export const DOWNLOAD_GONE =
  '下载链接无效、已使用或已过期（每个链接 24 小时内只能下载一次）。请私聊机器人重新发送“导出 …”。'
