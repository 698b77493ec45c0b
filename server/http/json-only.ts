// State-changing requests carry JSON or nothing: a form another site submits (urlencoded, multipart,
// text/plain) is refused before any route sees it, whatever cookies the browser attached.
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors.ts'

const JSON_TYPE = /^application\/json\s*(;.*)?$/i

export function jsonOnly(): MiddlewareHandler {
  return async function requireJsonBody(c, next) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const length = c.req.header('content-length')
      const hasBody =
        (length !== undefined && length !== '0') || c.req.header('transfer-encoding') !== undefined
      const type = c.req.header('content-type')
      if ((hasBody || type !== undefined) && !JSON_TYPE.test((type ?? '').trim()))
        throw new ApiError(415, 'unsupported-media-type', 'Send the body as application/json.')
    }
    await next()
  }
}
