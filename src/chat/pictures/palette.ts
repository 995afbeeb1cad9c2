import type { UnitStatus } from '../../domain/unit.ts'

/**
 * The board's status colours, after the 销控表 convention people know (可售 green, 已定 yellow, 认购 blue, 签约 red,
 * 锁定 grey). Each fill is dark or light enough for its text colour to reach WCAG AA (4.5:1), and each cell also
 * prints its status name, so a reader who cannot tell red from green still reads the board.
 */
export const STATUS_COLORS: Record<UnitStatus, { fill: string; text: string }> = {
  available: { fill: '#15803d', text: '#ffffff' },
  held: { fill: '#fbbf24', text: '#1f2937' },
  subscribed: { fill: '#1d4ed8', text: '#ffffff' },
  signed: { fill: '#b91c1c', text: '#ffffff' },
  locked: { fill: '#4b5563', text: '#ffffff' },
}

export const PAGE = {
  background: '#ffffff',
  ink: '#111827',
  muted: '#4b5563',
  rule: '#d1d5db',
  /** A room a floor does not have. */
  hole: '#f3f4f6',
  panel: '#f9fafb',
} as const
