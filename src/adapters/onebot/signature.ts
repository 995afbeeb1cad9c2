import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Checks OneBot's `X-Signature: sha1=<hex>` (HMAC-SHA1 of the raw body with the configured secret) in constant time.
 * The length check first only reveals the length, which is public: a SHA-1 hex digest is always 40 characters.
 */
export function signatureMatches(body: Uint8Array, header: string, secret: string): boolean {
  const expected = Buffer.from(`sha1=${createHmac('sha1', secret).update(body).digest('hex')}`)
  const given = Buffer.from(header.trim().toLowerCase())
  return given.length === expected.length && timingSafeEqual(given, expected)
}
