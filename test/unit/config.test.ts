// Environment parsing: OpenID Connect is all four variables or none; tokens and URLs are checked at start.
import { describe, expect, it } from 'vitest'
import { parseEnv } from '../../server/config.ts'

const oidc = {
  OIDC_ISSUER: 'https://login.example.org/realms/hmi',
  OIDC_CLIENT_ID: 'ratings-panel',
  OIDC_CLIENT_SECRET: 's3cret',
  OIDC_REDIRECT_URL: 'https://panel.example.org/auth/oidc/callback',
}

describe('parseEnv', () => {
  it('takes all four OIDC variables, or none', () => {
    expect(parseEnv(oidc)).toMatchObject(oidc)
    expect(parseEnv({}).OIDC_ISSUER).toBeUndefined()
  })

  it('names each OIDC variable missing when only some are set', () => {
    expect(() => parseEnv({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: needed with OIDC_ISSUER[\s\S]*OIDC_CLIENT_SECRET[\s\S]*OIDC_REDIRECT_URL/,
    )
  })

  it.each([
    [{ ...oidc, OIDC_REDIRECT_URL: 'https://panel.example.org/callback' }, /OIDC_REDIRECT_URL: must end in/],
    [{ ...oidc, OIDC_ISSUER: 'not a url' }, /OIDC_ISSUER/],
    [{ METRICS_TOKEN: 'short' }, /METRICS_TOKEN: use at least 32 characters/],
  ])('refuses %o', (env, error) => {
    expect(() => parseEnv(env)).toThrow(error)
  })
})
