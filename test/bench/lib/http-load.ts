// Generator tasks for ours' single-server scenarios: first sync of a new client (a real y-websocket
// provider), replay seeks, and votes as commands from concurrent clients.
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { emit, type Handler } from './ipc.ts'
import { distOf, type Dist } from './stats.ts'

const socketWithHeaders = (headers: Record<string, string>) =>
  class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }

export interface FirstSyncResult {
  ms: number[]
  /** Characters of draft text the synced client holds (a check that it got the whole history). */
  chars: number
  updateBytes: number
}

async function firstSync(p: {
  url: string
  panelId: string
  doc: string
  cookie: string
  runs: number
  timeoutMs: number
}): Promise<FirstSyncResult> {
  const ms: number[] = []
  let chars = 0
  let updateBytes = 0
  for (let i = 0; i < p.runs; i++) {
    const doc = new Y.Doc()
    const started = performance.now()
    const provider = new WebsocketProvider(p.url.replace(/^http/, 'ws') + `/sync/${p.panelId}`, p.doc, doc, {
      WebSocketPolyfill: socketWithHeaders({ cookie: p.cookie, origin: p.url }) as never,
      disableBc: true,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no sync within ${p.timeoutMs} ms`)), p.timeoutMs)
        provider.once('sync', () => {
          clearTimeout(timer)
          resolve()
        })
      })
      ms.push(performance.now() - started)
      const drafts = doc.getMap<Y.Text>('drafts')
      chars = [...drafts.values()].reduce((n, t) => n + t.length, 0)
      updateBytes = Y.encodeStateAsUpdate(doc).byteLength
    } finally {
      provider.destroy()
      doc.destroy()
    }
  }
  return { ms, chars, updateBytes }
}

export interface SeekResult {
  latency: Dist
  failures: number
  meanBytes: number
}

/**
 * Seeks to random points of the log, one at a time, each point asked for twice in turn: as the binary
 * frame the replay view reads (shared/replay-frame.ts) and as JSON (base64 workspace), so the
 * machine's noise falls on both alike.
 */
async function seeks(p: {
  url: string
  panelId: string
  cookie: string
  firstSeq: number
  lastSeq: number
  count: number
}): Promise<{ binary: SeekResult; json: SeekResult }> {
  const runs = {
    binary: { times: [] as number[], failures: 0, bytes: 0 },
    json: { times: [] as number[], failures: 0, bytes: 0 },
  }
  let rnd = 7
  const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  for (let i = 0; i < p.count; i++) {
    const seq = p.firstSeq + Math.floor(random() * (p.lastSeq - p.firstSeq + 1))
    const order = i % 2 ? (['json', 'binary'] as const) : (['binary', 'json'] as const)
    for (const format of order) {
      const r = runs[format]
      const started = performance.now()
      const res = await fetch(`${p.url}/api/panels/${p.panelId}/replay?workspace=${seq}`, {
        headers: {
          cookie: p.cookie,
          accept: format === 'binary' ? 'application/octet-stream' : 'application/json',
        },
      })
      const body = await res.arrayBuffer()
      r.times.push(performance.now() - started)
      r.bytes += body.byteLength
      if (res.status !== 200) r.failures++
    }
  }
  const result = (r: (typeof runs)['binary']): SeekResult => ({
    latency: distOf(r.times),
    failures: r.failures,
    meanBytes: r.bytes / Math.max(1, p.count),
  })
  return { binary: result(runs.binary), json: result(runs.json) }
}

export interface CommandsResult {
  accepted: number
  refused: Record<string, number>
  perSec: number
  latency: Dist
  finalVersion: number | null
}

/** Every voter votes in a loop, alternating support and oppose, each with a written justification. */
async function commands(p: {
  url: string
  panels: { id: string; proposalId: string; voters: string[] }[]
  durationMs: number
  warmupMs: number
}): Promise<CommandsResult> {
  const times: number[] = []
  const refused: Record<string, number> = {}
  let accepted = 0
  let finalVersion: number | null = null
  const started = performance.now()
  const measureFrom = started + p.warmupMs
  const end = measureFrom + p.durationMs
  const marks = [
    setTimeout(() => emit('window-start'), p.warmupMs),
    setTimeout(() => emit('window-end'), p.warmupMs + p.durationMs),
  ]
  const loops = p.panels.flatMap((panel) =>
    panel.voters.map(async (cookie, v) => {
      for (let n = 0; performance.now() < end; n++) {
        const stance = (n + v) % 2 ? 'oppose' : 'support'
        const body = {
          type: 'vote',
          proposalId: panel.proposalId,
          stance,
          justification: `Vote ${n} by voter ${v}: ${stance === 'support' ? 'the sample supports the higher band' : 'one case flips it, so not yet'}; see the notes on 2.1.`,
        }
        const t0 = performance.now()
        const res = await fetch(`${p.url}/api/panels/${panel.id}/commands`, {
          method: 'POST',
          headers: { cookie, origin: p.url, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        const json = (await res.json()) as { version?: number; error?: { code: string } }
        const t1 = performance.now()
        if (t0 < measureFrom || t1 > end) continue
        times.push(t1 - t0)
        if (res.status === 200) {
          accepted++
          finalVersion = json.version ?? finalVersion
        } else {
          const k = `${res.status} ${json.error?.code ?? ''}`.trim()
          refused[k] = (refused[k] ?? 0) + 1
        }
      }
    }),
  )
  await Promise.all(loops)
  marks.forEach(clearTimeout)
  return { accepted, refused, perSec: (accepted / p.durationMs) * 1000, latency: distOf(times), finalVersion }
}

export const httpTasks: Record<string, Handler> = { firstSync, seeks, commands }
