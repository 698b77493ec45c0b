// Sign-in by one-time link (a page, then a same-origin POST), sign-out, and who am I.
import type { Context } from 'hono'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import { displayName } from '../../shared/panel/command-schema.ts'
import { isQa } from '../accounts/qa-log.ts'
import { AttemptLimiter, SIGN_IN_LIMITS } from '../auth/attempts.ts'
import { isAllowedOrigin } from '../auth/origin.ts'
import { endSession, requireAccount, startSession, type AppEnv } from '../auth/session.ts'
import { hashToken, newId, newToken } from '../auth/tokens.ts'
import type { AppContext } from '../context.ts'
import { clientAddress } from '../http/client-address.ts'
import { ApiError, errorBody, fromDomainError, readJson } from '../http/errors.ts'
import { parseBody } from '../http/validate.ts'
import type { Account, LinkToken } from '../storage/port.ts'
import { LINK_PAGE_SCRIPT, langOf, linkGonePage, linkPage } from './link-page.ts'

const LinkChoiceSchema = z.strictObject({
  /** `invited`: as the person the link names; `signed-in`: as the account this browser is signed in as. */
  as: z.optional(z.enum(['invited', 'signed-in'])),
  name: z.optional(displayName),
})

export function authRoutes(ctx: AppContext) {
  const { storage, hub, now, config, log } = ctx
  const app = new Hono<AppEnv>()
  const attempts = new AttemptLimiter(SIGN_IN_LIMITS, now)

  /** A usable link, or an answer for one that is not: a valid link is never refused by the limiter. */
  async function usableLink(c: Context<AppEnv>): Promise<LinkToken | Response> {
    const token = c.req.param('token') ?? ''
    const link =
      token.length < 200 ? await storage.findLinkToken(hashToken(token), now().toISOString()) : null
    if (link) return link
    const address = clientAddress(c, config.trustedProxies)
    const wait = attempts.retryAfterMs(address)
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000)
      c.header('Retry-After', String(Math.ceil(wait / 1000)))
      log.warn('sign-in attempts refused', { address })
      return c.json(
        errorBody(
          'too-many-attempts',
          `Too many sign-in links that did not work; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        ),
        429,
      )
    }
    attempts.fail(address)
    return c.req.method === 'GET'
      ? c.html(linkGonePage(langOf(c.req.header('accept-language'))), 410)
      : c.json(errorBody('link-gone', 'This link can no longer be used; ask for a new one.'), 410)
  }

  app.get('/auth/link-page.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8')
    c.header('Cache-Control', 'no-cache')
    return c.body(LINK_PAGE_SCRIPT)
  })

  /** Opening a link only shows what it would do; nothing is used or changed until the page's POST. */
  app.get('/auth/link/:token', async (c) => {
    const token = c.req.param('token')
    // An invitation bound to an email is accepted only through the identity provider, which vouches for it.
    if (token.length < 200 && (await storage.findInviteEmail(hashToken(token))))
      return c.redirect(`/auth/oidc/start?invite=${encodeURIComponent(token)}`, 303)
    const link = await usableLink(c)
    if (link instanceof Response) return link
    const lang = langOf(c.req.header('accept-language'))
    const current = c.get('account')
    c.header('Cache-Control', 'no-store')
    if (link.kind === 'first-organiser') return c.html(linkPage(lang, { kind: 'first-organiser' }))
    if (link.kind === 'sign-in') return c.html(linkPage(lang, { kind: 'sign-in', name: link.name ?? '' }))
    const panel = link.panelId ? await hub.open(link.panelId) : null
    if (!panel) return c.html(linkGonePage(lang), 410)
    return c.html(
      linkPage(lang, {
        kind: 'invite',
        invited: link.name ?? '',
        role: link.role ?? 'reviewer',
        panelTitle: panel.state.title,
        current: current?.name ?? null,
        member: current ? panel.roleOf(current.id) !== null : false,
      }),
    )
  })

  /** Uses a link: only from our own pages (JSON, our Origin), so another site cannot switch the session. */
  app.post('/auth/link/:token', async (c) => {
    if (!isAllowedOrigin(c, config.allowedOrigins))
      throw new ApiError(403, 'bad-origin', 'Links are used from their own page only.')
    const link = await usableLink(c)
    if (link instanceof Response) return link
    if (await storage.findInviteEmail(link.tokenHash))
      throw new ApiError(
        403,
        'use-identity-provider',
        'This invitation is accepted by signing in with your organisation.',
      )
    // No body (a plain same-origin POST to the link) means the defaults: as the person the link names.
    const empty = (c.req.header('content-length') ?? '0') === '0' && !c.req.header('transfer-encoding')
    const choice = parseBody(LinkChoiceSchema, empty ? {} : await readJson(c))
    const current = c.get('account')
    const signIn = async (account: Account, redirect: string) => {
      if (!current || current.id !== account.id)
        await startSession(c, storage, account.id, {
          now: now(),
          ttlHours: config.sessionTtlHours,
          secure: config.secureCookies,
        })
      log.info('signed in by link', { kind: link.kind, accountId: account.id, panelId: link.panelId })
      return c.json({ redirect, accountId: account.id })
    }
    const consume = async () => {
      if (!(await storage.consumeLinkToken(link.tokenHash, now().toISOString())))
        throw new ApiError(410, 'link-gone', 'This link has just been used; ask for a new one.')
    }

    if (link.kind === 'first-organiser') {
      await consume()
      const account = await newAccount(choice.name ?? link.name ?? 'Organiser', true)
      return signIn(account, '/')
    }

    if (link.kind === 'sign-in') {
      const account = link.accountId ? await storage.findAccount(link.accountId) : null
      if (!account)
        throw new ApiError(410, 'link-gone', 'The account this link signs in to no longer exists.')
      // A link a lead re-issued works only while its person is still a member of that panel.
      if (link.panelId && !(await storage.findMembership(link.panelId, account.id)))
        throw new ApiError(410, 'link-gone', 'This link was for a panel you are no longer a member of.')
      await consume()
      return signIn(account, link.panelId ? `/panels/${link.panelId}` : '/')
    }

    // An invitation.
    const panel = link.panelId && link.inviteId ? await hub.open(link.panelId) : null
    if (!panel || !link.inviteId) throw new ApiError(410, 'link-gone', 'This invitation no longer exists.')
    const to = `/panels/${panel.panelId}`
    // Already a member: the link changes nothing (and stays unused).
    if (current && panel.roleOf(current.id) !== null)
      return c.json({ redirect: to, accountId: current.id, changed: false })
    if (current && choice.as === undefined)
      throw new ApiError(
        409,
        'choose-account',
        `This browser is signed in as ${current.name}; the invitation is for ${link.name ?? 'someone else'}. Choose how to join.`,
      )
    const bound = link.accountId ? await storage.findAccount(link.accountId) : null
    let joiner: Account | null = choice.as === 'signed-in' ? current : bound
    const join = { type: 'join', inviteId: link.inviteId } as const
    // The rules first, so a link that cannot work is not used up.
    const check = panel.check(
      join,
      joiner ? { accountId: joiner.id, name: joiner.name } : { accountId: newId('a'), name: link.name ?? '' },
    )
    if (!check.ok) throw fromDomainError(check.error)
    await consume()
    joiner ??= await newAccount(link.name ?? 'Member', false)
    const r = await panel.execute(join, { accountId: joiner.id, name: joiner.name })
    if (!r.ok) throw fromDomainError(r.error)
    return signIn(joiner, to)
  })

  async function newAccount(name: string, organiser: boolean): Promise<Account> {
    const account: Account = { id: newId('a'), name, organiser, createdAt: now().toISOString() }
    await storage.createAccount(account)
    return account
  }

  app.post('/api/auth/sign-out', async (c) => {
    const hash = c.get('sessionHash')
    if (hash) {
      await storage.deleteSession(hash)
      ctx.sync.closeSession(hash)
    }
    endSession(c)
    return c.body(null, 204)
  })

  app.get('/api/me', async (c) => {
    const a = requireAccount(c)
    // qa: the account-level quality-assurance role (the discretion register, every finalised panel read-only).
    return c.json({
      account: { id: a.id, name: a.name, organiser: a.organiser, qa: await isQa(storage, a.id) },
    })
  })

  /** Sets the display name new events carry (events already in a log keep the name they were made with). */
  app.patch('/api/me', async (c) => {
    const a = requireAccount(c)
    const body = parseBody(z.strictObject({ name: displayName }), await readJson(c))
    await storage.renameAccount(a.id, body.name)
    log.info('account renamed', { accountId: a.id })
    return c.json({ account: { id: a.id, name: body.name, organiser: a.organiser } })
  })

  /** A one-time link that signs the same account in on another device. */
  app.post('/api/me/sign-in-link', async (c) => {
    const a = requireAccount(c)
    const token = newToken()
    const expiresAt = new Date(now().getTime() + 15 * 60_000).toISOString()
    await storage.saveLinkToken({
      tokenHash: hashToken(token),
      kind: 'sign-in',
      panelId: null,
      inviteId: null,
      role: null,
      accountId: a.id,
      name: a.name,
      expiresAt,
      usedAt: null,
    })
    return c.json({ url: `${baseUrl(c.req.url, config.publicUrl)}/auth/link/${token}`, expiresAt }, 201)
  })

  return app
}

export const baseUrl = (requestUrl: string, publicUrl: string | null): string =>
  (publicUrl ?? new URL(requestUrl).origin).replace(/\/$/, '')

/** Prints-once link for the first organiser when the store has no accounts yet. */
export async function issueFirstOrganiserLink(
  ctx: Pick<AppContext, 'storage' | 'now'>,
  base: string,
): Promise<string | null> {
  if ((await ctx.storage.countAccounts()) > 0) return null
  const token = newToken()
  await ctx.storage.saveLinkToken({
    tokenHash: hashToken(token),
    kind: 'first-organiser',
    panelId: null,
    inviteId: null,
    role: null,
    accountId: null,
    name: 'Organiser',
    expiresAt: new Date(ctx.now().getTime() + 24 * 3_600_000).toISOString(),
    usedAt: null,
  })
  return `${base}/auth/link/${token}`
}
