// Origin checks: state-changing requests and WebSockets must come from the app's own origin.
import type { Context, MiddlewareHandler } from 'hono'
import { ApiError } from '../http/errors.ts'

export function isAllowedOrigin(c: Context, allowed: string[]): boolean {
  const origin = c.req.header('origin')
  if (!origin) return false
  const host = c.req.header('host')
  const own = host ? [`http://${host}`, `https://${host}`] : []
  return own.includes(origin) || allowed.includes(origin)
}

/** Browsers always send Origin on unsafe requests; a foreign one is refused. Non-browser clients may omit it. */
export function originGuard(allowed: string[]): MiddlewareHandler {
  return async function checkOrigin(c, next) {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)
    if (unsafe) {
      const origin = c.req.header('origin')
      const fromBrowser = origin !== undefined || c.req.header('sec-fetch-site') !== undefined
      if (fromBrowser && !isAllowedOrigin(c, allowed))
        throw new ApiError(403, 'bad-origin', 'This request came from another site and was refused.')
    }
    await next()
  }
}
