/** The chat platforms Anchang speaks on; an identity is `platform:userId` (as in ANCHANG_ADMINS). */
export const PLATFORMS = ['telegram', 'onebot', 'wecom', 'console'] as const
export type Platform = (typeof PLATFORMS)[number]

export const identityOf = (platform: Platform, userId: string) => `${platform}:${userId}`
