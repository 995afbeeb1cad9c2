import { usage } from '../args.ts'
import type { Command } from '../command.ts'
import { OUTBOX_RETRIED, outboxStatusText } from '../reply/outbox.ts'

export const outboxCommand: Command = {
  id: 'outbox',
  names: ['发件箱', 'outbox'],
  roles: ['admin'],
  topic: '设置',
  rules: [],
  example: '/发件箱',
  needsProject: false,
  subcommands: [{ key: 'retry', names: ['重发', 'retry'], id: 'outbox.retry', example: '/发件箱 重发' }],
  async run(tx, ctx, args) {
    if (args.length === 0) return outboxStatusText(await tx.outbox.status(ctx.now), ctx.view.tz)
    if (args[0] === 'retry' && args.length === 1) return OUTBOX_RETRIED(await tx.outbox.retryNow(ctx.now))
    return usage(this)
  },
}
