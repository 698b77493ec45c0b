// Real y-websocket providers against the test server, authenticated by cookie, with event-based waits.
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createResyncingWorkspace, type Restart } from '../../client/src/stores/workspace-resync.ts'
import type { Member } from './server.ts'

export interface Client {
  /** The current doc and provider (a resyncing client replaces both after a refusal). */
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  closes: { code: number; reason: string }[]
  /** A resyncing client's restarts after refusals, with what it had not shared. */
  restarts: Restart[]
  destroy(): void
}

/** A WebSocket class that sends the member's cookie and the server's origin, as a browser would. */
function socketClass(cookie: string, origin: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, origin } })
    }
  } as unknown as typeof WebSocket
}

/**
 * A provider as the browser opens one. With `resync`, the workspace is the browser's own resyncing
 * workspace (client/src/stores/workspace-resync.ts): a refused update makes it start again from the server.
 */
export function connect(
  serverUrl: string,
  member: Member,
  panelId: string,
  doc: 'record' | 'workspace',
  opts: { connect?: boolean; resync?: boolean } = {},
): Client {
  const closes: Client['closes'] = []
  const restarts: Restart[] = []
  const make = (ydoc: Y.Doc) => {
    const provider = new WebsocketProvider(serverUrl.replace(/^http/, 'ws') + `/sync/${panelId}`, doc, ydoc, {
      WebSocketPolyfill: socketClass(member.cookie, serverUrl) as never,
      connect: opts.connect ?? true,
      disableBc: true,
      maxBackoffTime: 300,
    })
    provider.on('connection-close', (e: any) => {
      if (e) closes.push({ code: e.code, reason: String(e.reason ?? '') })
    })
    return provider
  }
  if (opts.resync) {
    const ws = createResyncingWorkspace(make)
    ws.onRestarted((r) => restarts.push(r))
    return {
      get doc() {
        return ws.doc
      },
      get provider() {
        return ws.provider
      },
      closes,
      restarts,
      destroy: () => ws.destroy(),
    }
  }
  const ydoc = new Y.Doc()
  const provider = make(ydoc)
  return {
    doc: ydoc,
    provider,
    closes,
    restarts,
    destroy: () => {
      provider.destroy()
      ydoc.destroy()
    },
  }
}

export function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve()
    const started = Date.now()
    const tick = setInterval(() => {
      if (check()) {
        clearInterval(tick)
        resolve()
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(tick)
        reject(new Error(`timed out waiting for ${what}`))
      }
    }, 10)
  })
}

export const synced = (c: Client) => waitFor(() => c.provider.synced, 'sync')
