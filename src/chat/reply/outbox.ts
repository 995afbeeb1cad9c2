import type { OutboxStatus } from '../../app/ports.ts'
import type { Platform } from '../../domain/platform.ts'
import { dateTime } from './format.ts'

/** How a merged message names whom each part answers, where the platform has no mention of its own. */
export const ATTRIBUTION = (name: string) => `@${name} `

/** A message that starts one edit away from a command word. */
export const DID_YOU_MEAN = (word: string) => `你是不是要发送“${word}”？`

const PLATFORM_NAMES: Record<Platform, string> = {
  onebot: 'QQ',
  telegram: 'Telegram',
  wecom: '企业微信',
  console: '控制台',
}

/** Told once to the admins when a platform has been failing for a while. */
export const PLATFORM_DOWN = (platform: Platform, since: Date, reason: string, tz: string) =>
  `【发送故障】${PLATFORM_NAMES[platform]} 从 ${dateTime(since, tz)} 起一直发送失败（${reason.slice(0, 120)}）。` +
  '消息都保留在发件箱里，恢复后按顺序补发。发送“/发件箱”查看，“/发件箱 重发”立即重试。'

export function outboxStatusText(s: OutboxStatus, tz: string): string {
  if (s.pending === 0 && s.failed === 0) return '发件箱是空的：所有消息都已发出。'
  const lines = [`发件箱：${s.pending} 条等待发送，${s.failed} 条发送失败。`]
  for (const c of s.chats) {
    const where = `${PLATFORM_NAMES[c.platform]} ${c.target.kind === 'group' ? '群' : c.target.kind === 'direct' ? '私聊' : '回复'} ${c.target.id.slice(0, 24)}`
    const state = [
      c.pending > 0 ? `${c.pending} 条等待` : '',
      c.failed > 0 ? `${c.failed} 条失败` : '',
      c.attempts > 0 ? `已重试 ${c.attempts} 次` : '',
      c.nextAt && c.attempts > 0 ? `下次 ${dateTime(c.nextAt, tz)}` : '',
    ].filter(Boolean)
    lines.push(`· ${where}：${state.join('，')}${c.lastError ? `（${c.lastError.slice(0, 80)}）` : ''}`)
  }
  if (s.failed > 0) lines.push('发送“/发件箱 重发”把失败的消息立即重发。')
  return lines.join('\n')
}

export const OUTBOX_RETRIED = (n: number) => (n === 0 ? '没有需要重发的消息。' : `已安排立即重发 ${n} 条消息。`)
