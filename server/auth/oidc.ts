// Sign-in with the organisation's OpenID Connect provider (openid-client v6): the authorisation code
// flow with PKCE, a state tied to the browser by a cookie, and a nonce. The flow's secrets are kept in the
// store (any process may receive the callback), hashed where they are compared, and used once.
//
//   start:    new state, nonce, PKCE verifier and browser token → flow row → 302 to the provider
//   callback: flow row by hash(state), consumed, browser token must match → code exchanged with the
//             verifier; openid-client checks state, nonce, issuer, audience, signature and expiry
//   result:   the provider's subject (and email, if verified); accounts are matched by subject only.
import * as client from 'openid-client'
import { hashToken, newToken } from './tokens.ts'
import type { OidcFlow, Storage } from '../storage/port.ts'

export interface OidcSettings {
  issuer: string
  clientId: string
  clientSecret: string
  /** The callback URL registered with the provider (…/auth/oidc/callback). */
  redirectUrl: string
  /** Only for a loopback test provider over http: openid-client refuses http otherwise. */
  allowInsecureRequests?: boolean
}

/** Who the provider vouched for. */
export interface OidcIdentity {
  issuer: string
  subject: string
  /** Present only when the provider says it verified it. */
  verifiedEmail: string | null
  name: string | null
}

export const FLOW_TTL_MS = 10 * 60_000

export class OidcError extends Error {
  constructor(
    readonly code: 'oidc-state' | 'oidc-failed' | 'oidc-unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'OidcError'
  }
}

export class OidcClient {
  private config: Promise<client.Configuration> | null = null

  constructor(
    private readonly settings: OidcSettings,
    private readonly storage: Storage,
    private readonly now: () => Date,
  ) {}

  /** Discovery on first use, retried on the next sign-in if the provider was unreachable. */
  private configuration(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecureRequests } = this.settings
    this.config ??= client
      .discovery(new URL(issuer), clientId, undefined, client.ClientSecretPost(clientSecret), {
        ...(allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : {}),
      })
      .catch((e: unknown) => {
        this.config = null
        throw new OidcError('oidc-unavailable', 'The sign-in provider cannot be reached.', { cause: e })
      })
    return this.config
  }

  /** A new flow: the provider URL to send the browser to, and the token for the browser's flow cookie. */
  async begin(opts: { inviteToken?: string | null; linkAccountId?: string | null }) {
    const config = await this.configuration()
    const state = client.randomState()
    const nonce = client.randomNonce()
    const codeVerifier = client.randomPKCECodeVerifier()
    const browserToken = newToken()
    const flow: OidcFlow = {
      stateHash: hashToken(state),
      browserHash: hashToken(browserToken),
      codeVerifier,
      nonce,
      inviteTokenHash: opts.inviteToken ? hashToken(opts.inviteToken) : null,
      linkAccountId: opts.linkAccountId ?? null,
      expiresAt: new Date(this.now().getTime() + FLOW_TTL_MS).toISOString(),
    }
    await this.storage.saveOidcFlow(flow)
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url: url.href, browserToken }
  }

  /**
   * Completes the flow the callback's `state` names, in the browser holding its cookie. The flow is used
   * up whatever happens next, so a callback URL works once.
   */
  async complete(
    query: URLSearchParams,
    browserToken: string | undefined,
  ): Promise<{ identity: OidcIdentity; flow: OidcFlow }> {
    const state = query.get('state')
    if (!state || state.length > 200)
      throw new OidcError('oidc-state', 'The sign-in came back without a state.')
    const flow = await this.storage.consumeOidcFlow(hashToken(state), this.now().toISOString())
    if (!flow)
      throw new OidcError(
        'oidc-state',
        'This sign-in is unknown, was used already or took too long; start again.',
      )
    if (!browserToken || hashToken(browserToken) !== flow.browserHash)
      throw new OidcError('oidc-state', 'This sign-in was started in another browser; start again here.')
    const config = await this.configuration()
    // The public callback URL (behind a proxy the request's own URL differs) with the provider's answer.
    const callback = new URL(this.settings.redirectUrl)
    callback.search = query.toString()
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>
    try {
      tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      })
    } catch (e) {
      throw new OidcError('oidc-failed', 'The sign-in provider did not confirm who you are.', { cause: e })
    }
    const claims = tokens.claims()
    if (!claims) throw new OidcError('oidc-failed', 'The sign-in provider sent no ID token.')
    // Many providers put only `sub` in the ID token and the rest behind userinfo (for the same subject).
    let profile: Record<string, unknown> = claims
    if (claims.email === undefined || claims.name === undefined) {
      try {
        profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims }
      } catch (e) {
        throw new OidcError('oidc-failed', 'The sign-in provider did not say who you are.', { cause: e })
      }
    }
    const email = typeof profile.email === 'string' && profile.email_verified === true ? profile.email : null
    return {
      flow,
      identity: {
        issuer: claims.iss,
        subject: claims.sub,
        verifiedEmail: email ? email.toLowerCase() : null,
        name: typeof profile.name === 'string' ? profile.name : null,
      },
    }
  }
}
