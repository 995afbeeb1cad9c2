import type { Command } from '../command.ts'
import { OUTBOX_RETRIED, OUTBOX_USAGE, outboxStatusText } from '../reply/outbox.ts'

export const outboxCommand: Command = {
  names: ['outbox', '发件箱'],
  roles: ['admin'],
  needsProject: false,
  usage: '/outbox ｜ /outbox retry',
  example: '/outbox',
  summary: '查看等待发送和发送失败的消息；把失败的消息立即重发',
  async run(tx, ctx, args) {
    if (args.length === 0) return outboxStatusText(await tx.outbox.status(ctx.now), ctx.view.tz)
    if (args[0]?.toLowerCase() === 'retry' || args[0] === '重发')
      return OUTBOX_RETRIED(await tx.outbox.retryNow(ctx.now))
    return OUTBOX_USAGE
  },
}
