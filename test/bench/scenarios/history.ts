// Scenario 5, long history (ours only): a panel whose workspace log holds 100,000 updates. The time a
// new client (a real y-websocket provider) takes to its first complete sync, with the panel not yet
// in memory (cold: loaded from its checkpoint and the updates after it) and already open (warm);
// then replay seeks to random points of the log through GET /api/panels/:id/replay?workspace=SEQ.
import type { Ctx } from '../lib/context.ts'
import type { Child } from '../lib/proc.ts'
import type { Target } from '../lib/targets.ts'
import type { FirstSyncResult, SeekResult } from '../lib/http-load.ts'
import { distOf, type Dist } from '../lib/stats.ts'

export interface HistoryRun {
  coldMs: number
  warm: Dist
  seek: Dist
  seekFailures: number
  chars: number
  docBytes: number
  seekBytes: number
}

/** Runs on a freshly started ours, before anything else has opened the history panel. */
export async function runHistory(ctx: Ctx, t: Target, gen: Child): Promise<HistoryRun> {
  const c = ctx.cfg.history
  const w = ctx.ours!
  const base = { url: t.url, cookie: w.organiser, timeoutMs: 30_000 }
  // Warm the server's code paths (JIT) on another panel, so "cold" means the panel, not the process.
  await gen.request('firstSync', { ...base, panelId: w.idle[0], doc: 'workspace', runs: 2 })
  const cold = await gen.request<FirstSyncResult>('firstSync', {
    ...base,
    panelId: w.history.id,
    doc: 'workspace',
    runs: 1,
  })
  const warm = await gen.request<FirstSyncResult>('firstSync', {
    ...base,
    panelId: w.history.id,
    doc: 'workspace',
    runs: c.firstSyncRuns,
  })
  const seek = await gen.request<SeekResult>(
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
    coldMs: cold.ms[0]!,
    warm: distOf(warm.ms),
    seek: seek.latency,
    seekFailures: seek.failures,
    chars: cold.chars,
    docBytes: cold.updateBytes,
    seekBytes: seek.meanBytes,
  }
}
