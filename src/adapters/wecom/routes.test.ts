import { createCipheriv } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { IncomingMessage, Receipt } from '../../chat/incoming.ts'
import { aesKeyOf, encrypt, msgSignature } from './crypto.ts'
import { wecomRoutes } from './routes.ts'

const TOKEN = 'QDG6eK'
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C'
const key = aesKeyOf(AES_KEY)
// An intelligent robot: receive id "" (智能机器人 回调和回复的加解密方案).
const robotConfig = { token: TOKEN, aesKey: AES_KEY, receiveId: '' }

const callback = {
  msgid: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAAxxxxxxxxxxxx',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  response_url: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSE_CODE',
  msgtype: 'text',
  text: { content: '@RobotA 签到' },
}

function setup(receipt: () => Promise<Receipt> = async () => ({ kind: 'handled' }), config = robotConfig) {
  const received: IncomingMessage[] = []
  const logged: { event: string; fields: Record<string, unknown> }[] = []
  const app = wecomRoutes({
    config,
    receive: async (m) => {
      received.push(m)
      return receipt()
    },
    log: (event, fields) => logged.push({ event, fields }),
    // WeCom's published samples are signed at these seconds (2014-09-02); the routes' clock stands just after.
    now: () => 1409659813_000,
  })
  return { app, received, logged }
}

/** A POST as WeCom sends it: the encrypted JSON in `encrypt`, signature parameters in the query. */
function signedPost(encrypted: string, over: { signature?: string; body?: string } = {}) {
  const timestamp = '1409659813'
  const nonce = '1372623149'
  const signature = over.signature ?? msgSignature(TOKEN, timestamp, nonce, encrypted)
  const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce })
  return new Request(`http://localhost/?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: over.body ?? JSON.stringify({ encrypt: encrypted }),
  })
}

describe('GET / (URL verification)', () => {
  const sample = {
    msg_signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    timestamp: '1409659589',
    nonce: '263014780',
    echostr: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  }
  const { app } = setup(undefined, { ...robotConfig, receiveId: 'wx5823bf96d3bd56c7' })

  it('answers the published echostr sample with its plaintext, unquoted', async () => {
    const res = await app.request(`/?${new URLSearchParams(sample)}`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('1616140317555161061')
  })

  it('copes with a + that arrived unescaped and was decoded to a space', async () => {
    const raw = Object.entries(sample)
      .map(([k, v]) => `${k}=${v.replace(/\//g, '%2F').replace(/=/g, '%3D')}`)
      .join('&')
    const res = await app.request(`/?${raw}`)
    expect(await res.text()).toBe('1616140317555161061')
  })

  it('refuses a tampered signature with 403, a missing one with 401 and a missing echostr with 400', async () => {
    const tampered = { ...sample, msg_signature: `${sample.msg_signature.slice(0, -1)}4` }
    expect((await app.request(`/?${new URLSearchParams(tampered)}`)).status).toBe(403)
    const { msg_signature: _, ...unsigned } = sample
    expect((await app.request(`/?${new URLSearchParams(unsigned)}`)).status).toBe(401)
    const { echostr: __, ...noEcho } = sample
    expect((await app.request(`/?${new URLSearchParams(noEcho)}`)).status).toBe(400)
  })

  it('refuses an echostr encrypted for another receive id with 400', async () => {
    const { app: robot } = setup()
    expect((await robot.request(`/?${new URLSearchParams(sample)}`)).status).toBe(400)
  })
})

describe('POST / (message callback)', () => {
  it('decrypts a signed callback, passes it to receive and answers an empty 200', async () => {
    const { app, received } = setup()
    const res = await app.request(signedPost(encrypt(key, JSON.stringify(callback), '')))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('')
    expect(received).toEqual([
      {
        platform: 'wecom',
        eventId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
        chat: { kind: 'group', id: 'wrkSFfCgAAxxxxxxxxxxxx' },
        sender: { userId: 'zhangsan' },
        text: '签到',
        mentionsBot: true,
        replyVia: { kind: 'response', id: callback.response_url },
      },
    ])
  })

  it('refuses a tampered signature with 403 and a missing one with 401, without decrypting', async () => {
    const { app, received, logged } = setup()
    const enc = encrypt(key, JSON.stringify(callback), '')
    const good = msgSignature(TOKEN, '1409659813', '1372623149', enc)
    // The ciphertext is random, so flip the first hex digit to one it surely is not.
    const tampered = `${good.startsWith('0') ? '1' : '0'}${good.slice(1)}`
    expect((await app.request(signedPost(enc, { signature: tampered }))).status).toBe(403)
    const unsigned = new Request('http://localhost/?timestamp=1&nonce=2', {
      method: 'POST',
      body: JSON.stringify({ encrypt: enc }),
    })
    expect((await app.request(unsigned)).status).toBe(401)
    expect(received).toEqual([])
    expect(logged.map((l) => l.event)).toEqual(['wecom.signature_wrong'])
  })

  it('refuses a correctly signed ciphertext for another receive id with 400', async () => {
    const { app, received, logged } = setup()
    const res = await app.request(signedPost(encrypt(key, JSON.stringify(callback), 'wx5823bf96d3bd56c7')))
    expect(res.status).toBe(400)
    expect(received).toEqual([])
    expect(logged).toEqual([{ event: 'wecom.decrypt_failed', fields: { failure: 'receive-id' } }])
  })

  it('refuses a correctly signed ciphertext with bad padding with 400', async () => {
    const { app, received, logged } = setup()
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
    cipher.setAutoPadding(false)
    const plain = Buffer.alloc(64, 0) // a pad byte of 0
    const enc = Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
    expect((await app.request(signedPost(enc))).status).toBe(400)
    expect(received).toEqual([])
    expect(logged).toEqual([{ event: 'wecom.decrypt_failed', fields: { failure: 'padding' } }])
  })

  it('answers 413 for a body over 64 KB and 400 for a body that is not the envelope', async () => {
    const { app, received } = setup()
    const big = JSON.stringify({ encrypt: 'A'.repeat(64 * 1024) })
    expect((await app.request(signedPost('A'.repeat(64 * 1024), { body: big }))).status).toBe(413)
    expect((await app.request(signedPost('x', { body: '{"encrypt":' }))).status).toBe(400)
    expect((await app.request(signedPost('x', { body: '{"echo":"x"}' }))).status).toBe(400)
    expect(received).toEqual([])
  })

  it('answers 400 when the plaintext is not a JSON callback (the XML of the published sample)', async () => {
    const { app, received } = setup(undefined, { ...robotConfig, receiveId: 'wx5823bf96d3bd56c7' })
    const xmlSample =
      'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q=='
    const res = await app.request(signedPost(xmlSample, { signature: '477715d11cdb4164915debcba66cb864d751f3e6' }))
    expect(res.status).toBe(400)
    expect(received).toEqual([])
  })

  it('answers 200 to an event callback without calling receive', async () => {
    const { app, received } = setup()
    const event = { msgid: 'E1', aibotid: 'AIBOTID', chattype: 'single', from: { userid: 'x' }, msgtype: 'event' }
    expect((await app.request(signedPost(encrypt(key, JSON.stringify(event), '')))).status).toBe(200)
    expect(received).toEqual([])
  })

  it('answers 503 when receive throws, so WeCom redelivers', async () => {
    const { app, logged } = setup(async () => {
      throw new Error('database is down')
    })
    expect((await app.request(signedPost(encrypt(key, JSON.stringify(callback), '')))).status).toBe(503)
    expect(logged.map((l) => l.event)).toEqual(['wecom.receive_failed'])
  })
})
