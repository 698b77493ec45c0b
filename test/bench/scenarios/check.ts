// The raw clients checked against real ones, per server, before any figure is taken: three raw
// clients type (and publish presence) in one panel; every delivery must arrive and every replica
// must converge. Ours and the relay: with a real y-websocket WebsocketProvider in the same room,
// which types too. Hocuspocus (its own provider is not installed here): with the server's own copy
// of the document.
import * as Y from 'yjs'
import { panelRooms, type Ctx } from '../lib/context.ts'
import type { RunResult } from '../lib/load.ts'
import type { Child } from '../lib/proc.ts'
import type { Target } from '../lib/targets.ts'

export interface CheckResult {
  ok: boolean
  against: string
  detail: string
}

const draftsOf = (b64: string | null) => {
  const d = new Y.Doc()
  if (b64) Y.applyUpdate(d, Buffer.from(b64, 'base64'))
  return JSON.stringify(d.getMap('drafts').toJSON())
}

export async function runCheck(ctx: Ctx, t: Target, gen: Child): Promise<CheckResult> {
  const kind = t.kind
  // Panels far from scenario 1's, so the check leaves nothing in the documents measured.
  const [room] = panelRooms(ctx, t, 1, 3, ctx.cfg.panels.panels)
  await gen.request('connect', { rooms: [room], applyRemote: true, presence: true, concurrency: 3 })
  if (kind === 'hocuspocus') {
    const r = await gen.request<RunResult>('run', {
      durationMs: 400,
      rate: 10,
      presenceOnType: true,
      drainMs: 3000,
    })
    const texts = await gen.request<string[]>('texts')
    const server = draftsOf(
      await t.child.request<string | null>('docState', { name: `${room!.key}/workspace` }),
    )
    const ok = r.lost === 0 && r.presence.lost === 0 && texts.every((x) => x === server) && server.length > 2
    return {
      ok,
      against: "the server's own document",
      detail: `${r.received}/${r.expected} updates, ${r.presence.received}/${r.presence.expected} presence, ${texts.length} replicas ${texts.every((x) => x === server) ? 'equal to' : 'DIFFERENT from'} the server's`,
    }
  }
  // Ours ×2: the raw clients alternate between its two processes; the provider is on the first.
  const organiser = t.scaleOut ? t.scaleOut.panels[0]!.members[0]! : ctx.ours?.panels[0]?.members[0]
  const headers: Record<string, string> =
    kind === 'ours' || kind === 'ours-2' ? { cookie: organiser!, origin: t.url } : {}
  const r = await gen.request<{
    synced: boolean
    converged: boolean
    lost: number
    received: number
    chars: number
  }>('providerCheck', {
    serverUrl: `${t.url.replace(/^http/, 'ws')}/sync/${room!.key}`,
    room: 'workspace',
    headers,
    typeMs: 400,
  })
  return {
    ok: r.synced && r.converged && r.lost === 0,
    against: 'a y-websocket WebsocketProvider',
    detail: `provider ${r.synced ? 'synced' : 'NOT synced'}, ${r.received} deliveries, ${r.lost} lost, replicas ${r.converged ? 'converged' : 'DID NOT converge'} (${r.chars} chars of drafts)`,
  }
}
