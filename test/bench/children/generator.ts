// A load generator process: raw clients (typing, presence), a real y-websocket provider for the
// convergence check, and HTTP load for commands and replay. Its own CPU is read from /proc too.
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { emit, serveRequests } from '../lib/ipc.ts'
import { Load, type ConnectPlan, type RunPlan } from '../lib/load.ts'
import { httpTasks } from '../lib/http-load.ts'
import { recordTraffic } from '../lib/record-load.ts'
import { closeCold, openCold } from '../lib/cold-load.ts'

let load: Load | null = null

/** A WebSocket class that sends fixed headers (cookie, origin), as a browser would. */
const socketWithHeaders = (headers: Record<string, string>) =>
  class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }

const waitUntil = async (ok: () => boolean, ms: number): Promise<boolean> => {
  const until = performance.now() + ms
  while (!ok() && performance.now() < until) await new Promise((r) => setTimeout(r, 20))
  return ok()
}

serveRequests({
  connect: async (plan: ConnectPlan) => {
    load?.close()
    load = new Load()
    return load.connect(plan)
  },
  run: (plan: RunPlan) =>
    load!.run(plan, {
      start: () => emit('window-start'),
      end: () => emit('window-end'),
    }),
  state: ({ index }: { index: number }) => {
    const s = load?.stateOf(index)
    return s ? Buffer.from(s).toString('base64') : null
  },
  texts: () => load?.texts() ?? [],
  close: () => {
    load?.close()
    load = null
    return true
  },
  /**
   * Convergence with a real y-websocket provider in the same room as the raw clients: the provider
   * types too, and every raw replica must end up equal to the provider's.
   */
  providerCheck: async (p: {
    serverUrl: string
    room: string
    headers: Record<string, string>
    typeMs: number
  }) => {
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(p.serverUrl, p.room, doc, {
      WebSocketPolyfill: socketWithHeaders(p.headers) as never,
      disableBc: true,
    })
    try {
      const synced = await waitUntil(() => provider.synced, 10_000)
      const run = load!.run({ durationMs: p.typeMs, rate: 10, presenceOnType: true, drainMs: 3000 })
      const text =
        // A shared note: decision drafts are the lead's alone, and the server's guard says so.
        doc
          .getMap<Y.Text>('drafts')
          .get([...doc.getMap('drafts').keys()].filter((k) => k.startsWith('note:')).sort()[0] ?? '') ??
        doc.getText('typing-provider')
      for (let i = 0; i < 5; i++) {
        text.insert(text.length, `provider ${i};`)
        await new Promise((r) => setTimeout(r, 50))
      }
      const result = await run
      const mine = () => JSON.stringify(doc.getMap('drafts').toJSON())
      const converged = await waitUntil(() => load!.texts().every((t) => t === mine()), 10_000)
      return { synced, converged, lost: result.lost, received: result.received, chars: mine().length }
    } finally {
      provider.destroy()
      doc.destroy()
    }
  },
  ...httpTasks,
  recordTraffic,
  openCold,
  closeCold,
})
