import { maskPhonesIn, SHOWN_AS_TYPED } from '../domain/phone.ts'

/**
 * The last gate before a group: any mainland mobile number still in full — typed by someone and echoed back, in a
 * 公告, a fine's note, a lock reason, or a reply that forgot to mask — is masked to `138****5678`, however it is
 * written (domain/phone.ts findPhones). Replies mask on their own (phoneIn); this makes the rule hold for every text
 * that reaches a group, whatever a future message forgets. The reserved example numbers stay as typed.
 */
export function maskPhonesInText(text: string): string {
  return maskPhonesIn(text, SHOWN_AS_TYPED)
}
