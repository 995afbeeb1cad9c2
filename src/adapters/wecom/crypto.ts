import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * WeCom's callback crypto (加解密方案说明, the WXBizMsgCrypt libraries): AES-256-CBC with key =
 * base64(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding to 32-byte blocks; the plaintext is
 * 16 random bytes, a 4-byte big-endian length, the message and the receive id (the empty string for an intelligent
 * robot, per 智能机器人 回调和回复的加解密方案).
 */
export type DecryptFailure = 'base64' | 'blocks' | 'padding' | 'length' | 'encoding' | 'receive-id'

const BLOCK = 32

/** The 32-byte AES key from the 43-character EncodingAESKey. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64')
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey) || key.length !== 32) {
    throw new Error('EncodingAESKey must be 43 base64 characters')
  }
  return key
}

/** msg_signature: SHA-1 hex of token, timestamp, nonce and the ciphertext, sorted and concatenated. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex')
}

/** Compares a received msg_signature with the expected one in constant time (length-safe). */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected)
  const b = Buffer.from(given.toLowerCase())
  return a.length === b.length && timingSafeEqual(a, b)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

export function decrypt(
  key: Buffer,
  encrypted: string,
  receiveId: string,
): { ok: true; message: string } | { ok: false; failure: DecryptFailure } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted) || encrypted.length % 4 !== 0) return failed('base64')
  const cipherText = Buffer.from(encrypted, 'base64')
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) return failed('blocks')

  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(cipherText), decipher.final()])

  const pad = plain[plain.length - 1] ?? 0
  if (pad < 1 || pad > BLOCK || pad > plain.length) return failed('padding')
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return failed('padding')

  const content = plain.subarray(16, plain.length - pad)
  if (content.length < 4) return failed('length')
  const length = content.readUInt32BE(0)
  if (length > content.length - 4) return failed('length')
  const id = content.subarray(4 + length)
  if (!id.equals(Buffer.from(receiveId))) return failed('receive-id')
  try {
    return { ok: true, message: utf8.decode(content.subarray(4, 4 + length)) }
  } catch {
    return failed('encoding')
  }
}

export function encrypt(key: Buffer, message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  const body = Buffer.from(message)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const content = Buffer.concat([random, length, body, Buffer.from(receiveId)])
  const pad = BLOCK - (content.length % BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  )
}

const failed = (failure: DecryptFailure) => ({ ok: false, failure }) as const
