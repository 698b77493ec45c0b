// A real OpenID provider (oidc-provider) on port 0 for the sign-in tests: real discovery, authorisation
// codes, PKCE, signed ID tokens. Only its login and consent pages are replaced: whoever the test names
// with `signInAs` logs in and consents at once, as if they had typed their password at the provider.
import { generateKeyPairSync } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface ProviderUser {
  sub: string
  name: string
  email?: string
  email_verified?: boolean
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** Creates the provider with its one client, once the relying party's callback URL is known. */
  register(redirectUri: string): void
  /** Who logs in at the next interaction. */
  signInAs(user: ProviderUser): void
  /** Errors the provider reported (e.g. a replayed code), by name. */
  errors: string[]
  close(): Promise<void>
}

export async function startTestProvider(): Promise<TestProvider> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const users = new Map<string, ProviderUser>()
  let next: ProviderUser | null = null
  const errors: string[] = []
  const clientId = 'ratings-panel'
  const clientSecret = 'a-client-secret-for-tests-only-0123456789'
  let handle: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null
  let provider: Provider | null = null
  const stores = new Map<string, Map<string, Payload>>()
  const register = (redirectUri: string) => {
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: (_ctx: unknown, sub: string) => {
        const user = users.get(sub)
        return user ? { accountId: sub, claims: () => ({ ...user }) } : undefined
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      features: { devInteractions: { enabled: false } },
      // Its own signing key and storage, as a real deployment configures (not the quick-start ones).
      jwks: {
        keys: [
          {
            ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
            use: 'sig',
            kid: 'test',
          },
        ],
      },
      adapter: (model: string) => new MemoryAdapter(stores, model),
      cookies: { keys: ['cookie-key-for-tests-only-0123456789'] },
    })
    for (const event of ['grant.error', 'authorization.error', 'server_error'])
      provider.on(event, (_ctx, err) => errors.push(`${event}: ${(err as Error).name}`))
    handle = provider.callback()
  }
  server.on('request', (req, res) => {
    if (!handle) {
      res.statusCode = 503
      return res.end('not registered yet')
    }
    if (!req.url?.startsWith('/interaction/')) return handle(req, res)
    void interact(req, res).catch((e: unknown) => {
      res.statusCode = 500
      res.end(String(e))
    })
  })

  async function interact(req: http.IncomingMessage, res: http.ServerResponse) {
    const provider = providerOf()
    const details = await provider.interactionDetails(req, res)
    if (details.prompt.name === 'login') {
      if (!next) throw new Error('the test named nobody to sign in at the provider')
      users.set(next.sub, next)
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: next.sub } },
        {
          mergeWithLastSubmission: false,
        },
      )
    }
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId })
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] }
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      {
        mergeWithLastSubmission: true,
      },
    )
  }

  const providerOf = (): Provider => {
    if (!provider) throw new Error('register() the client first')
    return provider
  }

  return {
    register,
    issuer,
    clientId,
    clientSecret,
    signInAs: (user) => (next = user),
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type Payload = Record<string, unknown> & {
  uid?: string
  grantId?: string
  userCode?: string
  consumed?: number
}

/** oidc-provider's storage interface over one Map per model, per provider. */
class MemoryAdapter {
  private readonly store: Map<string, Payload>

  constructor(stores: Map<string, Map<string, Payload>>, model: string) {
    this.store = stores.get(model) ?? new Map<string, Payload>()
    stores.set(model, this.store)
  }

  async upsert(id: string, payload: Payload): Promise<void> {
    this.store.set(id, payload)
  }
  async find(id: string): Promise<Payload | undefined> {
    return this.store.get(id)
  }
  async findByUid(uid: string): Promise<Payload | undefined> {
    return [...this.store.values()].find((p) => p.uid === uid)
  }
  async findByUserCode(code: string): Promise<Payload | undefined> {
    return [...this.store.values()].find((p) => p.userCode === code)
  }
  async consume(id: string): Promise<void> {
    const p = this.store.get(id)
    if (p) p.consumed = Math.floor(Date.now() / 1000)
  }
  async destroy(id: string): Promise<void> {
    this.store.delete(id)
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, p] of this.store) if (p.grantId === grantId) this.store.delete(id)
  }
}
