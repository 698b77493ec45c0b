/*
 * Replay seek benchmark: `npx tsx test/bench/seek.ts [--updates=100000] [--seeks=300]`, or call runSeekBench().
 *
 * Builds a panel whose workspace log holds N updates (default 100,000), written in this process through
 * LivePanel.acceptWorkspaceUpdate: the durable append, the apply and a checkpoint every 500, the path a
 * socket write takes, only without the socket (test/bench/lib/history.ts). Then times, one at a time:
 *   seek          GET /api/panels/:id/replay?event=E&workspace=SEQ to random points (what the replay view asks)
 *   seek, server  workspaceAt() alone (checkpoint + the updates after it), no HTTP or JSON
 *   no checkpoint a few seeks folding every update from the start, for scale
 *   history       GET /api/panels/:id/history (the view loads it once) and building its timeline
 *   first sync    a new y-websocket client to its 'sync' event: panel in memory, and after a restart
 * The server runs in this process (SQLite in a temp dir); requests are sequential, so client and server
 * never compete for the event loop. Prints the numbers; tests never assert on time.
 */
import fs from 'node:fs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { workspaceAt } from '../../server/panels/audit.ts'
import { WORKSPACE_CHECKPOINT_EVERY } from '../../server/panels/live-panel.ts'
import type { Storage } from '../../server/storage/port.ts'
import { makeTimeline, type HistoryAnswer } from '../../client/src/views/replay/timeline.ts'
import { startTestServer, type Member, type TestServer } from '../support/server.ts'
import { buildHistory } from './lib/history.ts'
import { distOf, type Dist } from './lib/stats.ts'

export interface SeekBenchOptions {
  updates?: number
  seeks?: number
  /** Seeks that fold the whole log without checkpoints (slow by design; a handful). */
  uncheckpointedSeeks?: number
  firstSyncRuns?: number
  typists?: number
  log?: (line: string) => void
}

export interface SeekBenchResult {
  updates: number
  checkpoints: number
  buildMs: number
  seekHttp: Dist
  seekHttpMeanBytes: number
  seekServer: Dist
  seekNoCheckpoint: Dist
  historyMs: number
  historyBytes: number
  timelineMs: number
  firstSyncOpen: Dist
  firstSyncAfterRestartMs: number
  draftChars: number
  workspaceBytes: number
}

const socketWithHeaders = (headers: Record<string, string>) =>
  class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }

/** A fresh y-websocket client's time to its first complete sync, and what it then holds. */
async function timeFirstSync(
  t: TestServer,
  member: Member,
  panelId: string,
): Promise<{ ms: number; chars: number; bytes: number }> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(
    t.url.replace(/^http/, 'ws') + `/sync/${panelId}`,
    'workspace',
    doc,
    {
      WebSocketPolyfill: socketWithHeaders({ cookie: member.cookie, origin: t.url }) as never,
      disableBc: true,
    },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync within 60 s')), 60_000)
      provider.once('sync', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    const ms = performance.now() - started
    const chars = [...doc.getMap<Y.Text>('drafts').values()].reduce((n, text) => n + text.length, 0)
    return { ms, chars, bytes: Y.encodeStateAsUpdate(doc).byteLength }
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** Deterministic points to seek to. */
function seekPoints(firstSeq: number, lastSeq: number, count: number): number[] {
  let rnd = 11
  const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  return Array.from({ length: count }, () => firstSeq + Math.floor(random() * (lastSeq - firstSeq + 1)))
}

async function countCheckpoints(storage: Storage, panelId: string, lastSeq: number): Promise<number> {
  let n = 0
  for (
    let cp = await storage.loadCheckpoint(panelId, 'workspace', lastSeq);
    cp;
    cp = await storage.loadCheckpoint(panelId, 'workspace', cp.seq - 1)
  )
    n++
  return n
}

export async function runSeekBench(opts: SeekBenchOptions = {}): Promise<SeekBenchResult> {
  const updates = opts.updates ?? 100_000
  const seeks = opts.seeks ?? 300
  const log = opts.log ?? ((line: string) => console.log(line))
  let t = await startTestServer({ quiet: true })
  const dataDir = t.dataDir
  try {
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events.length as number

    log(
      `seek bench: writing ${updates.toLocaleString('en-GB')} workspace updates (checkpoint every ${WORKSPACE_CHECKPOINT_EVERY})…`,
    )
    const b0 = performance.now()
    const { firstSeq, lastSeq } = await buildHistory(t.server.ctx.hub, {
      panelId,
      updates,
      members: opts.typists ?? 6,
      accountId: lead.accountId,
    })
    const buildMs = performance.now() - b0
    const checkpoints = await countCheckpoints(t.server.storage, panelId, lastSeq)
    log(`  written in ${(buildMs / 1000).toFixed(1)} s; ${checkpoints} checkpoints`)

    // Warm up the route and the JIT with a few seeks not counted.
    for (const seq of seekPoints(firstSeq, lastSeq, 10))
      await t.api(lead, 'GET', `/api/panels/${panelId}/replay?event=${events}&workspace=${seq}`)

    const http: number[] = []
    let bytes = 0
    for (const seq of seekPoints(firstSeq, lastSeq, seeks)) {
      const started = performance.now()
      const res = await fetch(`${t.url}/api/panels/${panelId}/replay?event=${events}&workspace=${seq}`, {
        headers: { cookie: lead.cookie },
      })
      const body = await res.arrayBuffer()
      http.push(performance.now() - started)
      if (res.status !== 200) throw new Error(`seek to ${seq}: ${res.status}`)
      bytes += body.byteLength
    }
    const h0 = performance.now()
    const historyRes = await fetch(`${t.url}/api/panels/${panelId}/history`, {
      headers: { cookie: lead.cookie },
    })
    const historyText = await historyRes.text()
    const historyMs = performance.now() - h0
    const tl0 = performance.now()
    const timeline = makeTimeline(JSON.parse(historyText) as HistoryAnswer)
    const timelineMs = performance.now() - tl0
    if (timeline.length !== events + updates + 1) throw new Error(`timeline holds ${timeline.length} steps`)

    const server: number[] = []
    for (const seq of seekPoints(firstSeq, lastSeq, seeks)) {
      const started = performance.now()
      await workspaceAt(t.server.storage, panelId, seq)
      server.push(performance.now() - started)
    }

    // The same fold without checkpoints: a store that hides them. It holds the event loop for seconds, so it
    // comes after the HTTP figures (an idle keep-alive socket would be closed under the next request).
    const bare: Storage = { ...t.server.storage, loadCheckpoint: async () => null }
    const folded: number[] = []
    for (const seq of seekPoints(firstSeq, lastSeq, opts.uncheckpointedSeeks ?? 5)) {
      const started = performance.now()
      await workspaceAt(bare, panelId, seq)
      folded.push(performance.now() - started)
    }

    const open: number[] = []
    let sync = { ms: 0, chars: 0, bytes: 0 }
    for (let i = 0; i < (opts.firstSyncRuns ?? 5); i++) {
      sync = await timeFirstSync(t, lead, panelId)
      open.push(sync.ms)
    }
    // A restart: the panel loads from its latest checkpoint and the updates after it.
    await t.close(false)
    t = await startTestServer({ quiet: true, dataDir })
    const afterRestart = await timeFirstSync(t, lead, panelId)
    if (afterRestart.chars !== sync.chars)
      throw new Error(`after a restart the drafts hold ${afterRestart.chars} characters, not ${sync.chars}`)

    const result: SeekBenchResult = {
      updates,
      checkpoints,
      buildMs,
      seekHttp: distOf(http),
      seekHttpMeanBytes: bytes / seeks,
      seekServer: distOf(server),
      seekNoCheckpoint: distOf(folded),
      historyMs,
      historyBytes: historyText.length,
      timelineMs,
      firstSyncOpen: distOf(open),
      firstSyncAfterRestartMs: afterRestart.ms,
      draftChars: sync.chars,
      workspaceBytes: sync.bytes,
    }
    printSeekBench(result, log)
    return result
  } finally {
    await t.close(false)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1))
const dist = (d: Dist) =>
  `p50 ${ms(d.p50)} ms, p95 ${ms(d.p95)} ms, p99 ${ms(d.p99)} ms, max ${ms(d.max)} ms (${d.count} samples)`

export function printSeekBench(r: SeekBenchResult, log: (line: string) => void = console.log): void {
  log(
    `Replay seek, a workspace log of ${r.updates.toLocaleString('en-GB')} updates (${r.checkpoints} checkpoints; drafts hold ${r.draftChars.toLocaleString('en-GB')} characters, ${(r.workspaceBytes / 1024).toFixed(0)} KB as one update)`,
  )
  log(
    `- seek, GET /replay?event&workspace:     ${dist(r.seekHttp)}; ${(r.seekHttpMeanBytes / 1024).toFixed(0)} KB an answer`,
  )
  log(`- seek, server fold alone (workspaceAt):  ${dist(r.seekServer)}`)
  log(`- seek without checkpoints, for scale:    ${dist(r.seekNoCheckpoint)}`)
  log(
    `- history, GET /history once per view:    ${ms(r.historyMs)} ms, ${(r.historyBytes / 1024 / 1024).toFixed(1)} MB; timeline built in ${ms(r.timelineMs)} ms`,
  )
  log(`- first complete sync, panel in memory:   ${dist(r.firstSyncOpen)}`)
  log(`- first complete sync, after a restart:   ${ms(r.firstSyncAfterRestartMs)} ms`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  await runSeekBench({ updates: Number(option('updates') ?? 100_000), seeks: Number(option('seeks') ?? 300) })
}
