// Behind a reverse proxy: X-Forwarded-For names the client for the sign-in attempt limit, but only when
// the connection comes from a proxy named in TRUST_PROXY; from anyone else the header is ignored.
import { afterEach, describe, expect, it } from 'vitest'
import { SIGN_IN_LIMITS } from '../../server/auth/attempts.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let t: TestServer | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

const badLink = async (server: TestServer, forwardedFor: string) =>
  (await fetch(`${server.url}/auth/link/not-a-real-token`, { headers: { 'x-forwarded-for': forwardedFor } }))
    .status

describe('client address behind a proxy', () => {
  it('limits sign-in attempts per forwarded client when the proxy is trusted', async () => {
    t = await startTestServer({ trustedProxies: ['loopback'] })
    for (let i = 0; i < SIGN_IN_LIMITS.max; i++)
      expect(await badLink(t, `198.51.100.7, 203.0.113.1`)).toBe(410)
    expect(await badLink(t, `203.0.113.1`)).toBe(429)
    // Another client behind the same proxy is not locked out; nor is a spoofed hop to the left.
    expect(await badLink(t, `203.0.113.1, 203.0.113.2`)).toBe(410)
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    t = await startTestServer()
    for (let i = 0; i < SIGN_IN_LIMITS.max; i++) expect(await badLink(t, `203.0.113.${i}`)).toBe(410)
    expect(await badLink(t, `192.0.2.99`)).toBe(429)
  })
})
