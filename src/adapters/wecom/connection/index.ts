export { type Ack, createWecomConnection, type PushBody, type ReplyBody, type WecomConnection } from './client.ts'
export { decodeFrame, parseReplyTarget, replyTarget } from './decode.ts'
export { CONNECTION_LIMITS, connectionPacing, createWecomConnectionSender } from './sender.ts'
