/**
 * The last gate before a group: any mainland mobile number still in full — typed by someone and echoed back, or in a
 * reply that forgot to mask — is masked to `138****5678`. Replies mask on their own (phoneIn); this makes the rule
 * hold for every text that reaches a group, whatever a future message forgets.
 */
const MOBILE_IN_TEXT = /(?<![\d*])(?:\+?86[\s-]?)?(1[3-9]\d)((?:[\s-]?\d){4})((?:[\s-]?\d){4})(?![\d*])/g

export function maskPhonesInText(text: string): string {
  return text.replace(
    MOBILE_IN_TEXT,
    (_m, head: string, _mid: string, tail: string) => `${head}****${tail.replace(/\D/g, '')}`,
  )
}
