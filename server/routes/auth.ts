// Sign-in by one-time link, sign-out, and who am I.
import { Hono } from 'hono'
import type { Role } from '../../shared/panel/types.ts'
import { AttemptLimiter, SIGN_IN_LIMITS } from '../auth/attempts.ts'
import { endSession, requireAccount, startSession, type AppEnv } from '../auth/session.ts'
import { hashToken, newId, newToken } from '../auth/tokens.ts'
import type { AppContext } from '../context.ts'
import { clientAddress } from '../http/client-address.ts'
import { errorBody } from '../http/errors.ts'
import type { Account, LinkToken } from '../storage/port.ts'

const LINK_GONE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Link no longer valid – Ratings Panel</title>
<main style="font-family:Arial,sans-serif;max-width:40rem;margin:3rem auto"><h1>This link can no longer be used</h1>
<p>Sign-in links work once and expire. Ask the lead inspector or an organiser for a new one.</p></main></html>`

export function authRoutes(ctx: AppContext) {
  const { storage, hub, now, config, log } = ctx
  const app = new Hono<AppEnv>()
  const attempts = new AttemptLimiter(SIGN_IN_LIMITS, now)

  app.get('/auth/link/:token', async (c) => {
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
    const token = c.req.param('token')
    // An invitation bound to an email is accepted only through the identity provider, which vouches for it.
    if (token.length < 200 && (await storage.findInviteEmail(hashToken(token))))
      return c.redirect(`/auth/oidc/start?invite=${encodeURIComponent(token)}`, 303)
    const link =
      token.length < 200 ? await storage.consumeLinkToken(hashToken(token), now().toISOString()) : null
    if (!link) {
      attempts.fail(address)
      return c.html(LINK_GONE, 410)
    }
    const current = c.get('account')
    const account = await accountFor(link, current)
    if (link.kind === 'invite' && link.panelId && link.role) {
      await storage.setMembership({ panelId: link.panelId, accountId: account.id, role: link.role })
      const panel = await hub.open(link.panelId)
      if (panel) {
        const at = now().toISOString()
        const role: Role = link.role
        await panel.appendSystem(() => [
          {
            type: 'member.added',
            by: account.id,
            byName: account.name,
            at,
            accountId: account.id,
            name: account.name,
            role,
          },
          { type: 'member.joined', by: account.id, byName: account.name, at, accountId: account.id },
        ])
      }
    }
    if (!current || current.id !== account.id)
      await startSession(c, storage, account.id, {
        now: now(),
        ttlHours: config.sessionTtlHours,
        secure: config.secureCookies,
      })
    log.info('signed in by link', { kind: link.kind, accountId: account.id, panelId: link.panelId })
    // 303 so the token never stays in the address bar or the history.
    return c.redirect(link.kind === 'invite' && link.panelId ? `/panels/${link.panelId}` : '/', 303)
  })

  async function accountFor(link: LinkToken, current: Account | null): Promise<Account> {
    if (link.kind === 'sign-in' && link.accountId) {
      const a = await storage.findAccount(link.accountId)
      if (a) return a
    }
    if (link.kind === 'invite' && current) return current
    const account: Account = {
      id: newId('a'),
      name: link.name ?? 'Organiser',
      organiser: link.kind === 'first-organiser',
      createdAt: now().toISOString(),
    }
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

  app.get('/api/me', (c) => {
    const a = requireAccount(c)
    return c.json({ account: { id: a.id, name: a.name, organiser: a.organiser } })
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
    role: null,
    accountId: null,
    name: 'Organiser',
    expiresAt: new Date(ctx.now().getTime() + 24 * 3_600_000).toISOString(),
    usedAt: null,
  })
  return `${base}/auth/link/${token}`
}
