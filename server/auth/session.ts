// Session middleware: resolves the cookie to an account; `requireAccount` answers 401 without one.
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Role } from '../../shared/panel/types.ts'
import { ApiError } from '../http/errors.ts'
import type { Account, Storage } from '../storage/port.ts'
import { isQa } from '../accounts/qa-log.ts'
import { hashToken, newToken } from './tokens.ts'

export const SESSION_COOKIE = 'rp_session'

export type AppEnv = {
  Variables: { account: Account | null; sessionHash: string | null; sessionExpiresAt: string | null }
}

export function sessionMiddleware(storage: Storage, now: () => Date): MiddlewareHandler<AppEnv> {
  return async function session(c, next) {
    const token = getCookie(c, SESSION_COOKIE)
    c.set('account', null)
    c.set('sessionHash', null)
    c.set('sessionExpiresAt', null)
    if (token && token.length < 200) {
      const idHash = hashToken(token)
      const s = await storage.findSession(idHash, now().toISOString())
      if (s) {
        c.set('account', await storage.findAccount(s.accountId))
        c.set('sessionHash', idHash)
        c.set('sessionExpiresAt', s.expiresAt)
      }
    }
    await next()
  }
}

export function requireAccount(c: Context<AppEnv>): Account {
  const a = c.get('account')
  if (!a) throw new ApiError(401, 'unauthenticated', 'Sign in first: open the link you were sent.')
  return a
}

export async function requireRole(c: Context<AppEnv>, storage: Storage, panelId: string, allowed?: Role[]) {
  const account = requireAccount(c)
  const readsAsQa = async () =>
    !!(await storage.findPanel(panelId))?.finalisedAt && (await isQa(storage, account.id))
  const m = await storage.findMembership(panelId, account.id)
  // Quality assurance reads every finalised panel, as a reviewer would, and nothing else.
  if (!m && c.req.method === 'GET' && (!allowed || allowed.includes('reviewer')) && (await readsAsQa()))
    return { account, role: 'reviewer' as Role }
  // Non-members learn nothing about whether the panel exists.
  if (!m) throw new ApiError(404, 'not-found', 'No such panel, or you are not a member of it.')
  if (allowed && !allowed.includes(m.role))
    throw new ApiError(403, 'forbidden', `This needs the ${allowed.join(' or ')} role; you are ${m.role}.`)
  return { account, role: m.role }
}

export async function startSession(
  c: Context<AppEnv>,
  storage: Storage,
  accountId: string,
  opts: { now: Date; ttlHours: number; secure: boolean },
): Promise<void> {
  const token = newToken()
  const expires = new Date(opts.now.getTime() + opts.ttlHours * 3_600_000)
  await storage.createSession({
    idHash: hashToken(token),
    accountId,
    createdAt: opts.now.toISOString(),
    expiresAt: expires.toISOString(),
  })
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: opts.secure,
    path: '/',
    maxAge: Math.floor(opts.ttlHours * 3600),
  })
}

export function endSession(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
