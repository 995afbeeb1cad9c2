import type { LeadOutcome } from '../../app/assign-lead.ts'
import type { CheckInOutcome } from '../../app/check-in.ts'
import type { RotationBoard } from '../../app/show-rotation.ts'
import { SKIP_REASONS } from './desk.ts'
import { phoneIn, type View } from './format.ts'

/** Check-in, walk-ins and calls, and the rotation board (R1, R3). */

export function checkInText(who: { name: string; agencyName: string | null }, o: CheckInOutcome): string {
  const d = o.localDate.slice(5)
  return o.kind === 'already'
    ? `${who.name}今天（${d}）已经签到过了。`
    : `${who.name}（${who.agencyName ?? ''}）签到成功：${d}。证据 ${o.auditCode}`
}

const LEAD_WORD = { 'walk-in': '来访', call: '来电' } as const

/** The secretary's answer to 来访/来电: to whom the lead went and why, the skips with their reasons. */
export function leadAssignedText(kind: 'walk-in' | 'call', name: string | null, o: LeadOutcome, v: View): string {
  const who = o.phone ? `${name ?? '客户'} ${phoneIn(o.phone, v)}` : (name ?? '客户')
  const skipped = o.skipped.length
    ? `；轮空：${o.skipped.map((s) => `${s.agencyName}（${SKIP_REASONS[s.reason] ?? s.reason}）`).join('、')}`
    : ''
  const how =
    o.via === 'owner'
      ? `该客户在 ${o.agencyName} 保护期内，归原分销，不占轮次`
      : `按轮排（R3）分配给 ${o.agencyName}${skipped}`
  return `${LEAD_WORD[kind]}：${who} ${how}${o.filingCode ? `，已报备 ${o.filingCode}` : ''}。证据 ${o.auditCode}`
}

/** 轮排: who is next, the order, and today's turns and skips per agency. */
export function rotationText(b: RotationBoard): string {
  if (b.queue.length === 0) return '还没有分销，无法轮排。'
  const next = b.queue.find((q) => q.checkedIn)
  const lines = b.today.map((t) => {
    const parts = [`分配 ${t.assigned}`, `轮空 ${t.skipped}`]
    if (t.owner) parts.push(`保护期客户 ${t.owner}`)
    const why = t.reasons.map((r) => SKIP_REASONS[r] ?? r).join('、')
    return `${t.name}：${parts.join('，')}${why ? `（${why}）` : ''}`
  })
  return [
    `轮排（${b.localDate.slice(5)}）下一位：${next ? next.name : '无（今日还没有分销签到）'}`,
    `顺序：${b.queue.map((q) => `${q.name}${q.checkedIn ? '' : '（未签到）'}`).join(' → ')}`,
    ...lines,
  ].join('\n')
}
