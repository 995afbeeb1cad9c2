import { createCipheriv, createDecipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { aesKeyOf, decrypt, encrypt, msgSignature, signatureMatches } from './crypto.ts'

// WeCom's published WXBizMsgCrypt sample (加解密方案说明 举例说明; Sample.cs / Sample.py of the official libraries).
const TOKEN = 'QDG6eK'
const ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'
const RECEIVE_ID = 'wx5823bf96d3bd56c7'
const POST_SAMPLE = {
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
}
const VERIFY_URL_SAMPLE = {
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
}
const key = aesKeyOf(ENCODING_AES_KEY)

/** AES-256-CBC over exactly these bytes, so a test can forge padding and length fields. */
function rawEncrypt(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}
function rawDecrypt(encrypted: string): Buffer {
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()])
}
/** random(16) + length + message + receive id, padded with `padBytes` as given. */
function frame(message: string, receiveId: string, lengthField?: number): Buffer {
  const body = Buffer.from(message)
  const length = Buffer.alloc(4)
  length.writeUInt32BE(lengthField ?? body.length)
  return Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(receiveId)])
}
const padTo32 = (content: Buffer, padByte?: number) => {
  const pad = 32 - (content.length % 32)
  return Buffer.concat([content, Buffer.alloc(pad, padByte ?? pad)])
}

describe('WeCom crypto with the published test vectors', () => {
  it('computes the published msg_signature of the sample callback', () => {
    const { timestamp, nonce, encrypt: enc } = POST_SAMPLE
    expect(msgSignature(TOKEN, timestamp, nonce, enc)).toBe(POST_SAMPLE.msgSignature)
    expect(signatureMatches(msgSignature(TOKEN, timestamp, nonce, enc), POST_SAMPLE.msgSignature)).toBe(true)
  })

  it('decrypts the sample callback to its published plaintext, MsgId beyond 2^53 intact as text', () => {
    const opened = decrypt(key, POST_SAMPLE.encrypt, RECEIVE_ID)
    if (!opened.ok) throw new Error(opened.failure)
    expect(opened.message).toContain('<ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>')
    expect(opened.message).toContain('<FromUserName><![CDATA[mycreate]]></FromUserName>')
    expect(opened.message).toContain('<Content><![CDATA[hello]]></Content>')
    expect(opened.message).toContain('<MsgId>4561255354251345929</MsgId>')
    expect(opened.message).toContain('<AgentID>218</AgentID>')
  })

  it('verifies and decrypts the published URL-verification echostr', () => {
    const { timestamp, nonce, echostr } = VERIFY_URL_SAMPLE
    expect(msgSignature(TOKEN, timestamp, nonce, echostr)).toBe(VERIFY_URL_SAMPLE.msgSignature)
    expect(decrypt(key, echostr, RECEIVE_ID)).toEqual({ ok: true, message: '1616140317555161061' })
  })

  it('re-encrypts the sample plaintext with its own random bytes to the published ciphertext, byte for byte', () => {
    const random = rawDecrypt(POST_SAMPLE.encrypt).subarray(0, 16)
    const opened = decrypt(key, POST_SAMPLE.encrypt, RECEIVE_ID)
    if (!opened.ok) throw new Error(opened.failure)
    expect(encrypt(key, opened.message, RECEIVE_ID, random)).toBe(POST_SAMPLE.encrypt)
  })

  it('refuses a tampered signature, one character off or cut short', () => {
    const { timestamp, nonce, encrypt: enc } = POST_SAMPLE
    const expected = msgSignature(TOKEN, timestamp, nonce, enc)
    expect(signatureMatches(expected, `${POST_SAMPLE.msgSignature.slice(0, -1)}0`)).toBe(false)
    expect(signatureMatches(expected, POST_SAMPLE.msgSignature.slice(0, 20))).toBe(false)
    expect(signatureMatches(msgSignature(TOKEN, timestamp, nonce, `${enc.slice(0, -3)}A==`), expected)).toBe(false)
  })

  it('refuses the published ciphertext for another receive id (an intelligent robot expects "")', () => {
    expect(decrypt(key, POST_SAMPLE.encrypt, '')).toEqual({ ok: false, failure: 'receive-id' })
    expect(decrypt(key, VERIFY_URL_SAMPLE.echostr, 'wx5823bf96d3bd56c8')).toEqual({ ok: false, failure: 'receive-id' })
  })

  it.each([
    ['a pad byte of 0', padTo32(frame('{"a":1}', ''), 0)],
    ['a pad byte above 32', Buffer.concat([frame('x'.repeat(43), ''), Buffer.alloc(1, 33)])],
    [
      'pad bytes that disagree',
      (() => {
        const b = padTo32(frame('{"a":1}', ''))
        b[b.length - 2] = 1
        return b
      })(),
    ],
  ])('refuses %s as bad padding', (_name, plain) => {
    expect(plain.length % 16).toBe(0)
    expect(decrypt(key, rawEncrypt(plain), '')).toEqual({ ok: false, failure: 'padding' })
  })

  it('refuses a length field that runs past the content', () => {
    expect(decrypt(key, rawEncrypt(padTo32(frame('{"a":1}', '', 4096))), '')).toEqual({ ok: false, failure: 'length' })
    expect(decrypt(key, rawEncrypt(Buffer.alloc(32, 16)), '')).toEqual({ ok: false, failure: 'length' })
  })

  it('refuses text that is not base64 and ciphertext that is not whole blocks', () => {
    expect(decrypt(key, 'not base64!', '')).toEqual({ ok: false, failure: 'base64' })
    expect(decrypt(key, Buffer.alloc(20).toString('base64'), '')).toEqual({ ok: false, failure: 'blocks' })
  })

  it('round-trips Chinese text with an empty receive id, padded to whole 32-byte blocks', () => {
    const message = JSON.stringify({ text: { content: '报备 张三 13812345678' } })
    const enc = encrypt(key, message, '')
    const plain = rawDecrypt(enc)
    const pad = plain[plain.length - 1] ?? 0
    expect(plain.length % 32).toBe(0)
    expect(pad).toBeGreaterThanOrEqual(1)
    expect(pad).toBeLessThanOrEqual(32)
    expect(decrypt(key, enc, '')).toEqual({ ok: true, message })
  })

  it('refuses an EncodingAESKey that is not 43 characters', () => {
    expect(() => aesKeyOf(ENCODING_AES_KEY.slice(1))).toThrow('43')
  })
})
