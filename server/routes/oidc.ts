// Sign-in with OpenID Connect: start (a plain link, or an invitation accepted through the provider),
// link a signed-in account to its provider identity, and the callback that ends in the usual session.
import type { Context } from 'hono'
import { Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { OidcError, FLOW_TTL_MS, type OidcIdentity } from '../auth/oidc.ts'
import { requireAccount, startSession, type AppEnv } from '../auth/session.ts'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import { newId } from '../auth/tokens.ts'
import type { AppContext } from '../context.ts'
import { ApiError, fromDomainError } from '../http/errors.ts'
import type { Account, OidcFlow } from '../storage/port.ts'

const FLOW_COOKIE = 'rp_oidc'

const OIDC_STATUS: Record<OidcError['code'], 400 | 503> = {
  'oidc-state': 400,
  'oidc-failed': 400,
  'oidc-unavailable': 503,
}

export function oidcRoutes(ctx: AppContext) {
  const { storage, hub, now, config, log } = ctx
  const app = new Hono<AppEnv>()

  const provider = () => {
    if (!ctx.oidc)
      throw new ApiError(404, 'oidc-disabled', 'Sign-in with an identity provider is not configured here.')
    return ctx.oidc
  }

  /** The browser half of the flow: Lax, because the provider's redirect back is a cross-site navigation. */
  const setFlowCookie = (c: Context<AppEnv>, token: string) =>
    setCookie(c, FLOW_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
      path: '/auth/oidc',
      maxAge: FLOW_TTL_MS / 1000,
    })

  const begin = async (opts: { inviteToken?: string | null; linkAccountId?: string | null }) => {
    try {
      return await provider().begin(opts)
    } catch (e) {
      if (e instanceof OidcError) throw new ApiError(OIDC_STATUS[e.code], e.code, e.message)
      throw e
    }
  }

  /** `?invite=TOKEN`: accept that invitation as whoever the provider says you are. */
  app.get('/auth/oidc/start', async (c) => {
    const invite = c.req.query('invite') ?? null
    if (invite !== null && (invite.length === 0 || invite.length > 200))
      throw new ApiError(400, 'invalid', 'The invitation in this link is not valid.')
    const { url, browserToken } = await begin({ inviteToken: invite })
    setFlowCookie(c, browserToken)
    c.header('Cache-Control', 'no-store')
    return c.redirect(url, 302)
  })

  /** A signed-in account (by one-time link) binds itself to its provider identity, to sign in that way. */
  app.post('/api/me/oidc', async (c) => {
    const account = requireAccount(c)
    const { url, browserToken } = await begin({ linkAccountId: account.id })
    setFlowCookie(c, browserToken)
    return c.json({ url }, 201)
  })

  app.get('/auth/oidc/callback', async (c) => {
    const oidc = provider()
    const query = new URL(c.req.url).searchParams
    const browserToken = getCookie(c, FLOW_COOKIE)
    deleteCookie(c, FLOW_COOKIE, { path: '/auth/oidc' })
    if (query.get('error'))
      throw new ApiError(400, 'oidc-refused', 'The sign-in provider did not sign you in.')
    let result: Awaited<ReturnType<typeof oidc.complete>>
    try {
      result = await oidc.complete(query, browserToken)
    } catch (e) {
      if (!(e instanceof OidcError)) throw e
      log.warn('oidc sign-in refused', {
        code: e.code,
        cause: e.cause instanceof Error ? e.cause.message : null,
      })
      throw new ApiError(OIDC_STATUS[e.code], e.code, e.message)
    }
    const { account, panelId } = await accountFor(result.identity, result.flow)
    await startSession(c, storage, account.id, {
      now: now(),
      ttlHours: config.sessionTtlHours,
      secure: config.secureCookies,
    })
    log.info('signed in by oidc', { accountId: account.id, panelId })
    return c.redirect(panelId ? `/panels/${panelId}` : '/', 303)
  })

  /** Matched by the provider's subject only; a new account only for a valid invitation. */
  async function accountFor(
    id: OidcIdentity,
    flow: OidcFlow,
  ): Promise<{ account: Account; panelId: string | null }> {
    const bound = await storage.findAccountBySubject(id.issuer, id.subject)
    if (flow.linkAccountId) {
      if (bound && bound.id !== flow.linkAccountId)
        throw new ApiError(409, 'subject-taken', 'That identity already signs in to another account.')
      if (!bound && !(await storage.bindAccountSubject(flow.linkAccountId, id.issuer, id.subject)))
        throw new ApiError(409, 'already-bound', 'This account is bound to another identity already.')
      const account = await storage.findAccount(flow.linkAccountId)
      if (!account) throw new ApiError(410, 'link-gone', 'The account being linked no longer exists.')
      return { account, panelId: null }
    }
    if (!flow.inviteTokenHash) {
      if (!bound)
        throw new ApiError(
          403,
          'no-account',
          'You have no account here yet: ask the lead inspector for an invitation.',
        )
      return { account: bound, panelId: null }
    }
    return acceptInvitation(id, flow.inviteTokenHash, bound)
  }

  async function acceptInvitation(
    id: OidcIdentity,
    tokenHash: string,
    bound: Account | null,
  ): Promise<{ account: Account; panelId: string | null }> {
    const gone = () =>
      new ApiError(410, 'link-gone', 'This invitation can no longer be used; ask for a new one.')
    const link = await storage.findLinkToken(tokenHash, now().toISOString())
    if (!link || link.kind !== 'invite' || !link.panelId || !link.inviteId) throw gone()
    // An invitation bound to an email is for whoever the provider vouches holds it, and nobody else;
    // checked before the invitation is used, so a wrong account does not spend it.
    const email = await storage.findInviteEmail(tokenHash)
    if (email && id.verifiedEmail !== email.toLowerCase())
      throw new ApiError(
        403,
        'email-mismatch',
        'This invitation is for another email address than the one your organisation vouches for.',
      )
    const panel = await hub.open(link.panelId)
    if (!panel) throw gone()
    // An invitation for an existing account is that account's: another identity may not take it.
    if (link.accountId && bound && bound.id !== link.accountId)
      throw new ApiError(403, 'wrong-account', 'This invitation is for another account than yours.')
    let account = bound ?? (link.accountId ? await storage.findAccount(link.accountId) : null)
    // Already a member: the invitation changes nothing (and stays unused), as with the link.
    if (account && panel.roleOf(account.id) !== null) return { account, panelId: panel.panelId }
    const join = { type: 'join', inviteId: link.inviteId } as const
    // The rules first, so an invitation that cannot work is not used up.
    const check = panel.check(
      join,
      account
        ? { accountId: account.id, name: account.name }
        : { accountId: newId('a'), name: link.name ?? '' },
    )
    if (!check.ok) throw fromDomainError(check.error)
    if (!(await storage.consumeLinkToken(tokenHash, now().toISOString()))) throw gone()
    await storage.pruneInviteEmails(now().toISOString())
    if (!account) {
      account = {
        id: newId('a'),
        // The provider's name only when it passes the personal-data check every other name passes.
        name: link.name ?? (id.name && !personalDataIn(id.name) ? id.name.slice(0, 80) : 'Member'),
        organiser: false,
        createdAt: now().toISOString(),
      }
      await storage.createAccount(account)
    }
    if (!bound && !(await storage.bindAccountSubject(account.id, id.issuer, id.subject)))
      throw new ApiError(409, 'subject-taken', 'That identity, or this account, is bound to another already.')
    const r = await panel.execute(join, { accountId: account.id, name: account.name })
    if (!r.ok) throw fromDomainError(r.error)
    return { account, panelId: panel.panelId }
  }

  return app
}
