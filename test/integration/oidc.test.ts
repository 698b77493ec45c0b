// Sign-in with OpenID Connect against a real provider in-process (oidc-provider on port 0; only its
// login and consent pages are automated): sign-in with PKCE, state and nonce; a wrong or foreign state,
// a replayed callback and a replayed code are refused; flows and sessions expire; an invitation bound
// to an email is accepted through the provider by whoever it vouches holds that email, and nobody else;
// accounts are matched by subject, never by name or email.
import net, { type AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hashToken } from '../../server/auth/tokens.ts'
import { Browser } from '../support/browser.ts'
import { startTestProvider, type ProviderUser, type TestProvider } from '../support/oidc-provider.ts'
import { startTestServer, type TestServer } from '../support/server.ts'

let idp: TestProvider
let t: TestServer
let ms = Date.parse('2026-06-01T09:00:00.000Z')
const now = () => new Date(ms)
const advance = (by: number) => (ms += by)

const ann: ProviderUser = { sub: 'idp-ann', name: 'Ann I.', email: 'Ann@Example.org', email_verified: true }

/** A port nobody listens on now, so the callback URL is known before the server starts. */
async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

beforeEach(async () => {
  idp = await startTestProvider()
  const port = await freePort()
  const redirectUrl = `http://127.0.0.1:${port}/auth/oidc/callback`
  idp.register(redirectUrl)
  t = await startTestServer({
    port,
    now,
    sessionTtlHours: 12,
    oidc: {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUrl,
      allowInsecureRequests: true,
    },
  })
})
afterEach(async () => {
  await t.close()
  await idp.close()
})

const isCallback = (u: URL) => u.pathname === '/auth/oidc/callback'

/** Walks a flow from `start` to just before our callback: the URL the provider sends the browser back to. */
async function toCallback(browser: Browser, start: string): Promise<string> {
  const walk = await browser.navigate(start, isCallback)
  if (!walk.next) throw new Error(`no callback reached: ended at ${walk.url} (${walk.res?.status})`)
  return walk.next
}

async function me(browser: Browser) {
  const r = await fetch(`${t.url}/api/me`, { headers: { cookie: browser.cookieHeader(t.url) } })
  return { status: r.status, json: (await r.json()) as { account?: { id: string; name: string } } }
}

async function callback(browser: Browser, url: string) {
  const r = await browser.request(url)
  const text = await r.text()
  return { status: r.status, location: r.headers.get('location'), json: text ? JSON.parse(text) : null }
}

async function invite(email?: string) {
  const r = await t.api(t.organiser, 'POST', `/api/panels/${panelId}/invites`, {
    role: 'inspector',
    name: 'Ann Inspector',
    ...(email ? { email } : {}),
  })
  expect(r.status, r.text).toBe(201)
  return r.json as { url: string; providerUrl: string }
}
let panelId = ''

describe('sign-in with OpenID Connect', () => {
  it('binds a signed-in account, then signs it in by the provider with PKCE, state and nonce', async () => {
    // The organiser (signed in by the one-time link) binds their provider identity.
    const organiser = new Browser()
    const link = await fetch(`${t.url}/api/me/oidc`, {
      method: 'POST',
      headers: { cookie: t.organiser.cookie, origin: t.url },
    })
    expect(link.status).toBe(201)
    organiser.keep(`${t.url}/auth/oidc/`, link)
    const { url } = (await link.json()) as { url: string }
    const auth = new URL(url)
    expect(auth.origin).toBe(idp.issuer)
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256')
    expect(auth.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(auth.searchParams.get('nonce')).toBeTruthy()
    expect(auth.searchParams.get('state')).toBeTruthy()
    const olive: ProviderUser = {
      sub: 'idp-olive',
      name: 'Olive',
      email: 'olive@example.org',
      email_verified: true,
    }
    idp.signInAs(olive)
    const back = await callback(organiser, await toCallback(organiser, url))
    expect(back.status, JSON.stringify(back.json)).toBe(303)

    // A new browser signs in by the provider alone, as that same account.
    const fresh = new Browser()
    idp.signInAs(olive)
    const done = await fresh.navigate(
      `${t.url}/auth/oidc/start`,
      (u) => u.origin === t.url && u.pathname === '/',
    )
    expect(done.next).toBe(`${t.url}/`)
    const who = await me(fresh)
    expect(who.status).toBe(200)
    expect(who.json.account?.id).toBe(t.organiser.accountId)
    // The session cookie is the usual one: HttpOnly, SameSite=Strict.
    expect(fresh.cookie(t.url, 'rp_session')).toBeTruthy()
    expect(idp.errors).toEqual([])
  })

  it('refuses a wrong state, a state from another browser, a replayed callback and a replayed code', async () => {
    const olive: ProviderUser = { sub: 'idp-olive', name: 'Olive' }
    await bind(olive)

    // Wrong state: the flow is not found; nobody is signed in.
    const b1 = new Browser()
    idp.signInAs(olive)
    const cb1 = new URL(await toCallback(b1, `${t.url}/auth/oidc/start`))
    cb1.searchParams.set('state', 'not-the-state')
    const wrong = await callback(b1, cb1.href)
    expect([wrong.status, wrong.json.error.code]).toEqual([400, 'oidc-state'])
    expect((await me(b1)).status).toBe(401)

    // The right callback URL, opened in another browser (login CSRF): refused, and used up.
    const b2 = new Browser()
    idp.signInAs(olive)
    const cb2 = await toCallback(b2, `${t.url}/auth/oidc/start`)
    const attacker = new Browser()
    const foreign = await callback(attacker, cb2)
    expect([foreign.status, foreign.json.error.code]).toEqual([400, 'oidc-state'])
    expect((await me(attacker)).status).toBe(401)
    expect((await callback(b2, cb2)).status).toBe(400)

    // Replayed callback: works once.
    const b3 = new Browser()
    idp.signInAs(olive)
    const cb3 = await toCallback(b3, `${t.url}/auth/oidc/start`)
    expect((await callback(b3, cb3)).status).toBe(303)
    expect((await me(b3)).status).toBe(200)
    const again = await callback(b3, cb3)
    expect([again.status, again.json.error.code]).toEqual([400, 'oidc-state'])

    // Replayed code under a fresh flow of the same browser: the provider refuses the code itself.
    const code = new URL(cb3).searchParams.get('code')!
    idp.signInAs(olive)
    const fresh = new URL(await toCallback(b3, `${t.url}/auth/oidc/start`))
    fresh.searchParams.set('code', code)
    const replayed = await callback(b3, fresh.href)
    expect([replayed.status, replayed.json.error.code]).toEqual([400, 'oidc-failed'])
    expect(idp.errors.some((e) => e.includes('InvalidGrant'))).toBe(true)
  })

  it('lets a flow expire at the server, and a session after its lifetime', async () => {
    const olive: ProviderUser = { sub: 'idp-olive', name: 'Olive' }
    await bind(olive)
    const slow = new Browser()
    idp.signInAs(olive)
    const cb = await toCallback(slow, `${t.url}/auth/oidc/start`)
    advance(11 * 60_000)
    const late = await callback(slow, cb)
    expect([late.status, late.json.error.code]).toEqual([400, 'oidc-state'])

    const b = new Browser()
    idp.signInAs(olive)
    expect((await callback(b, await toCallback(b, `${t.url}/auth/oidc/start`))).status).toBe(303)
    expect((await me(b)).status).toBe(200)
    advance(12 * 3_600_000 + 1)
    expect((await me(b)).status).toBe(401)
  })

  it('signs in nobody the server does not know, whatever name or email they share with an account', async () => {
    await bind({ sub: 'idp-olive', name: 'Olive', email: 'olive@example.org', email_verified: true })
    const b = new Browser()
    idp.signInAs({ sub: 'idp-impostor', name: 'Olive', email: 'olive@example.org', email_verified: true })
    const r = await callback(b, await toCallback(b, `${t.url}/auth/oidc/start`))
    expect([r.status, r.json.error.code]).toEqual([403, 'no-account'])
    expect((await me(b)).status).toBe(401)
  })

  it('accepts an invitation bound to an email through the provider, for that email only', async () => {
    panelId = await t.createPanel(t.organiser)
    const inv = await invite('ann@example.org')
    expect(inv.providerUrl).toMatch(/\/auth\/oidc\/start\?invite=/)
    const tokenHash = hashToken(new URL(inv.url).pathname.split('/').pop()!)
    expect(await t.server.storage.findInviteEmail(tokenHash)).toBe('ann@example.org')

    // Someone else, or Ann's address unverified: refused, and the invitation is not used up.
    const eve = new Browser()
    idp.signInAs({ sub: 'idp-eve', name: 'Eve', email: 'eve@example.org', email_verified: true })
    const refused = await callback(eve, await toCallback(eve, inv.url))
    expect([refused.status, refused.json.error.code]).toEqual([403, 'email-mismatch'])
    const unverified = new Browser()
    idp.signInAs({ sub: 'idp-mallory', name: 'M', email: 'ann@example.org', email_verified: false })
    expect((await callback(unverified, await toCallback(unverified, inv.url))).json.error.code).toBe(
      'email-mismatch',
    )

    // Ann opens the plain link: it sends her to the provider, and back into the panel as an inspector.
    const b = new Browser()
    idp.signInAs(ann)
    const accepted = await callback(b, await toCallback(b, inv.url))
    expect([accepted.status, accepted.location]).toEqual([303, `/panels/${panelId}`])
    const who = await me(b)
    expect(who.json.account?.name).toBe('Ann Inspector')
    const panel = await fetch(`${t.url}/api/panels/${panelId}`, {
      headers: { cookie: b.cookieHeader(t.url) },
    })
    expect(((await panel.json()) as { role: string }).role).toBe('inspector')
    // Joined through the panel's own rules: the invitation is used in the log, and the log verifies.
    const events = (await t.api(t.organiser, 'GET', `/api/panels/${panelId}/events`)).json.events as {
      event: { type: string; accountId?: string }
    }[]
    expect(events.filter((e) => e.event.type === 'member.joined').map((e) => e.event.accountId)).toContain(
      who.json.account?.id,
    )
    expect((await t.api(t.organiser, 'GET', `/api/panels/${panelId}/verify`)).json.ok).toBe(true)

    // Used once; and Ann signs in again later by the provider as the same account.
    const reuse = new Browser()
    idp.signInAs(ann)
    expect((await callback(reuse, await toCallback(reuse, inv.providerUrl))).json.error.code).toBe(
      'link-gone',
    )
    // Its email is forgotten once used (data minimisation), and the plain link is spent too.
    expect(await t.server.storage.findInviteEmail(tokenHash)).toBeNull()
    expect((await new Browser().navigate(inv.url)).res?.status).toBe(410)
    const later = new Browser()
    idp.signInAs(ann)
    expect((await callback(later, await toCallback(later, `${t.url}/auth/oidc/start`))).status).toBe(303)
    expect((await me(later)).json.account?.id).toBe(who.json.account?.id)
    expect(idp.errors).toEqual([])
  })

  it('accepts a plain invitation through the provider too; one-time links still work alongside', async () => {
    panelId = await t.createPanel(t.organiser)
    const inv = await invite()
    const b = new Browser()
    idp.signInAs({ sub: 'idp-bob', name: 'Bob' })
    const accepted = await callback(b, await toCallback(b, inv.providerUrl))
    expect([accepted.status, accepted.location]).toEqual([303, `/panels/${panelId}`])
    const byLink = await t.invite(t.organiser, panelId, 'reviewer', 'Rita Reviewer')
    expect(byLink.accountId).toMatch(/^a_/)
  })

  it('is off without configuration: 404, and an email-bound invitation is refused', async () => {
    const health = await fetch(`${t.url}/api/health`)
    expect(((await health.json()) as { oidc: boolean }).oidc).toBe(true)
    const plain = await startTestServer()
    try {
      const off = await fetch(`${plain.url}/api/health`)
      expect(((await off.json()) as { oidc: boolean }).oidc).toBe(false)
      const r = await fetch(`${plain.url}/auth/oidc/start`)
      expect(r.status).toBe(404)
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('oidc-disabled')
      const pid = await plain.createPanel(plain.organiser)
      const inv = await plain.api(plain.organiser, 'POST', `/api/panels/${pid}/invites`, {
        role: 'inspector',
        name: 'Ann',
        email: 'ann@example.org',
      })
      expect([inv.status, inv.json.error.code]).toEqual([422, 'oidc-disabled'])
    } finally {
      await plain.close()
    }
  })
})

/** Binds the organiser's account to `user` at the provider (so that user may sign in). */
async function bind(user: ProviderUser) {
  const b = new Browser()
  const link = await fetch(`${t.url}/api/me/oidc`, {
    method: 'POST',
    headers: { cookie: t.organiser.cookie, origin: t.url },
  })
  b.keep(`${t.url}/auth/oidc/`, link)
  idp.signInAs(user)
  const r = await callback(b, await toCallback(b, ((await link.json()) as { url: string }).url))
  expect(r.status, JSON.stringify(r.json)).toBe(303)
}
