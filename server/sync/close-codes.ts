// WebSocket close codes the sync endpoint uses; clients and tests rely on them.
export const CLOSE = {
  /** A fault on our side (the store could not be read or written): reconnect with back-off. */
  serverError: 1011,
  restarting: 1012,
  malformed: 4400,
  unauthenticated: 4401,
  readOnly: 4403,
  notFound: 4404,
  tooLarge: 4413,
  /** The guard refused a workspace update; the reason says why (`refused:<code>[:<draft key>]`). */
  refused: 4422,
  rateLimited: 4429,
  docFull: 4507,
} as const

export const CLOSE_REASON: Record<number, string> = {
  1011: 'server error; reconnect',
  1012: 'server restarting; reconnect',
  4400: 'malformed message',
  4401: 'sign in first',
  4403: 'this document is read-only for you',
  4404: 'no such panel, or you are not a member',
  4413: 'message too large',
  4422: 'refused',
  4429: 'too many messages',
  4507: 'document size limit reached',
}
