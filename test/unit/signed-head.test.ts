// The browser's check of the server's signed head (client/src/stores/signed-head.ts), with a real Ed25519
// key from node:crypto and WebCrypto (Node 20 has both).
import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkSignedHead, type SignedHeadAnswer } from '../../client/src/stores/signed-head.ts'
import { headMessage } from '../../server/panels/head-log.ts'

const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519')
const raw = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64')
const log = (n: number, salt = '') =>
  Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    hash: `h${i + 1}${salt}`,
    type: 't',
    by: '',
    byName: '',
    at: '',
    summary: '',
  }))
function answer(seq: number, hash: string, key = privateKey): SignedHeadAnswer {
  const message = headMessage({ panelId: 'p1', chain: 'events', seq, hash })
  return {
    publicKey: raw,
    algorithm: 'Ed25519',
    events: {
      seq,
      hash,
      at: '',
      message,
      sig: crypto.sign(null, Buffer.from(message), key).toString('base64'),
    },
  }
}
const memory = () => {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }
}

describe('checkSignedHead', () => {
  it('accepts a signed head the log holds, remembers it, and accepts a log that extends it', async () => {
    const store = memory()
    expect(await checkSignedHead('p1', answer(3, 'h3'), log(3), store)).toEqual({ kind: 'ok', seq: 3 })
    expect(await checkSignedHead('p1', answer(5, 'h5'), log(5), store)).toEqual({ kind: 'ok', seq: 5 })
  })

  it('says so when the history no longer holds what this browser saw: cut short, or rewritten and re-signed', async () => {
    const store = memory()
    await checkSignedHead('p1', answer(5, 'h5'), log(5), store)
    expect((await checkSignedHead('p1', answer(4, 'h4'), log(4), store)).kind).toBe('not-extending')
    expect((await checkSignedHead('p1', answer(6, 'h6x'), log(6, 'x'), store)).kind).toBe('not-extending')
  })

  it('refuses a signature by another key, and a signed head the synced log contradicts', async () => {
    const other = crypto.generateKeyPairSync('ed25519').privateKey
    expect((await checkSignedHead('p1', answer(3, 'h3', other), log(3), memory())).kind).toBe('bad-signature')
    expect((await checkSignedHead('p1', answer(3, 'forged'), log(3), memory())).kind).toBe('not-signed')
  })
})
