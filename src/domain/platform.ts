/** The chat platforms Anchang speaks on; an identity is `platform:userId` (as in ANCHANG_ADMINS). */
export const PLATFORMS = ['telegram', 'onebot', 'wecom', 'console'] as const
export type Platform = (typeof PLATFORMS)[number]

export const identityOf = (platform: Platform, userId: string) => `${platform}:${userId}`

/** One chat the bot writes to, as a key: `platform:targetKind:targetId` (the outbox paces and orders per key). */
export const chatKeyOf = (c: { platform: Platform; target: { kind: string; id: string } }) =>
  `${c.platform}:${c.target.kind}:${c.target.id}`
