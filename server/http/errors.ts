// The one HTTP error type and its JSON shape: { error: { code, message, problems?, problemCount? } }.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import type { Problem } from '../../shared/result.ts'
import type { DomainError } from '../../shared/panel/types.ts'
import type { Logger } from '../logger.ts'
import { jsonShapeProblem } from './json-shape.ts'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const DOMAIN_STATUS: Record<DomainError['code'], ContentfulStatusCode> = {
  forbidden: 403,
  'not-found': 404,
  finalised: 409,
  conflict: 409,
  'below-quorum': 409,
  invalid: 422,
}

export const fromDomainError = (e: DomainError): ApiError =>
  new ApiError(DOMAIN_STATUS[e.code], e.code, e.message)

/** An answer lists at most this many problems; `problemCount` says how many there were (the `rate` CLI names them all). */
export const MAX_PROBLEMS = 100

/**
 * A problem as an answer shows it. Problems name where and never repeat a value; should a location (a key
 * someone typed) or a message still hold what the detector refuses, it is cut rather than repeated.
 */
export function shownProblem(p: Problem): Problem {
  const first = p.where.split('.')[0]!
  const where = !personalDataIn(p.where) ? p.where : personalDataIn(first) ? '(body)' : `${first}.…`
  const message = personalDataIn(p.message)
    ? 'this value looks like personal data, so it is not repeated here'
    : p.message
  return { where, message }
}

export function errorBody(code: string, message: string, problems?: Problem[]) {
  return {
    error: {
      code,
      message,
      ...(problems
        ? { problems: problems.slice(0, MAX_PROBLEMS).map(shownProblem), problemCount: problems.length }
        : {}),
    },
  }
}

/** Maps every thrown error to the JSON shape; never leaks a stack trace. */
export function makeErrorHandler(log: Logger) {
  return function onError(e: unknown, c: Context) {
    if (e instanceof ApiError) return c.json(errorBody(e.code, e.message, e.problems), e.status)
    if (e instanceof Error && e.name === 'IntegrityError') {
      log.error('panel refused: store does not match its signed head', { path: c.req.path, error: e.message })
      return c.json(
        errorBody(
          'integrity',
          "This panel's stored history does not match the head the server signed; it stays closed until an operator checks it with npm run verify.",
        ),
        503,
      )
    }
    const status = (e as { status?: number }).status
    if (typeof status === 'number' && status >= 400 && status < 500)
      return c.json(
        errorBody('bad-request', (e as Error).message || 'Bad request'),
        status as ContentfulStatusCode,
      )
    log.error('request failed', {
      method: c.req.method,
      path: c.req.path,
      error: e instanceof Error ? e.message : String(e),
    })
    return c.json(errorBody('internal', 'Something went wrong on the server; nothing was changed.'), 500)
  }
}

/** Parses a JSON body, answering 400 with the JSON error shape when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (!type.includes('application/json'))
    throw new ApiError(415, 'unsupported-media-type', 'Send the body as application/json.')
  const text = await c.req.text()
  // Before parsing: a body too deep or too wide to read is refused in one cheap pass over its characters.
  const shape = jsonShapeProblem(text)
  if (shape)
    throw new ApiError(413, 'too-large', `The body is too large to read: ${shape.where}: ${shape.message}.`, [
      shape,
    ])
  try {
    return JSON.parse(text) as unknown
  } catch (e) {
    throw new ApiError(400, 'invalid-json', `The body is not valid JSON${jsonErrorAt((e as Error).message)}.`)
  }
}

/** Where JSON.parse stopped, without the excerpt of the body its message quotes (it could be personal data). */
function jsonErrorAt(message: string): string {
  const position = /position (\d+)/.exec(message)?.[1]
  if (position) return ` (at character ${position})`
  return /end of JSON input/.test(message) ? ' (it ends too early)' : ''
}
