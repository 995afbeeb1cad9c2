import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { signatureMatches } from './signature.ts'

const body = new TextEncoder().encode('The quick brown fox jumps over the lazy dog')
// The well-known HMAC-SHA1 example (key "key"), computed independently of the code under test.
const KNOWN = 'sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9'

describe('signatureMatches', () => {
  it('accepts the HMAC-SHA1 of the raw body, in either hex case', () => {
    expect(createHmac('sha1', 'key').update(body).digest('hex')).toBe(KNOWN.slice(5))
    expect(signatureMatches(body, KNOWN, 'key')).toBe(true)
    expect(signatureMatches(body, KNOWN.toUpperCase().replace('SHA1=', 'sha1='), 'key')).toBe(true)
  })

  it('refuses another secret, another body, a short header and a bare digest without throwing', () => {
    expect(signatureMatches(body, KNOWN, 'other')).toBe(false)
    expect(signatureMatches(new TextEncoder().encode('x'), KNOWN, 'key')).toBe(false)
    expect(signatureMatches(body, 'sha1=de7c', 'key')).toBe(false)
    expect(signatureMatches(body, KNOWN.slice(5), 'key')).toBe(false)
  })
})
