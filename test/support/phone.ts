import { normalizePhone, type Phone } from '../../src/domain/phone.ts'

/** A `Phone` for tests that call a use case directly (commands parse it; here the test does). */
export function phone(typed: string): Phone {
  const parsed = normalizePhone(typed)
  if (!parsed.ok) throw new Error(`not a phone: ${typed}`)
  return parsed.value
}
