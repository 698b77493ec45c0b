// The sync endpoint: /sync/:panelId/(record|workspace), authenticated by the session cookie and Origin.
import { upgradeWebSocket } from '@hono/node-server'
import { Hono, type Context } from 'hono'
import { isAllowedOrigin } from '../auth/origin.ts'
import type { AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { errorBody } from '../http/errors.ts'
import { CLOSE, CLOSE_REASON } from '../sync/close-codes.ts'
import type { SyncConnection } from '../sync/connection.ts'
import { holdForTurn } from '../sync/turn-batch.ts'

/** Frames a client may send before its socket has joined the room (the panel may still be loading). */
const MAX_PENDING_FRAMES = 64

export function syncRoutes(ctx: AppContext) {
  const { storage, sync, config, log, metrics } = ctx
  const app = new Hono<AppEnv>()
  const refuse = (c: Context, status: 401 | 403 | 404, code: string, message: string) => {
    metrics.upgradeRefused(status)
    return c.json(errorBody(code, message), status)
  }

  app.get('/sync/:panelId/:doc', async (c, next) => {
    const doc = c.req.param('doc')
    if (doc !== 'record' && doc !== 'workspace') return refuse(c, 404, 'not-found', 'No such document.')
    if (!isAllowedOrigin(c, config.allowedOrigins))
      return refuse(c, 403, 'bad-origin', 'This origin may not connect.')
    const account = c.get('account')
    if (!account) return refuse(c, 401, 'unauthenticated', 'Sign in first.')
    const panelId = c.req.param('panelId')
    const m = await storage.findMembership(panelId, account.id)
    if (!m) return refuse(c, 404, 'not-found', 'No such panel, or you are not a member of it.')
    const hash = c.get('sessionHash')
    const expiresAt = c.get('sessionExpiresAt')
    const session =
      hash && expiresAt ? { hash, msLeft: new Date(expiresAt).getTime() - ctx.now().getTime() } : null
    const actor = { accountId: account.id, name: account.name, role: m.role, ...(session ? { session } : {}) }
    let conn: SyncConnection | null = null
    let closedEarly = false
    const pending: (Uint8Array | string)[] = []
    let closeSocket: ((code: number, reason: string) => void) | null = null
    const upgrade = upgradeWebSocket(() => ({
      onOpen(_evt, socket) {
        // Every close the server makes goes through here, so refusals are counted by code (once a socket).
        let closing = false
        const ws = {
          send: (data: Uint8Array<ArrayBuffer>) => socket.send(data),
          close: (code: number, reason: string) => {
            if (!closing) metrics.syncClosed(code)
            closing = true
            socket.close(code, reason)
          },
        }
        closeSocket = ws.close
        const raw = socket.raw as
          { bufferedAmount?: number; _socket?: Parameters<typeof holdForTurn>[0] } | undefined
        void sync
          .join(panelId, doc, actor, {
            send: (data) => {
              // A peer that stops reading must not make the server hold its backlog forever.
              if ((raw?.bufferedAmount ?? 0) > 16 << 20) ws.close(4429, 'not reading')
              else {
                // Workspace frames share a write per turn; record frames (a command's effect) go at once,
                // ahead of the command's HTTP answer.
                if (doc === 'workspace') holdForTurn(raw?._socket)
                ws.send(data as Uint8Array<ArrayBuffer>)
              }
            },
            close: (code, reason) => ws.close(code, reason),
          })
          .then((joined) => {
            conn = joined
            if (!conn) return
            if (closedEarly) return sync.leave(conn)
            for (const d of pending.splice(0)) conn.receive(d)
          })
          .catch((e: unknown) => {
            // A store fault while loading the panel: this socket alone is told to come back later.
            log.error('joining a sync room failed', {
              panelId,
              doc,
              error: e instanceof Error ? e.message : String(e),
            })
            ws.close(1011, 'server error; reconnect')
          })
      },
      onMessage(evt) {
        const data = typeof evt.data === 'string' ? evt.data : new Uint8Array(evt.data as ArrayBuffer)
        if (conn) return conn.receive(data)
        // Never drop a frame silently (the client would believe it sent an edit): refuse the socket instead.
        if (pending.length >= MAX_PENDING_FRAMES)
          closeSocket?.(CLOSE.rateLimited, CLOSE_REASON[CLOSE.rateLimited]!)
        else pending.push(data)
      },
      onClose(evt) {
        // The WebSocket layer's own refusal (a frame over maxPayload) never passes through `close` above.
        if (evt.code === 1009) metrics.syncClosed(1009)
        closedEarly = true
        if (conn) sync.leave(conn)
      },
    }))
    return upgrade(c, next)
  })

  return app
}
