// Scenario 5, long history (ours only): a panel whose workspace log holds 100,000 updates. The time a
// new client (a real y-websocket provider) takes to its first complete sync:
//   after a restart    the first client of a fresh process (the panel and the JIT both cold)
//   not in memory      the panel unloaded after being idle, the process warm (the server runs with
//                      idleUnloadMs = 1 s here): loaded from its checkpoint and the updates after it
//   open               the panel already in memory
// then replay seeks to random points of the log through GET /api/panels/:id/replay?workspace=SEQ, as
// the replay view asks (the binary frame) and as JSON.
import type { Ctx } from '../lib/context.ts'
import type { Child } from '../lib/proc.ts'
import type { Target } from '../lib/targets.ts'
import type { FirstSyncResult, SeekResult } from '../lib/http-load.ts'
import { distOf, type Dist } from '../lib/stats.ts'

export interface HistoryRun {
  afterRestartMs: number
  notInMemory: Dist
  open: Dist
  /** The binary answer (what the replay view reads). */
  seek: Dist
  /** The JSON answer (base64 workspace), for comparison. */
  seekJson: Dist
  seekBytes: number
  seekJsonBytes: number
  seekFailures: number
  chars: number
  docBytes: number
}

/** ours' idle unload while scenario 5 runs, so a panel can be closed and opened again. */
export const HISTORY_IDLE_UNLOAD_MS = 1000

/** Runs on a freshly started ours, before anything else has opened the history panel. */
export async function runHistory(ctx: Ctx, t: Target, gen: Child): Promise<HistoryRun> {
  const c = ctx.cfg.history
  const w = ctx.ours!
  const sync = (panelId: string, runs: number) =>
    gen.request<FirstSyncResult>('firstSync', {
      url: t.url,
      cookie: w.organiser,
      timeoutMs: 30_000,
      panelId,
      doc: 'workspace',
      runs,
    })
  const unloaded = async () => {
    const until = performance.now() + 15_000
    while (performance.now() < until) {
      if (!(await t.child.request<boolean>('isOpen', { panelId: w.history.id }))) return
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error('the history panel was not unloaded within 15 s')
  }
  await sync(w.idle[0]!, 2)
  const afterRestart = await sync(w.history.id, 1)
  const open = await sync(w.history.id, c.firstSyncRuns)
  const notInMemory: number[] = []
  for (let i = 0; i < c.firstSyncRuns; i++) {
    await unloaded()
    notInMemory.push(...(await sync(w.history.id, 1)).ms)
  }
  const { binary: seek, json: seekJson } = await gen.request<{ binary: SeekResult; json: SeekResult }>(
    'seeks',
    {
      url: t.url,
      panelId: w.history.id,
      cookie: w.organiser,
      firstSeq: w.history.firstSeq,
      lastSeq: w.history.lastSeq,
      count: c.seeks,
    },
    300_000,
  )
  return {
    afterRestartMs: afterRestart.ms[0]!,
    notInMemory: distOf(notInMemory),
    open: distOf(open.ms),
    seek: seek.latency,
    seekJson: seekJson.latency,
    seekBytes: seek.meanBytes,
    seekJsonBytes: seekJson.meanBytes,
    seekFailures: seek.failures + seekJson.failures,
    chars: afterRestart.chars,
    docBytes: afterRestart.updateBytes,
  }
}
