/** Errors of the rule modules (rotation, attendance, units, deposits, subscriptions, commission, fines, limits). */
export type FeatureError = never
